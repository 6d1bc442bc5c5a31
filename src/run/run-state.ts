/**
 * Reading runs as the follow loop, the summaries and the exit code need them: one label per
 * run or task (the result once terminal, else the life cycle state), the latest attempt of each
 * task, durations, and the outcome a finished run stands for. Pure: data in, data out.
 *
 * Both state models come back from runs/get; the v1 `state` is what every client still polls
 * (jobs-api-2.2.md §3.1), and the v2 `status` is used only where v1 says nothing (a server that
 * sends `status` alone).
 */
import type { ResultState, Run, RunState, RunStatus, RunTask } from '../api/runs.js';
import { TERMINAL_LIFE_CYCLE } from '../api/runs.js';

/** What a run (or task) shows: `SUCCESS`, `FAILED`, `RUNNING`, `QUEUED`, … */
export function stateLabel(state: RunState | undefined, status?: RunStatus): string {
  if (state?.life_cycle_state) {
    if (TERMINAL_LIFE_CYCLE.has(state.life_cycle_state)) return state.result_state ?? state.life_cycle_state;
    return state.life_cycle_state;
  }
  if (status?.state === 'TERMINATED') return status.termination_details?.code ?? 'TERMINATED';
  return status?.state ?? 'PENDING';
}

export function isTerminalState(state: RunState | undefined, status?: RunStatus): boolean {
  if (state?.life_cycle_state) return TERMINAL_LIFE_CYCLE.has(state.life_cycle_state);
  return status?.state === 'TERMINATED';
}

export const isRunTerminal = (run: Pick<Run, 'state' | 'status'>): boolean => isTerminalState(run.state, run.status);

/**
 * The task runs of a job run, one per task key: the latest attempt (highest `attempt_number`,
 * later entries winning ties), in DAG order (upstream before downstream; otherwise in the order
 * the run lists them, which is by task key), so tables read the way the job flows.
 */
export function latestTasks(run: Pick<Run, 'tasks'>): RunTask[] {
  const byKey = new Map<string, RunTask>();
  for (const t of run.tasks ?? []) {
    const seen = byKey.get(t.task_key);
    if (!seen || (t.attempt_number ?? 0) >= (seen.attempt_number ?? 0)) byKey.set(t.task_key, t);
  }
  return dagOrder([...byKey.values()]);
}

/** Kahn's algorithm, always taking the first ready task in list order; cycles keep list order. */
export function dagOrder<T extends { task_key: string; depends_on?: { task_key: string }[] }>(tasks: readonly T[]): T[] {
  const keys = new Set(tasks.map((t) => t.task_key));
  const waiting = new Map(tasks.map((t) => [t.task_key, new Set((t.depends_on ?? []).map((d) => d.task_key).filter((k) => keys.has(k) && k !== t.task_key))]));
  const out: T[] = [];
  const left = [...tasks];
  while (left.length > 0) {
    const i = left.findIndex((t) => waiting.get(t.task_key)!.size === 0);
    const next = left.splice(i < 0 ? 0 : i, 1)[0]!;
    out.push(next);
    for (const deps of waiting.values()) deps.delete(next.task_key);
  }
  return out;
}

/**
 * Attempts made so far for each task key (a retry is a new task run with attempt_number + 1).
 * A task that never started (skipped, excluded, upstream failed) made none.
 */
export function attemptsByKey(run: Pick<Run, 'tasks'>): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of run.tasks ?? []) {
    const made = t.start_time ? (t.attempt_number ?? 0) + 1 : (t.attempt_number ?? 0);
    out.set(t.task_key, Math.max(out.get(t.task_key) ?? 0, made));
  }
  return out;
}

/**
 * How long a run or task has taken: `run_duration` when the server gives it, else end − start,
 * else (still going) now − start. Undefined when it never started.
 */
export function durationMs(r: Pick<RunTask, 'start_time' | 'end_time' | 'run_duration'>, nowMs?: number): number | undefined {
  if (r.run_duration) return r.run_duration;
  if (!r.start_time) return undefined;
  if (r.end_time) return Math.max(0, r.end_time - r.start_time);
  return nowMs === undefined ? undefined : Math.max(0, nowMs - r.start_time);
}

/**
 * What a finished run means for the caller:
 * - `success`: SUCCESS, and SUCCESS_WITH_FAILURES (every leaf task succeeded: the job's own
 *   failure handling ran; the summary still lists the failed tasks);
 * - `not-started`: SKIPPED (MAXIMUM_CONCURRENT_RUNS_REACHED, `max_concurrent_runs: 0`);
 * - `canceled`: CANCELED, by anyone;
 * - `failed`: everything else (FAILED, TIMEDOUT from the job's own timeout, INTERNAL_ERROR, …).
 */
export type RunOutcome = 'success' | 'not-started' | 'canceled' | 'failed';

export function runOutcome(run: Pick<Run, 'state' | 'status'>): RunOutcome {
  const s = run.state;
  const result: ResultState | string | undefined = s?.result_state ?? run.status?.termination_details?.code;
  if (s?.life_cycle_state === 'SKIPPED' || result === 'MAXIMUM_CONCURRENT_RUNS_REACHED' || result === 'MAX_CONCURRENT_RUNS_EXCEEDED' || result === 'SKIPPED')
    return 'not-started';
  if (result === 'SUCCESS' || result === 'SUCCESS_WITH_FAILURES') return 'success';
  if (result === 'CANCELED' || result === 'USER_CANCELED') return 'canceled';
  return 'failed';
}

/** Results that mean a task did not do its work (and whose output is worth showing). */
export const FAILED_RESULTS: ReadonlySet<string> = new Set(['FAILED', 'TIMEDOUT', 'INTERNAL_ERROR']);

/** Results of tasks that did not run because of others, or were canceled. */
export const NOT_RUN_RESULTS: ReadonlySet<string> = new Set(['UPSTREAM_FAILED', 'UPSTREAM_CANCELED', 'CANCELED', 'EXCLUDED', 'DISABLED', 'SKIPPED']);

/** The id of the latest repair of a run fetched with `include_history` (runs/repair needs it). */
export function latestRepairId(run: Pick<Run, 'repair_history'>): Run['run_id'] | undefined {
  const repairs = (run.repair_history ?? []).filter((h) => h.type === 'REPAIR' && h.id !== undefined);
  return repairs.at(-1)?.id;
}

/**
 * A run page URL in the form the Databricks UI and CLI use today
 * (`<host>/jobs/<job>/runs/<run>?o=<workspace>`), from the legacy form runs/get returns.
 */
export function modernRunUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const m = /^(https?:\/\/[^/?#]+)\/?\?o=([^#]+)#job\/(\d+)\/run\/(\d+)$/.exec(url);
  return m ? `${m[1]}/jobs/${m[3]}/runs/${m[4]}?o=${m[2]}` : url;
}
