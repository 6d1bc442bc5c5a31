/**
 * The final summary of a run as text (stdout): the result line, the task table (result,
 * duration, attempts), then each failed task's error and the tail of its output, and a hint for
 * what to do next. Pure: `RunSummary` in, text out.
 *
 *   Run 7 of etl: FAILED in 12s
 *   Task transform failed with message: Workload failed, see run output for details.
 *
 *     TASK       RESULT           DURATION  ATTEMPTS
 *     validate   SUCCESS                4s         1
 *     transform  FAILED                 5s         1
 *     report     UPSTREAM_FAILED         -         -
 *
 *   transform: ValueError: only 3 rows in trips, expected at least 100
 *     │ Traceback (most recent call last):
 *     │ …
 */
import { Chalk } from 'chalk';
import { formatDuration } from '../../run/duration.js';
import type { RunSummary } from '../../run/summary.js';
import { renderTable } from './text-table.js';

export interface SummaryTextOptions {
  color: boolean;
  /** The job's key in the bundle, for the title. */
  jobKey?: string;
  /** Lines printed after the summary (next steps). */
  hints?: string[];
  /** Show the run page URL (real workspaces). */
  showUrl?: boolean;
  /** Leave out each failed task's error and output tail (`runs get --logs` prints them whole). */
  omitFailureDetails?: boolean;
}

export function renderRunSummary(s: RunSummary, o: SummaryTextOptions): string {
  const c = new Chalk({ level: o.color ? 1 : 0 });
  const paint = (state: string, text = state): string =>
    /^(SUCCESS|SUCCESS_WITH_FAILURES)$/.test(state) ? c.green(text)
      : /^(FAILED|TIMEDOUT|INTERNAL_ERROR)$/.test(state) ? c.red(text)
        : /CANCELED|UPSTREAM/.test(state) ? c.yellow(text) : text;
  const out: string[] = [];
  const name = o.jobKey ?? s.runName;
  const repair = s.repairs > 0 ? ` (repair ${s.repairs})` : '';
  const took = s.durationMs === undefined ? '' : ` in ${formatDuration(s.durationMs)}`;
  out.push(`Run ${String(s.runId)}${name ? ` of ${name}` : ''}${repair}: ${c.bold(paint(s.state))}${took}`);
  if (s.message && s.state !== 'SUCCESS') out.push(s.message);
  if (o.showUrl && s.url) out.push(s.url);
  out.push('');
  const rows = s.tasks.map((t) => [
    t.taskKey,
    t.state + (t.outcome ? ` (${t.outcome})` : '') + (t.iterations ? ` (${t.iterations.succeeded}/${t.iterations.total} iterations)` : ''),
    t.durationMs === undefined ? '-' : formatDuration(t.durationMs),
    t.attempts === 0 ? '-' : String(t.attempts),
  ]);
  const table = renderTable(
    [{ header: 'TASK' }, { header: 'RESULT' }, { header: 'DURATION', align: 'right' }, { header: 'ATTEMPTS', align: 'right' }],
    rows,
    (text, row, col) => (col === 1 ? paint(s.tasks[row]!.state, text) : text),
    '  ',
  );
  out.push(...table);
  for (const t of o.omitFailureDetails ? [] : s.tasks) {
    if (!t.error && !t.outputTail) continue;
    out.push('', `${c.bold(t.taskKey)}: ${c.red(t.error ?? t.message ?? t.state)}`);
    if (t.omittedLines) out.push(c.dim(`  │ … ${t.omittedLines} earlier lines`));
    for (const line of t.outputTail ?? []) out.push(`  ${c.dim('│')} ${line}`);
  }
  if (o.hints?.length) out.push('', ...o.hints);
  return `${out.join('\n')}\n`;
}
