/**
 * The live task table a TTY shows while a run is followed (under an ora spinner): one row per
 * task with a symbol, its state and how long it has taken so far. Pure: the run and the time in,
 * lines out; live-view.ts redraws it on every poll.
 */
import type { Run } from '../../api/runs.js';
import { formatDuration } from '../../run/duration.js';
import { durationMs, latestTasks, stateLabel } from '../../run/run-state.js';
import { renderTable } from './text-table.js';

/** A one-character symbol per state family. */
export function stateSymbol(state: string): string {
  if (state === 'SUCCESS' || state === 'SUCCESS_WITH_FAILURES') return '✔';
  if (state === 'FAILED' || state === 'TIMEDOUT' || state === 'INTERNAL_ERROR') return '✖';
  if (state === 'CANCELED' || state === 'UPSTREAM_CANCELED' || state === 'UPSTREAM_FAILED') return '⊘';
  if (state === 'EXCLUDED' || state === 'DISABLED' || state === 'SKIPPED' || state === 'MAXIMUM_CONCURRENT_RUNS_REACHED') return '○';
  if (state === 'RUNNING' || state === 'TERMINATING') return '▶';
  if (state === 'WAITING_FOR_RETRY') return '↻';
  return '·';
}

/** The table under the spinner: header line plus one row per task (capped for huge jobs). */
export function renderTaskTable(run: Run, nowMs: number, maxRows = 40): string {
  const tasks = latestTasks(run);
  const rows = tasks.slice(0, maxRows).map((t) => {
    const state = stateLabel(t.state, t.status);
    const took = durationMs(t, nowMs);
    const attempt = (t.attempt_number ?? 0) > 0 ? ` (attempt ${(t.attempt_number ?? 0) + 1})` : '';
    const stats = (t.for_each_task as { stats?: { task_run_stats?: Record<string, number> } } | undefined)?.stats?.task_run_stats;
    const iterations = stats?.total_iterations ? ` (${stats.completed_iterations ?? 0}/${stats.total_iterations} iterations)` : '';
    return [stateSymbol(state), t.task_key, state + attempt + iterations, took === undefined ? '' : formatDuration(took)];
  });
  const lines = renderTable([{ header: '' }, { header: 'TASK' }, { header: 'STATE' }, { header: 'TIME', align: 'right' }], rows, undefined, '  ');
  if (tasks.length > maxRows) lines.push(`  … and ${tasks.length - maxRows} more tasks`);
  const took = durationMs(run, nowMs);
  const head = `${run.run_name ?? 'run'} · run ${String(run.run_id)} · ${stateLabel(run.state, run.status)}${took === undefined ? '' : ` · ${formatDuration(took)}`}`;
  return [head, ...lines].join('\n');
}
