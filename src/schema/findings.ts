/**
 * Raw ajv errors → findings: one record per real problem, with the failing value and schema
 * node at hand, before any bundle- or API-specific rule applies.
 *
 * Thanks to the schema's shape (dsl.ts) there is little noise to remove: interpolation
 * alternatives of enums report from the shared `Interpolation` definition and their `anyOf`
 * wrapper reports once more, and both are dropped; a failed interpolation `pattern` on a
 * non-string node is the type error it really is ("abc" where an integer belongs).
 */
import type { ErrorObject } from 'ajv';
import type { ConfigPath } from '../diag/diagnostic.js';
import { INTERPOLATION_DEF, INTERPOLATION_PATTERN, type JsonSchema } from './dsl.js';

/** `range` is produced by rules.ts for integers beyond int64, which ajv cannot see. */
export type FindingKind = 'unknown-field' | 'required' | 'type' | 'enum' | 'range' | 'other';

export interface Finding {
  kind: FindingKind;
  /** Where: the value for type/enum/other, the object holding the field for unknown-field/required. */
  path: ConfigPath;
  /** The field an unknown-field or required finding is about. */
  field?: string;
  /** JSON Schema type the value should have (first of the node's types): 'object', 'integer', … */
  expected?: string;
  /** Allowed values of an enum. */
  allowed?: readonly unknown[];
  /** The value at `path`. */
  value: unknown;
  /** The schema node that failed. */
  node: JsonSchema;
  /** ajv's message, for 'other' findings. */
  message?: string;
}

const INTERPOLATION_PREFIX = `#/$defs/${INTERPOLATION_DEF}/`;

/** Distils ajv errors (from a validator compiled with `verbose: true`) over `root`. */
export function distill(errors: readonly ErrorObject[], root: unknown): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const f = toFinding(e, root);
    if (!f) continue;
    const id = `${f.kind}\u0000${e.instancePath}\u0000${f.field ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(f);
  }
  return out;
}

function toFinding(e: ErrorObject, root: unknown): Finding | undefined {
  if (e.keyword === 'anyOf' || e.schemaPath.startsWith(INTERPOLATION_PREFIX)) return undefined;
  const node = (e.parentSchema ?? {}) as JsonSchema;
  const base = { path: decodePointer(e.instancePath, root), value: e.data, node };
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { ...base, kind: 'unknown-field', field: String(params.additionalProperty) };
    case 'required':
      return { ...base, kind: 'required', field: String(params.missingProperty) };
    case 'type':
      return { ...base, kind: 'type', expected: firstType(params.type) };
    case 'enum':
      return { ...base, kind: 'enum', allowed: params.allowedValues as unknown[] };
    case 'pattern':
      if (isInterpolationAlternative(node)) return { ...base, kind: 'type', expected: firstType(node.type) };
      return { ...base, kind: 'other', message: e.message };
    default:
      return { ...base, kind: 'other', message: e.message };
  }
}

/** A node of the form `{type: [X, 'string'], pattern: <interpolation>}` (see dsl.ts). */
function isInterpolationAlternative(node: JsonSchema): boolean {
  return Array.isArray(node.type) && node.type.length > 1 && node.pattern === INTERPOLATION_PATTERN;
}

function firstType(t: unknown): string {
  if (Array.isArray(t)) return String(t[0]);
  return String(t).split(',')[0]!;
}

/**
 * `/tasks/0/depends_on/1` → `['tasks', 0, 'depends_on', 1]`: a segment is a number when the
 * container it indexes is an array (a map key may well be "0").
 */
export function decodePointer(pointer: string, root: unknown): ConfigPath {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key: string | number = Array.isArray(node) ? Number(seg) : seg;
    out.push(key);
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined;
  }
  return out;
}
