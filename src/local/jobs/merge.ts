/**
 * jobs/update (jobs-api-2.2.md §1.3): top-level fields replace wholesale, except `tasks` and
 * `job_clusters`, merged by key (matching keys replaced, new keys added, the rest kept);
 * `fields_to_remove` names top-level fields or keyed elements (`tasks/<key>`,
 * `job_clusters/<key>`). jobs/reset keeps `run_as` when the new settings omit it. Pure.
 */
import type { JobSettings } from '../../api/jobs.js';
import { invalid } from '../server/failure.js';

const KEYED: Record<string, string> = { tasks: 'task_key', job_clusters: 'job_cluster_key', environments: 'environment_key' };

export function mergeUpdate(current: JobSettings, patch: JobSettings | undefined, remove: readonly string[] = []): JobSettings {
  const out: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(patch ?? {})) {
    const key = KEYED[field];
    out[field] = key && Array.isArray(value) ? mergeKeyed(out[field] as Record<string, unknown>[] | undefined, value, key) : value;
  }
  for (const entry of remove) {
    const [field, elementKey] = entry.split('/', 2) as [string, string | undefined];
    if (elementKey === undefined) {
      delete out[field];
      continue;
    }
    const key = KEYED[field];
    if (!key) throw invalid(`Invalid field to remove: ${entry}`);
    const list = (out[field] as Record<string, unknown>[] | undefined) ?? [];
    if (!list.some((e) => e[key] === elementKey)) throw invalid(`Cannot remove ${entry}: no ${key} ${elementKey} in the job.`);
    out[field] = list.filter((e) => e[key] !== elementKey);
  }
  return out as JobSettings;
}

function mergeKeyed(current: Record<string, unknown>[] = [], incoming: unknown[], key: string): Record<string, unknown>[] {
  const merged = [...current];
  for (const item of incoming as Record<string, unknown>[]) {
    const at = merged.findIndex((e) => e[key] === item[key]);
    if (at >= 0) merged[at] = item;
    else merged.push(item);
  }
  return merged;
}

/** jobs/reset: a full replace, except that an omitted `run_as` keeps the previous identity. */
export function resetSettings(current: JobSettings, next: JobSettings): JobSettings {
  return next.run_as === undefined && current.run_as !== undefined ? { ...next, run_as: current.run_as } : next;
}
