/**
 * Field-level differences between two comparable job settings (pure): what the deploy would
 * change in the workspace. `desired` is what we would send, `remote` what jobs/get returned.
 *
 * Fields only the workspace has are changes too (a UI edit that the next reset removes), except
 * where workspaces add their own: inside a cluster specification (`new_cluster`: cloud defaults
 * such as `aws_attributes`, `enable_elastic_disk`, `data_security_mode`) and `run_as` (jobs/reset
 * keeps the previous identity when the settings omit it, so it is not ours to remove).
 */
import { defaultAt, isObject, KEYED_LISTS, type Json } from './comparable.js';

export type ChangePath = (string | number)[];

export interface FieldChange {
  path: ChangePath;
  /** `tasks[main].notebook_task.notebook_path`. */
  at: string;
  kind: 'add' | 'remove' | 'change';
  /** The workspace's value (absent for `add`). */
  before?: unknown;
  /** Our value (absent for `remove`). */
  after?: unknown;
}

export function diffSettings(desired: Json, remote: Json): FieldChange[] {
  const out: FieldChange[] = [];
  diffValue(desired, remote, [], out);
  return out;
}

/** The remote settings without what `diffSettings` ignores: the text diff shows only real changes. */
export function projectRemote(remote: Json, desired: Json): Json {
  return project(remote, desired, []) as Json;
}

function project(remote: unknown, desired: unknown, path: ChangePath): unknown {
  if (Array.isArray(remote)) return remote.map((r, i) => project(r, Array.isArray(desired) ? desired[i] : undefined, [...path, i]));
  if (!isObject(remote)) return remote;
  const out: Json = {};
  for (const [k, v] of Object.entries(remote)) {
    const mine = isObject(desired) ? desired[k] : undefined;
    if (mine === undefined && ignoreRemoteOnly([...path, k])) continue;
    out[k] = project(v, mine, [...path, k]);
  }
  return out;
}

function diffValue(a: unknown, b: unknown, path: ChangePath, out: FieldChange[]): void {
  if (isObject(a) && isObject(b)) {
    for (const k of Object.keys(a)) {
      if (b[k] === undefined) out.push(change('add', [...path, k], undefined, a[k]));
      else diffValue(a[k], b[k], [...path, k], out);
    }
    for (const k of Object.keys(b)) {
      if (a[k] !== undefined || ignoreRemoteOnly([...path, k])) continue;
      // Unset on our side means the API's default: show the change to it, not a removal.
      const fallback = defaultAt([...path, k]);
      out.push(fallback === undefined ? change('remove', [...path, k], b[k], undefined) : change('change', [...path, k], b[k], fallback));
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => diffValue(x, b[i], [...path, i], out));
    return;
  }
  if (!deepEqual(a, b)) out.push(change('change', path, b, a));
}

function change(kind: FieldChange['kind'], path: ChangePath, before: unknown, after: unknown): FieldChange {
  return { path, at: formatChangePath(path), kind, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) };
}

function ignoreRemoteOnly(path: ChangePath): boolean {
  if (path.length === 1 && path[0] === 'run_as') return true;
  return path.slice(0, -1).includes('new_cluster');
}

/** Equal as the API means it: ids may come back as numbers where we sent strings. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNumeric(a) && isNumeric(b)) return String(a) === String(b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

function isNumeric(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || (typeof v === 'string' && /^-?\d+$/.test(v));
}

/** `tasks[main].new_cluster.spark_conf.x`: keyed lists show their key, others their index. */
export function formatChangePath(path: ChangePath): string {
  let s = '';
  path.forEach((seg, i) => {
    const keyed = i === 1 && typeof path[0] === 'string' && KEYED_LISTS[path[0]] !== undefined;
    if (typeof seg === 'number' || keyed) s += `[${seg}]`;
    else s += s === '' ? seg : /^[A-Za-z_][\w-]*$/.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`;
  });
  return s;
}
