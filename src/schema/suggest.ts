/**
 * "Did you mean …?" for unknown fields: a close sibling (a typo), or the same field one level
 * down (a key written on the wrong object, e.g. `node_type_id` on a job cluster instead of
 * inside its `new_cluster`).
 */
import type { JsonSchema } from './dsl.js';

/**
 * Optimal string alignment distance: Levenshtein plus adjacent transpositions. Three rolling
 * rows keep it allocation-light: a bundle with a thousand typos asks for ~40,000 of these.
 */
export function editDistance(a: string, b: string): number {
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      cur[j] = v;
    }
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[b.length]!;
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
  const max = maxDistance(name);
  for (const c of candidates) {
    if (Math.abs(c.length - name.length) > max) continue;
    const d = c.toLowerCase() === lower ? 0 : editDistance(name, c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= max ? best : undefined;
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
