/**
 * Stored runs → wire `Run`s: the v2 status, run page URLs, durations, the repair history and the
 * 100-item pages of runs/get (jobs-api-2.2.md §2.3). Pure.
 */
import type { Int64 } from '../../api/json.js';
import type { RepairHistoryItem, Run, RunTask } from '../../api/runs.js';
import { PAGE_SIZE, pageSlices } from '../jobs/paginate.js';
import { isTerminal, type StoredRun, type StoredTaskRun } from './model.js';
import { toStatus } from './status.js';

export interface ViewContext {
  /** Base URL of the workspace (`http://127.0.0.1:8123`). */
  url: string;
  workspaceId: string;
}

export function runPageUrl(ctx: ViewContext, jobId: Int64, runId: Int64): string {
  return `${ctx.url}/?o=${ctx.workspaceId}#job/${String(jobId)}/run/${String(runId)}`;
}

export interface TaskViewOptions {
  /** runs/get `include_resolved_values`. */
  includeResolved?: boolean;
}

export function taskView(ctx: ViewContext, run: StoredRun, t: StoredTaskRun, opts: TaskViewOptions = {}): RunTask {
  const { condition_task, for_each_task, ...settings } = t.task;
  const end = t.end_time ?? 0;
  return {
    ...settings,
    ...(condition_task ? { condition_task: { ...condition_task, ...(t.outcome ? { outcome: t.outcome } : {}) } } : {}),
    ...(for_each_task ? { for_each_task: { ...for_each_task, stats: forEachStats(run, t) } } : {}),
    run_if: t.task.run_if ?? 'ALL_SUCCESS',
    run_id: t.run_id,
    attempt_number: t.attempt_number,
    ...(t.original_attempt_run_id !== undefined ? { original_attempt_run_id: t.original_attempt_run_id } : {}),
    state: t.state,
    status: toStatus(t.state),
    start_time: t.start_time ?? 0,
    end_time: end,
    run_duration: t.start_time !== undefined && end > 0 ? end - t.start_time : 0,
    setup_duration: 0,
    execution_duration: 0,
    cleanup_duration: 0,
    run_page_url: runPageUrl(ctx, run.job_id, t.run_id),
    ...(opts.includeResolved && t.resolved_values ? { resolved_values: t.resolved_values } : {}),
  };
}

/** The iterations of a for-each task run, every attempt, by input index then attempt. */
export function iterationsOf(run: StoredRun, parent: StoredTaskRun): StoredTaskRun[] {
  const id = String(parent.run_id);
  return (run.iterations ?? [])
    .filter((it) => String(it.iteration?.parent) === id)
    .sort((a, b) => (a.iteration?.index ?? 0) - (b.iteration?.index ?? 0) || a.attempt_number - b.attempt_number);
}

/** `for_each_task.stats` over the latest attempt of each iteration (jobs-api-2.2.md §2.3). */
function forEachStats(run: StoredRun, parent: StoredTaskRun): Record<string, unknown> {
  const latest = new Map<number, StoredTaskRun>();
  for (const it of iterationsOf(run, parent)) latest.set(it.iteration?.index ?? 0, it);
  const all = [...latest.values()];
  const done = all.filter((it) => isTerminal(it.state));
  const ok = new Set(['SUCCESS', 'EXCLUDED', 'DISABLED']);
  const failed = done.filter((it) => !ok.has(it.state.result_state ?? ''));
  const messages = new Map<string, number>();
  for (const f of failed) messages.set(f.state.state_message ?? 'failed', (messages.get(f.state.state_message ?? 'failed') ?? 0) + 1);
  return {
    task_run_stats: {
      total_iterations: all.length,
      scheduled_iterations: all.filter((it) => it.state.life_cycle_state === 'PENDING').length,
      active_iterations: all.filter((it) => !isTerminal(it.state) && it.state.life_cycle_state !== 'PENDING').length,
      completed_iterations: done.length,
      succeeded_iterations: done.length - failed.length,
      failed_iterations: failed.length,
    },
    ...(messages.size > 0 ? { error_message_stats: [...messages].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([message, count]) => ({ message, count })) } : {}),
  };
}

/** The task runs runs/get lists: each task's earlier (retried) attempts, then its current one. */
function listedTasks(run: StoredRun): StoredTaskRun[] {
  const retries = new Map<string, StoredTaskRun[]>();
  for (const h of run.history ?? []) if (h.superseded === 'retry') retries.set(h.task_key, [...(retries.get(h.task_key) ?? []), h]);
  if (retries.size === 0) return run.tasks;
  return run.tasks.flatMap((t) => [...(retries.get(t.task_key) ?? []), t]);
}

export function repairHistory(run: StoredRun): RepairHistoryItem[] {
  const original: RepairHistoryItem = {
    type: 'ORIGINAL', start_time: run.start_time, end_time: run.original_end_time ?? 0,
    state: run.original_state ?? run.state, status: toStatus(run.original_state ?? run.state), task_run_ids: run.original_task_run_ids,
  };
  return [original, ...run.repairs.map((r) => ({ ...r, ...(r.state ? { status: toStatus(r.state) } : {}) }))];
}

export interface RunViewOptions extends TaskViewOptions {
  includeHistory?: boolean;
  /** Index of the page (runs/get pagination). */
  page?: number;
  /** runs/list without expand_tasks: no arrays of tasks. */
  withTasks?: boolean;
}

/** The wire run; `next_page_token` is set by the caller from `hasMore`. */
export function runView(ctx: ViewContext, run: StoredRun, opts: RunViewOptions = {}): { run: Run; hasMore: boolean } {
  const end = run.end_time ?? 0;
  const base: Run = {
    job_id: run.job_id, run_id: run.run_id, number_in_job: run.run_id, original_attempt_run_id: run.run_id,
    creator_user_name: run.creator_user_name, run_name: run.run_name, run_type: 'JOB_RUN', trigger: run.trigger,
    run_page_url: runPageUrl(ctx, run.job_id, run.run_id), start_time: run.start_time, end_time: end,
    run_duration: end > 0 ? end - run.start_time : 0, queue_duration: queueDuration(run), setup_duration: 0, execution_duration: 0, cleanup_duration: 0,
    state: run.state, status: toStatus(run.state), format: 'MULTI_TASK',
    ...(run.overriding_parameters ? { overriding_parameters: run.overriding_parameters } : {}),
    ...(run.trigger_info ? { trigger_info: run.trigger_info } : {}),
  };
  const arrays: Record<string, unknown[]> = { job_parameters: run.job_parameters, job_clusters: run.job_clusters ?? [] };
  if (opts.withTasks !== false) {
    // Only the page asked for is built: a 1,000-task run is read in ten pages.
    const listed = listedTasks(run);
    const page = opts.page ?? 0;
    arrays.tasks = pagedList(listed.length, page, (i) => taskView(ctx, run, listed[i] as StoredTaskRun, opts));
  }
  if (opts.includeHistory) arrays.repair_history = repairHistory(run);
  const { slices, hasMore } = pageSlices(arrays, opts.page ?? 0);
  for (const [k, v] of Object.entries(slices)) if (v.length > 0) (base as Record<string, unknown>)[k] = v;
  return { run: base, hasMore };
}

function queueDuration(run: StoredRun): number {
  return run.dequeued_at !== undefined ? run.dequeued_at - run.start_time : 0;
}

/**
 * A task run seen through runs/get or get-output's `metadata`. For a for-each task run the
 * paginated array is `iterations` (jobs-api-2.2.md §2.3); `tasks` holds just the task itself.
 */
export function taskRunAsRun(ctx: ViewContext, run: StoredRun, t: StoredTaskRun, opts: TaskViewOptions & { page?: number } = {}): { run: Run; hasMore: boolean } {
  const task = taskView(ctx, run, t, opts);
  const base: Run = {
    job_id: run.job_id, run_id: t.run_id, job_run_id: run.run_id, number_in_job: t.run_id, original_attempt_run_id: t.original_attempt_run_id ?? t.run_id,
    creator_user_name: run.creator_user_name, run_name: t.task_key, run_type: 'JOB_RUN', trigger: run.trigger,
    run_page_url: task.run_page_url, start_time: task.start_time, end_time: task.end_time, run_duration: task.run_duration,
    setup_duration: 0, execution_duration: 0, cleanup_duration: 0, state: t.state, status: toStatus(t.state), tasks: [task],
    ...(t.attempt_number > 0 ? { attempt_number: t.attempt_number } : {}),
  };
  const iterations = t.task.for_each_task ? iterationsOf(run, t) : [];
  const arrays: Record<string, readonly unknown[]> = { job_parameters: run.job_parameters };
  if (iterations.length > 0) arrays.iterations = iterations.map((it) => taskView(ctx, run, it, opts));
  const { slices, hasMore } = pageSlices(arrays, opts.page ?? 0);
  for (const [k, v] of Object.entries(slices)) if (v.length > 0) (base as Record<string, unknown>)[k] = v;
  return { run: base, hasMore };
}

/**
 * A sparse array of `length` items where only the slice `pageSlices` takes for `page` is built;
 * the holes elsewhere are never read.
 */
function pagedList<T>(length: number, page: number, make: (i: number) => T): T[] {
  const out = new Array<T>(length);
  for (let i = page * PAGE_SIZE; i < Math.min(length, (page + 1) * PAGE_SIZE); i++) out[i] = make(i);
  return out;
}
