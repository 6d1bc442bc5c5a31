/**
 * Deep merge with the reference CLI's rules (libs/dyn/merge), carrying source locations:
 * maps merge key by key, sequences concatenate, a later scalar wins, and a map meeting a
 * non-map (or a list meeting a non-list) is a conflict. Merged scalars point first at the
 * winning value and keep the overridden one as a secondary location.
 */
import { defineKey } from '../source/parse-yaml.js';
import { locsOf, prependLoc, setLoc } from '../source/locations.js';

export interface MergeConflict {
  /** Path of the conflicting value, from the merge root. */
  path: (string | number)[];
  baseKind: string;
  overrideKind: string;
}

export type Dict = Record<string, unknown>;

export function isDict(v: unknown): v is Dict {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A value's kind in the reference's words (`map`, `sequence`, `string`, …). */
export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'sequence';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) return 'int';
  if (typeof v === 'number') return 'float';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

/**
 * Merges `override` into `base` in place and returns the conflicts found. A null override
 * value leaves the base untouched (an empty key in YAML means "nothing to add").
 */
export function mergeInto(base: Dict, override: Dict, path: (string | number)[] = []): MergeConflict[] {
  const conflicts: MergeConflict[] = [];
  for (const [key, ov] of Object.entries(override)) {
    const here = [...path, key];
    const has = Object.prototype.hasOwnProperty.call(base, key);
    const bv = base[key];
    if (!has || bv === null || bv === undefined) {
      defineKey(base, key, ov);
      setLoc(base, key, locsOf(override, key));
      continue;
    }
    if (ov === null || ov === undefined) continue;
    if (isDict(bv) && isDict(ov)) {
      conflicts.push(...mergeInto(bv, ov, here));
      setLoc(base, key, [...locsOf(base, key), ...locsOf(override, key)]);
    } else if (Array.isArray(bv) && Array.isArray(ov)) {
      const offset = bv.length;
      ov.forEach((item, i) => {
        bv.push(item);
        setLoc(bv, offset + i, locsOf(ov, i));
      });
    } else if (isDict(bv) || isDict(ov) || Array.isArray(bv) || Array.isArray(ov)) {
      conflicts.push({ path: here, baseKind: kindOf(bv), overrideKind: kindOf(ov) });
    } else {
      base[key] = ov;
      prependLoc(base, key, locsOf(override, key));
    }
  }
  return conflicts;
}

/** A deep copy of plain data that keeps every location (for values reused in several places). */
export function cloneWithLocs<T>(value: T): T {
  if (Array.isArray(value)) {
    const out = value.map((v) => cloneWithLocs(v));
    value.forEach((_, i) => setLoc(out, i, locsOf(value, i)));
    return out as T;
  }
  if (isDict(value)) {
    const out: Dict = {};
    for (const [k, v] of Object.entries(value)) {
      defineKey(out, k, cloneWithLocs(v));
      setLoc(out, k, locsOf(value, k));
    }
    return out as T;
  }
  return value;
}
