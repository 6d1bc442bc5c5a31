/**
 * Reading request fields the way the real API does: ids are int64 (JSON numbers or numeric
 * strings in a query), booleans in queries are `true`/`false`, and a missing required field is a
 * 400 `INVALID_PARAMETER_VALUE` naming the field.
 */
import { parseInt64, type Int64 } from '../../api/json.js';
import { invalid } from './failure.js';

export type Body = Record<string, unknown>;

/** An int64 from a JSON body or a query value; undefined when absent. */
export function optionalId(value: unknown, field: string): Int64 | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const id = typeof value === 'bigint' || typeof value === 'number' || typeof value === 'string' ? parseInt64(String(value)) : undefined;
  if (id === undefined) throw invalid(`Invalid value for ${field}: expected an int64, got ${JSON.stringify(String(value))}.`);
  return id;
}

export function requiredId(value: unknown, field: string): Int64 {
  const id = optionalId(value, field);
  if (id === undefined) throw invalid(`Missing required field: ${field}`);
  return id;
}

export function optionalBool(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalid(`Invalid value for ${field}: expected a boolean.`);
}

export function optionalInt(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n)) throw invalid(`Invalid value for ${field}: expected an integer.`);
  return n;
}

export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`Invalid value for ${field}: expected a string.`);
  return value;
}

export function requiredString(value: unknown, field: string): string {
  const s = optionalString(value, field);
  if (s === undefined || s === '') throw invalid(`Missing required field: ${field}`);
  return s;
}

export function optionalObject(value: unknown, field: string): Body | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`Invalid value for ${field}: expected an object.`);
  return value as Body;
}

export function optionalStringArray(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw invalid(`Invalid value for ${field}: expected an array of strings.`);
  return value as string[];
}

export function optionalStringMap(value: unknown, field: string): Record<string, string> | undefined {
  const obj = optionalObject(value, field);
  if (obj === undefined) return undefined;
  for (const [k, v] of Object.entries(obj))
    if (typeof v !== 'string') throw invalid(`Invalid value for ${field}.${k}: expected a string.`);
  return obj as Record<string, string>;
}

/** Query values arrive as strings; bodies as parsed JSON. One accessor for both. */
export function fromQuery(query: URLSearchParams): Body {
  const out: Body = {};
  for (const [k, v] of query) out[k] = v;
  return out;
}
