/**
 * What counts as a problem differs between a bundle file and an API request body, while the
 * schema is the same. These rules run over findings (so they cost nothing on valid input).
 *
 * Bundle files follow the reference CLI, which converts YAML values to the Go type of each
 * field before it checks anything (libs/dyn/convert/normalize.go):
 * - scalars are coerced: a number or boolean where a string belongs is its text; "42" is an
 *   integer, "yes"/"off" are booleans, "1.5" is a float;
 * - null where a map, list or object belongs means "empty": no type warning, but the object's
 *   required fields are then missing; null where a scalar belongs is a warning;
 * - an unknown key whose value is a YAML anchor (or a container of anchors only) is a helper
 *   block for `<<: *ref` merges, not a typo.
 * API bodies are JSON and are taken literally, except that JSON null means "not set" (proto3
 * JSON) and `git_provider` is matched without regard to case, as the Jobs API does.
 */
import type { ConfigPath } from '../diag/diagnostic.js';
import { locOf } from '../source/locations.js';
import type { Finding } from './findings.js';
import type { JsonSchema } from './dsl.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Spellings the reference CLI (after go-yaml) reads as booleans. */
export const YAML_BOOLEANS = new Set(['true', 'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'false', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
export const INT_TEXT = /^[+-]?\d+$/;
export const FLOAT_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Findings in a bundle configuration, judged as the reference CLI judges them. */
export function bundleRules(findings: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    if (f.kind === 'unknown-field') {
      if (!locOf(f.value, f.field!)?.anchored) out.push(f);
    } else if (f.kind === 'type') {
      out.push(...bundleType(f));
    } else if (f.kind === 'enum' && (f.value === null || typeof f.value === 'object')) {
      // The reference reports these as type problems of a string field.
      out.push({ ...f, kind: 'type', expected: 'string' });
    } else {
      out.push(f);
    }
  }
  return out;
}

function bundleType(f: Finding): Finding[] {
  const { value, expected } = f;
  if (value === null) {
    if (expected === 'array') return [];
    // An empty resource (`resources.jobs.x:` with no body) is reported as undefined by the
    // bundle loader (bundle/undefined-resource); listing its missing fields too would be noise.
    if (expected === 'object' && !isResourceDefinition(f.path)) return requiredOf(f.node).map((field) => ({ ...f, kind: 'required' as const, field }));
    if (expected === 'object') return [];
    return [f];
  }
  if (expected === 'string') return typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' ? [] : [f];
  if (typeof value === 'bigint') return int64Range(f);
  if (typeof value !== 'string') return [f];
  if (expected === 'integer' && INT_TEXT.test(value)) return inInt64(BigInt(value)) ? [] : [{ ...f, kind: 'range' }];
  if (expected === 'number' && FLOAT_TEXT.test(value)) return [];
  if (expected === 'boolean' && YAML_BOOLEANS.has(value)) return [];
  return [f];
}

/** Findings in a Jobs API body. `caseInsensitiveEnums` holds the enum nodes matched without case. */
export function apiRules(findings: readonly Finding[], caseInsensitiveEnums: ReadonlySet<object>): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    if ((f.kind === 'type' || f.kind === 'enum') && f.value === null) continue;
    if (f.kind === 'type' && typeof f.value === 'bigint') out.push(...int64Range(f));
    else if (f.kind === 'enum' && caseInsensitiveEnums.has(f.node) && matchesIgnoringCase(f.value, f.allowed ?? [])) continue;
    else out.push(f);
  }
  return out;
}

/** Big integers arrive as bigint (see source/parse-yaml.ts, api/json.ts); ajv only knows numbers. */
function int64Range(f: Finding): Finding[] {
  if (f.expected !== 'integer' && f.expected !== 'number') return [f];
  return inInt64(f.value as bigint) ? [] : [{ ...f, kind: 'range' }];
}

function inInt64(n: bigint): boolean {
  return n >= INT64_MIN && n <= INT64_MAX;
}

/** `resources.<kind>.<key>`, at the top level or inside a target. */
function isResourceDefinition(path: ConfigPath): boolean {
  if (path.length === 3) return path[0] === 'resources';
  return path.length === 5 && (path[0] === 'targets' || path[0] === 'environments') && path[2] === 'resources';
}

function requiredOf(node: JsonSchema): string[] {
  return Array.isArray(node.required) ? (node.required as string[]) : [];
}

function matchesIgnoringCase(value: unknown, allowed: readonly unknown[]): boolean {
  if (typeof value !== 'string') return false;
  const v = value.toLowerCase();
  return allowed.some((a) => typeof a === 'string' && a.toLowerCase() === v);
}
