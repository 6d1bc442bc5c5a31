/**
 * `${resources.jobs.<key>.id}` at deploy time (pure): substituting ids once they are known. The
 * order that makes them known (a job is created before the jobs that reference it) is apply's
 * task graph; a cycle is a validate error (`run-job/cycle`, `interp/resource-cycle`).
 */
import { parseInt64, type Int64 } from '../api/json.js';
import { findBundleRefs, isPureRef } from '../templates/bundle-refs.js';

/** What plans show for an id that only the deploy will know. */
export const UNKNOWN_ID = '(known after deploy)';

const ID_REF = /^resources\.jobs\.([^.[\]]+)\.id$/;

/**
 * Replaces id references with the ids in `ids` (a whole-string reference becomes the int64 the
 * API expects); references to jobs without an id become `unknown` when given, else stay.
 */
export function substituteIds<T>(value: T, ids: ReadonlyMap<string, string>, unknown?: string): T {
  return walk(value, (s) => substituteString(s, ids, unknown)) as T;
}

function substituteString(s: string, ids: ReadonlyMap<string, string>, unknown?: string): unknown {
  const refs = findBundleRefs(s).filter((r) => ID_REF.test(r.path));
  if (refs.length === 0) return s;
  const idOf = (path: string): string | undefined => ids.get(ID_REF.exec(path)![1]!) ?? unknown;
  if (isPureRef(s, refs)) {
    const id = idOf(refs[0]!.path);
    if (id === undefined) return s;
    const n: Int64 | undefined = parseInt64(id);
    return n ?? id;
  }
  let out = '';
  let at = 0;
  for (const r of refs) {
    out += s.slice(at, r.start) + (idOf(r.path) ?? r.text);
    at = r.end;
  }
  return out + s.slice(at);
}

function walk(v: unknown, onString: (s: string) => unknown): unknown {
  if (typeof v === 'string') return v.includes('${') ? onString(v) : v;
  if (Array.isArray(v)) return v.map((x) => walk(x, onString));
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = walk(x, onString);
    return o;
  }
  return v;
}
