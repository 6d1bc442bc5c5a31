/**
 * JSON for the Jobs API, exact for int64 ids.
 *
 * Job and run ids are int64 and may exceed 2^53 (the reference CLI's fake workspace issues ids
 * near 7e18). Integers outside the safe range are parsed as `bigint` and written back as plain
 * JSON numbers. `JSON.parse` is used whenever the text cannot hold such an integer (no run of
 * 16+ digits), since lossless-json is ~5x slower; the result is identical either way.
 */
import { isSafeNumber, parse as losslessParse, stringify as losslessStringify } from 'lossless-json';

/** An int64 as the API carries it: a number when exact, a bigint otherwise. */
export type Int64 = number | bigint;

const LONG_DIGITS = /\d{16,}/;

function parseNumber(text: string): number | bigint {
  return isSafeNumber(text) || !/^-?\d+$/.test(text) ? Number(text) : BigInt(text);
}

export function parseJson(text: string): unknown {
  return LONG_DIGITS.test(text) ? losslessParse(text, null, parseNumber) : JSON.parse(text);
}

/**
 * A JSON object from a file we keep (state, lock, deployment record, hints), or undefined when the
 * text is not JSON or not an object: a damaged file is reported or ignored by its reader, not thrown.
 */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  let v: unknown;
  try {
    v = parseJson(text);
  } catch {
    return undefined;
  }
  return v === null || typeof v !== 'object' || Array.isArray(v) ? undefined : (v as Record<string, unknown>);
}

/** Serialises like JSON.stringify, writing bigint values as JSON numbers. */
export function stringifyJson(value: unknown, indent?: number): string {
  if (!containsBigint(value)) return JSON.stringify(value, null, indent);
  return losslessStringify(value, undefined, indent) ?? 'null';
}

function containsBigint(value: unknown, depth = 0): boolean {
  if (typeof value === 'bigint') return true;
  if (value === null || typeof value !== 'object' || depth > 64) return false;
  for (const v of Array.isArray(value) ? value : Object.values(value)) if (containsBigint(v, depth + 1)) return true;
  return false;
}

/** Parses an id from a query string or a flag without losing precision. */
export function parseInt64(text: string): Int64 | undefined {
  if (!/^-?\d{1,19}$/.test(text)) return undefined;
  const big = BigInt(text);
  if (big > 9223372036854775807n || big < -9223372036854775808n) return undefined;
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** Compares two ids for equality whatever their representation. */
export function sameId(a: Int64 | string | undefined, b: Int64 | string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return String(a) === String(b);
}
