/**
 * What changed between two snapshots of a run, as the events the follow loop reports: the run's
 * own state, and each task's state (a new attempt counts as a change even when the label is the
 * same). Pure: the non-TTY view prints one line per event; tests assert on the events.
 *
 * The first snapshot is compared with a baseline: nothing for a new run (every task is new), or
 * the run as it was before a repair (so only the rerun tasks show up).
 */
import type { Run, RunTask } from '../api/runs.js';
import { isRunTerminal, isTerminalState, latestTasks, stateLabel } from './run-state.js';

export type RunChange =
  | { kind: 'run'; state: string; message?: string; queueReason?: string }
  | { kind: 'task'; taskKey: string; state: string; attempt: number; message?: string; durationMs?: number; outcome?: string; iterations?: string };

/** Task states that are implied and not worth a line: waiting for upstream tasks. */
const QUIET: ReadonlySet<string> = new Set(['BLOCKED']);

export function diffRuns(before: Run | undefined, after: Run): RunChange[] {
  const out: RunChange[] = [];
  const prev = new Map(latestTasks(before ?? { tasks: [] }).map((t) => [t.task_key, t]));
  const seenEnded = new Set((before?.tasks ?? []).filter((t) => isTerminalState(t.state, t.status)).map((t) => String(t.run_id)));
  // A skipped run never started its tasks: the run's own line says it all.
  const skipped = after.state?.life_cycle_state === 'SKIPPED';
  const latest = skipped ? [] : latestTasks(after);
  const latestIds = new Set(latest.map((t) => String(t.run_id)));
  for (const t of latest) {
    // Attempts that ended between two polls (a retry already under way) still get their line.
    for (const earlier of (after.tasks ?? []).filter((a) => a.task_key === t.task_key && !latestIds.has(String(a.run_id)))) {
      if (isTerminalState(earlier.state, earlier.status) && !seenEnded.has(String(earlier.run_id))) out.push(taskChange(earlier));
    }
    const label = stateLabel(t.state, t.status);
    const old = prev.get(t.task_key);
    const same = old && String(old.run_id) === String(t.run_id) && stateLabel(old.state, old.status) === label;
    if (same || QUIET.has(label)) continue;
    out.push(taskChange(t));
  }
  const runLabel = stateLabel(after.state, after.status);
  if (!before || stateLabel(before.state, before.status) !== runLabel) {
    const message = after.state?.state_message ?? after.status?.termination_details?.message;
    const queueReason = after.state?.queue_reason ?? after.status?.queue_details?.message;
    const change: RunChange = { kind: 'run', state: runLabel, ...(message ? { message } : {}), ...(runLabel === 'QUEUED' && queueReason ? { queueReason } : {}) };
    // The run's own line comes first while it goes on, and last once it has ended.
    if (isRunTerminal(after)) out.push(change);
    else out.unshift(change);
  }
  return out;
}

function taskChange(t: RunTask): RunChange {
  const label = stateLabel(t.state, t.status);
  const duration = t.end_time && t.start_time ? t.end_time - t.start_time : undefined;
  const message = t.state?.state_message ?? t.status?.termination_details?.message;
  const stats = (t.for_each_task as { stats?: { task_run_stats?: Record<string, number> } } | undefined)?.stats?.task_run_stats;
  return {
    kind: 'task', taskKey: t.task_key, state: label, attempt: t.attempt_number ?? 0,
    ...(message && label !== 'SUCCESS' ? { message } : {}),
    ...(duration !== undefined ? { durationMs: t.run_duration || duration } : {}),
    ...(t.condition_task?.outcome ? { outcome: t.condition_task.outcome } : {}),
    ...(stats?.total_iterations ? { iterations: `${stats.succeeded_iterations ?? 0}/${stats.total_iterations}` } : {}),
  };
}
