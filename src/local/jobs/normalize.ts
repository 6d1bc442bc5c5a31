/**
 * Server-side defaults, as a real workspace applies them (job-settings.md §7, jobs-api-2.2.md
 * §1.1). Create-time defaults are stored (`withCreateDefaults`); read-time normalisation
 * (`readSettings`) is computed on every read so stored settings stay as the client sent them.
 * Pure.
 */
import type { JobSettings, Task } from '../../api/jobs.js';

/** Applied when a job is created or reset through 2.2. */
export function withCreateDefaults(settings: JobSettings): JobSettings {
  const out: JobSettings = { ...settings };
  out.name ??= 'Untitled';
  out.max_concurrent_runs ??= 1;
  out.queue ??= { enabled: true };
  out.format = 'MULTI_TASK';
  delete out.access_control_list;
  return out;
}

const views = { full: new WeakMap<JobSettings, JobSettings>(), summary: new WeakMap<JobSettings, JobSettings>() };

/**
 * `readSettings`, memoised per stored settings object (stored settings are never mutated: an
 * update stores a new object). `summary` drops `tasks`/`job_clusters` first (jobs/list without
 * expand_tasks). The result is shared: callers copy before changing it.
 */
export function readSettingsCached(settings: JobSettings, summary = false): JobSettings {
  const cache = summary ? views.summary : views.full;
  let view = cache.get(settings);
  if (!view) {
    const { tasks: _t, job_clusters: _c, ...rest } = settings;
    view = Object.freeze(readSettings(summary ? rest : settings));
    cache.set(settings, view);
  }
  return view;
}

/** Settings as jobs/get returns them. */
export function readSettings(settings: JobSettings): JobSettings {
  const out: JobSettings = { ...settings, format: 'MULTI_TASK' };
  out.timeout_seconds ??= 0;
  out.email_notifications ??= {};
  out.webhook_notifications ??= {};
  if (out.tasks) out.tasks = out.tasks.map((t) => readTask(t, settings.git_source !== undefined));
  if (out.job_clusters) out.job_clusters = out.job_clusters.map((c) => (c.new_cluster ? { ...c, new_cluster: readCluster(c.new_cluster) } : c));
  return dropEmpty(out) as JobSettings;
}

function readTask(task: Task, hasGit: boolean): Task {
  const out: Task = { ...task, run_if: task.run_if ?? 'ALL_SUCCESS', timeout_seconds: task.timeout_seconds ?? 0 };
  out.email_notifications ??= {};
  if (task.depends_on) out.depends_on = [...task.depends_on].sort((a, b) => (a.task_key < b.task_key ? -1 : a.task_key > b.task_key ? 1 : 0));
  if (task.notebook_task) out.notebook_task = { ...task.notebook_task, source: task.notebook_task.source ?? (hasGit ? 'GIT' : 'WORKSPACE') };
  if (task.new_cluster) out.new_cluster = readCluster(task.new_cluster);
  if (task.for_each_task) out.for_each_task = { ...task.for_each_task, task: readTask(task.for_each_task.task, hasGit) };
  return out;
}

/** `apply_policy_default_values` is consumed on write and never returned. */
function readCluster(cluster: Record<string, unknown>): Record<string, unknown> {
  const { apply_policy_default_values: _consumed, ...rest } = cluster;
  return rest;
}

/** Responses never carry `null`; empty arrays of the settings are omitted too. */
export function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropEmpty);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = dropEmpty(v);
  }
  return out;
}
