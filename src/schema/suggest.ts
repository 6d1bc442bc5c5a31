/**
 * "Did you mean …?" for unknown fields: a close sibling (a typo), or the same field one level
 * down (a key written on the wrong object, e.g. `node_type_id` on a job cluster instead of
 * inside its `new_cluster`).
 */
import type { JsonSchema } from './dsl.js';

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Allowed typo size: about a third of the name (one edit for short names, at most three). */
function maxDistance(name: string): number {
  return name.length < 5 ? 1 : name.length < 9 ? 2 : 3;
}

/** The closest candidate within the allowed distance (ties: the first in order), if any. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const d = c.toLowerCase() === lower ? 0 : editDistance(name, c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= maxDistance(name) ? best : undefined;
}

/**
 * A hint for `field`, unknown on an object described by `node`: `did you mean "x"?` or
 * `did you mean "new_cluster.node_type_id"?`. `resolve` follows `$ref`s.
 */
export function suggestField(field: string, node: JsonSchema, resolve: (n: JsonSchema) => JsonSchema): string | undefined {
  const props = suggestable(node);
  const near = closest(field, Object.keys(props));
  if (near !== undefined) return `did you mean "${near}"?`;
  for (const [name, child] of Object.entries(props)) {
    const target = resolve(child);
    if (target.properties && Object.prototype.hasOwnProperty.call(target.properties, field)) {
      return `did you mean "${name}.${field}"? ${field} belongs inside ${name}`;
    }
  }
  return undefined;
}

/** Properties worth suggesting: not hidden (read-only or private preview keys). */
function suggestable(node: JsonSchema): Record<string, JsonSchema> {
  const props = (node.properties ?? {}) as Record<string, JsonSchema>;
  return Object.fromEntries(Object.entries(props).filter(([, p]) => p.doNotSuggest !== true));
}
