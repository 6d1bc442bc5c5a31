/**
 * Builds the run that run-now starts (jobs-api-2.2.md §2.1): job parameters merged over the
 * defaults (unknown names are a 400), the `only` subset, the concurrency decision (queue or skip
 * at `max_concurrent_runs`), and every task run with its id, BLOCKED or PENDING. Pure: ids come
 * from `nextId` and time from `now`.
 */
import type { Int64 } from '../../api/json.js';
import type { JobParameterDefinition, Loose } from '../../api/jobs.js';
import type { RunJobParameter, RunNowRequest } from '../../api/runs.js';
import type { StoredJob } from '../store/model.js';
import type { RunOrigin } from './executor.js';
import { invalid } from '../server/failure.js';
import { editTask, type StoredRun, type StoredTaskRun } from './model.js';
import { selectTasks } from './only.js';

export interface CreateRunInput {
  job: StoredJob;
  request: RunNowRequest;
  /** Runs of this job that are active and not queued. */
  activeRuns: number;
  nextId: () => Int64;
  now: number;
  userName: string;
  /** Default: run-now (ONE_TIME). */
  origin?: RunOrigin;
}

const LEGACY = ['notebook_params', 'python_params', 'python_named_params', 'jar_params', 'spark_submit_params', 'sql_params', 'dbt_commands'] as const;

export function createRun(input: CreateRunInput): StoredRun {
  const { job, request, now } = input;
  const settings = job.settings;
  const job_parameters = mergeParameters(settings.parameters ?? [], request.job_parameters);
  const chosen = selectTasks(settings.tasks ?? [], request.only);
  const run_id = input.nextId();
  const tasks = (settings.tasks ?? []).filter((t) => chosen.has(t.task_key)).map((t): StoredTaskRun => {
    const depends_on = (t.depends_on ?? []).filter((d) => chosen.has(d.task_key));
    const task = { ...t, depends_on: depends_on.length > 0 ? depends_on : undefined };
    if (!task.depends_on) delete task.depends_on;
    return { run_id: input.nextId(), task_key: t.task_key, attempt_number: 0, task, state: { life_cycle_state: 'BLOCKED' } };
  });
  const overriding: Loose = {};
  for (const k of LEGACY) if (request[k] !== undefined) overriding[k] = request[k];
  if (request.job_parameters) overriding.job_parameters = request.job_parameters;
  const origin = input.origin ?? { trigger: 'ONE_TIME' };
  const run: StoredRun = {
    run_id, job_id: job.job_id, run_name: settings.name ?? 'Untitled', creator_user_name: input.userName, trigger: origin.trigger,
    ...(origin.trigger_time !== undefined ? { trigger_time: origin.trigger_time } : {}),
    ...(origin.parent_task_run_id !== undefined ? { trigger_info: { run_id: origin.parent_task_run_id } } : {}),
    ...(origin.file_arrival_location !== undefined ? { file_arrival_location: origin.file_arrival_location } : {}),
    start_time: now, state: { life_cycle_state: 'PENDING' }, tasks, job_parameters,
    ...(Object.keys(overriding).length > 0 ? { overriding_parameters: overriding } : {}),
    ...(settings.job_clusters?.length ? { job_clusters: settings.job_clusters } : {}),
    ...(request.idempotency_token !== undefined ? { idempotency_token: request.idempotency_token } : {}),
    repairs: [], original_task_run_ids: tasks.map((t) => t.run_id),
  };
  const max = settings.max_concurrent_runs ?? 1;
  const queueEnabled = request.queue?.enabled ?? settings.queue?.enabled ?? false;
  if (max === 0 || (input.activeRuns >= max && !queueEnabled)) return skip(run, now);
  if (input.activeRuns >= max) run.state = { life_cycle_state: 'QUEUED', queue_reason: 'Queued due to reaching maximum concurrent runs.' };
  else startTasks(run);
  return run;
}

/** Puts every task in its first state: PENDING without dependencies, else BLOCKED. */
export function startTasks(run: StoredRun): void {
  run.state = { life_cycle_state: 'PENDING' };
  run.tasks.forEach((t, i) => (editTask(run, i).state = { life_cycle_state: t.task.depends_on?.length ? 'BLOCKED' : 'PENDING' }));
}

function skip(run: StoredRun, now: number): StoredRun {
  const message = 'Skipping this run because the limit of concurrent runs has been reached.';
  run.state = { life_cycle_state: 'SKIPPED', result_state: 'MAXIMUM_CONCURRENT_RUNS_REACHED', state_message: message };
  run.end_time = now;
  run.original_end_time = now;
  run.original_state = run.state;
  for (const t of run.tasks) t.state = { life_cycle_state: 'SKIPPED', state_message: message };
  return run;
}

export function mergeParameters(defs: readonly JobParameterDefinition[], overrides: Record<string, string> | undefined): RunJobParameter[] {
  const known = new Set(defs.map((d) => d.name));
  for (const name of Object.keys(overrides ?? {}))
    if (!known.has(name)) throw invalid(`Job parameter ${name} is not defined in the job. Defined parameters: ${[...known].join(', ') || '(none)'}.`);
  return defs.map((d) => ({ name: d.name, default: d.default, value: overrides?.[d.name] ?? d.default }));
}
