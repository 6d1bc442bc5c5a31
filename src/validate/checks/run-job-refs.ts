/**
 * Shared by the run-job checks: what a `run_job_task.job_id` points at.
 *
 * Bundles reference their own jobs as `${resources.jobs.<key>.id}`, which the loader leaves in
 * place (the id exists only after deploy). Raw job files use integer ids.
 */
import type { ConfigPath } from '../../diag/diagnostic.js';
import type { JobView } from '../check.js';
import { allTasks, isObj } from '../tasks.js';

export type JobIdRef =
  | { kind: 'int' }
  | { kind: 'bundle-job'; key: string; field: string }
  /** Another `${…}`: a deploy-time value we cannot judge. */
  | { kind: 'deferred' }
  | { kind: 'invalid' };

const RESOURCE_REF = /^\$\{resources\.jobs\.([\p{L}\p{N}_-]+)\.([\w.[\]-]+)\}$/u;

export function classifyJobId(v: unknown): JobIdRef | undefined {
  if (v === undefined || v === null) return undefined; // missing: schema/required
  if (typeof v === 'bigint') return v >= 0n ? { kind: 'int' } : { kind: 'invalid' };
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? { kind: 'int' } : { kind: 'invalid' };
  if (typeof v !== 'string') return { kind: 'invalid' };
  if (/^\d+$/.test(v)) return { kind: 'int' };
  const m = RESOURCE_REF.exec(v);
  if (m) return { kind: 'bundle-job', key: m[1]!, field: m[2]! };
  return v.includes('${') ? { kind: 'deferred' } : { kind: 'invalid' };
}

export interface RunJobUse {
  job: JobView;
  path: ConfigPath;
  ref: JobIdRef;
}

/** Every run_job_task.job_id of a job (nested for-each tasks included), classified. */
export function runJobUses(job: JobView): RunJobUse[] {
  const out: RunJobUse[] = [];
  for (const t of allTasks(job)) {
    const rj = t.task.run_job_task;
    if (!isObj(rj)) continue;
    const ref = classifyJobId(rj.job_id);
    if (ref) out.push({ job, path: [...t.path, 'run_job_task', 'job_id'], ref });
  }
  return out;
}

/** The job keys of `resources.jobs`, or undefined for a raw job file (no bundle around it). */
export function bundleJobKeys(config: Record<string, unknown>): string[] | undefined {
  const resources = config.resources;
  const jobs = isObj(resources) ? resources.jobs : undefined;
  return isObj(jobs) ? Object.keys(jobs) : undefined;
}
