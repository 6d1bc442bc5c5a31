/**
 * Job settings in a form where "the same job" compares equal (pure). A workspace echoes settings
 * with its own defaults filled in and lists in its own order, so comparing what we send with
 * what jobs/get returns needs both sides brought to one shape first:
 *
 * - values the server fills when unset are dropped when they equal that default: `run_if:
 *   ALL_SUCCESS`, `timeout_seconds: 0`, `email_notifications: {}`, `notebook_task.source`
 *   (`GIT` with a job-level `git_source`, else `WORKSPACE`), `disabled: false`, …;
 * - nulls, empty lists and empty maps are dropped (the API treats them as unset), except maps
 *   whose presence means something (`continuous: {}`, a task type block);
 * - keyed lists become maps by key (`tasks` by `task_key`, `job_clusters`, `environments`,
 *   `parameters` by name), so order never matters, and `depends_on` is sorted;
 * - fields the server consumes on write (`apply_policy_default_values`) are dropped, and
 *   `format` (always `MULTI_TASK`) is ignored.
 *
 * Measured on the embedded workspace and the reference's fake (job-settings.md §7); real
 * workspaces also add cluster attributes, which `diff.ts` ignores when only the remote has them.
 */

export type Json = Record<string, unknown>;

/** Top-level lists compared by a key field instead of by position. */
export const KEYED_LISTS: Readonly<Record<string, string>> = {
  tasks: 'task_key',
  job_clusters: 'job_cluster_key',
  environments: 'environment_key',
  parameters: 'name',
};

/** What the API assumes for an unset field, per level: dropped when equal, shown when a change removes it. */
export const JOB_DEFAULTS: Readonly<Record<string, unknown>> = { name: 'Untitled', timeout_seconds: 0, max_concurrent_runs: 1, queue: { enabled: true } };
export const TASK_DEFAULTS: Readonly<Record<string, unknown>> = {
  run_if: 'ALL_SUCCESS', timeout_seconds: 0, disabled: false, max_retries: 0, retry_on_timeout: false, min_retry_interval_millis: 0,
};
/** Task blocks with a `source` the server fills from the job's git_source. */
const SOURCED = ['notebook_task', 'spark_python_task', 'dbt_task'];
/** Maps that mean something even when empty. */
const PRESENCE = /(_task|^continuous|^queue|^trigger|^schedule|^file_arrival|^periodic|^serverless)$/;

/** The comparable form of a job's settings (a new object; the input is not changed). */
export function comparable(settings: Json): Json {
  const out = dropEmpty(settings) as Json;
  delete out.format;
  dropDefaults(out, JOB_DEFAULTS);
  const hasGit = out.git_source !== undefined;
  if (Array.isArray(out.tasks)) out.tasks = out.tasks.map((t) => comparableTask(t as Json, hasGit));
  if (Array.isArray(out.job_clusters)) out.job_clusters = out.job_clusters.map((c) => withCluster(c as Json, 'new_cluster'));
  for (const [field, key] of Object.entries(KEYED_LISTS)) {
    const list = out[field];
    if (Array.isArray(list) && list.every((e) => isObject(e) && typeof e[key] === 'string')) {
      out[field] = Object.fromEntries((list as Json[]).map((e) => [e[key] as string, e]));
    }
  }
  return out;
}

function comparableTask(task: Json, hasGit: boolean): Json {
  const out: Json = { ...task };
  dropDefaults(out, TASK_DEFAULTS);
  for (const block of SOURCED) {
    const b = out[block];
    if (isObject(b) && b.source === (hasGit ? 'GIT' : 'WORKSPACE')) {
      const { source: _s, ...rest } = b;
      out[block] = rest;
    }
  }
  if (isObject(out.sql_task) && isObject(out.sql_task.file) && out.sql_task.file.source === (hasGit ? 'GIT' : 'WORKSPACE')) {
    const { source: _s, ...file } = out.sql_task.file;
    out.sql_task = { ...out.sql_task, file };
  }
  if (Array.isArray(out.depends_on)) {
    out.depends_on = [...(out.depends_on as Json[])].sort((a, b) => compareText(`${String(a.task_key)}\u0000${String(a.outcome ?? '')}`, `${String(b.task_key)}\u0000${String(b.outcome ?? '')}`));
  }
  if (isObject(out.for_each_task) && isObject(out.for_each_task.task)) {
    out.for_each_task = { ...out.for_each_task, task: comparableTask(out.for_each_task.task, hasGit) };
  }
  return withCluster(out, 'new_cluster');
}

function withCluster(holder: Json, field: string): Json {
  const c = holder[field];
  if (!isObject(c) || !('apply_policy_default_values' in c)) return holder;
  const { apply_policy_default_values: _consumed, ...rest } = c;
  return { ...holder, [field]: rest };
}

function dropDefaults(obj: Json, defaults: Readonly<Record<string, unknown>>): void {
  for (const [k, v] of Object.entries(defaults)) if (JSON.stringify(obj[k]) === JSON.stringify(v)) delete obj[k];
}

/** The value the API assumes at a comparable path when the field is unset, if one is known. */
export function defaultAt(path: readonly (string | number)[]): unknown {
  if (path.length === 1) return JOB_DEFAULTS[path[0] as string];
  if (path.length === 3 && path[0] === 'tasks') return TASK_DEFAULTS[path[2] as string];
  return undefined;
}

/** A copy without nulls, empty lists and empty maps (except maps whose presence matters). */
export function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => dropEmpty(v));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    const d = dropEmpty(v);
    if (Array.isArray(d) && d.length === 0) continue;
    if (isObject(d) && Object.keys(d).length === 0 && !PRESENCE.test(k)) continue;
    out[k] = d;
  }
  return out;
}

export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
