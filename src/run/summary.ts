/**
 * The final summary of a run: its result and duration, and per task the result, duration,
 * attempts and, for a task that failed, the error and the tail of its output (from
 * runs/get-output). One model behind the text summary and tests. Pure.
 */
import type { Int64 } from '../api/json.js';
import type { Run, RunOutput } from '../api/runs.js';
import { attemptsByKey, durationMs, FAILED_RESULTS, latestRepairId, latestTasks, modernRunUrl, runOutcome, stateLabel, type RunOutcome } from './run-state.js';

/** Lines of output shown under a failed task. */
export const OUTPUT_TAIL_LINES = 20;

export interface TaskSummary {
  taskKey: string;
  /** `SUCCESS`, `FAILED`, `UPSTREAM_FAILED`, … (or the life cycle state while it runs). */
  state: string;
  durationMs?: number;
  /** 0 when the task never started. */
  attempts: number;
  /** The state message of a task that did not succeed. */
  message?: string;
  /** Condition tasks: the branch taken. */
  outcome?: string;
  /** For-each tasks: `succeeded/total` iterations. */
  iterations?: { total: number; succeeded: number; failed: number };
  /** Failed tasks: the one-line error from get-output. */
  error?: string;
  /** Failed tasks: the last lines of the error trace, else of the logs. */
  outputTail?: string[];
  /** How many lines the tail leaves out. */
  omittedLines?: number;
}

export interface RunSummary {
  runId: Int64;
  jobId?: Int64;
  runName?: string;
  state: string;
  outcome: RunOutcome;
  message?: string;
  durationMs?: number;
  url?: string;
  /** Repairs made so far (from the repair history, when fetched). */
  repairs: number;
  latestRepairId?: Int64;
  tasks: TaskSummary[];
}

export function summarizeRun(run: Run, outputs: ReadonlyMap<string, RunOutput> = new Map(), nowMs?: number): RunSummary {
  const attempts = attemptsByKey(run);
  const tasks = latestTasks(run).map((t): TaskSummary => {
    const state = stateLabel(t.state, t.status);
    const message = t.state?.state_message ?? t.status?.termination_details?.message;
    const stats = (t.for_each_task as { stats?: { task_run_stats?: Record<string, number> } } | undefined)?.stats?.task_run_stats;
    const took = durationMs(t, nowMs);
    const summary: TaskSummary = {
      taskKey: t.task_key, state, attempts: attempts.get(t.task_key) ?? 0,
      ...(took !== undefined ? { durationMs: took } : {}),
      ...(message && state !== 'SUCCESS' ? { message } : {}),
      ...(t.condition_task?.outcome ? { outcome: t.condition_task.outcome } : {}),
      ...(stats ? { iterations: { total: stats.total_iterations ?? 0, succeeded: stats.succeeded_iterations ?? 0, failed: stats.failed_iterations ?? 0 } } : {}),
    };
    const output = outputs.get(t.task_key);
    if (output && FAILED_RESULTS.has(state)) Object.assign(summary, failureDetail(output));
    return summary;
  });
  const message = run.state?.state_message ?? run.status?.termination_details?.message;
  const repairId = latestRepairId(run);
  const took = run.state?.life_cycle_state === 'SKIPPED' ? undefined : durationMs(run, nowMs);
  return {
    runId: run.run_id,
    ...(run.job_id !== undefined ? { jobId: run.job_id } : {}),
    ...(run.run_name ? { runName: run.run_name } : {}),
    state: stateLabel(run.state, run.status),
    outcome: runOutcome(run),
    ...(message ? { message } : {}),
    ...(took !== undefined ? { durationMs: took } : {}),
    ...(run.run_page_url ? { url: modernRunUrl(run.run_page_url) } : {}),
    repairs: (run.repair_history ?? []).filter((h) => h.type === 'REPAIR').length,
    ...(repairId !== undefined ? { latestRepairId: repairId } : {}),
    tasks,
  };
}

/** The error line and the tail of the trace (or logs) of a failed task's output. */
export function failureDetail(output: RunOutput, maxLines = OUTPUT_TAIL_LINES): Pick<TaskSummary, 'error' | 'outputTail' | 'omittedLines'> {
  const text = output.error_trace ?? output.logs ?? '';
  const lines = text.replace(/\s+$/, '').split(/\r?\n/);
  const useful = text.trim() === '' ? [] : lines;
  const tail = useful.slice(-maxLines);
  return {
    ...(output.error ? { error: output.error.trim() } : {}),
    ...(tail.length > 0 ? { outputTail: tail } : {}),
    ...(useful.length > tail.length ? { omittedLines: useful.length - tail.length } : {}),
  };
}

/** Task keys whose output the summary shows (failed, timed out). */
export function tasksNeedingOutput(run: Run): { taskKey: string; runId: Int64 }[] {
  return latestTasks(run)
    .filter((t) => FAILED_RESULTS.has(stateLabel(t.state, t.status)))
    .map((t) => ({ taskKey: t.task_key, runId: t.run_id }));
}
