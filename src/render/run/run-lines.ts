/**
 * The non-TTY view of a followed run (CI logs, pipes): one line per state change, prefixed with
 * the time since following began, e.g.
 *
 *   [0:00] run 7: RUNNING
 *   [0:04] validate: SUCCESS in 4s
 *   [0:09] transform: FAILED in 5s: Workload failed, see run output for details
 *   [0:09] report: UPSTREAM_FAILED
 *   [0:09] run 7: FAILED: Task transform failed with message: …
 *
 * Pure: change events in, text out.
 */
import type { Int64 } from '../../api/json.js';
import type { RunChange } from '../../run/changes.js';
import { formatDuration, formatElapsed } from '../../run/duration.js';

export function changeLine(runId: Int64, change: RunChange, elapsedMs: number): string {
  const at = `[${formatElapsed(elapsedMs)}]`;
  if (change.kind === 'run') {
    const why = change.queueReason ?? change.message;
    return `${at} run ${String(runId)}: ${change.state}${why ? `: ${oneLine(why)}` : ''}\n`;
  }
  const parts = [`${at} ${change.taskKey}: ${change.state}`];
  if (change.attempt > 0) parts.push(` (attempt ${change.attempt + 1})`);
  if (change.durationMs !== undefined) parts.push(` in ${formatDuration(change.durationMs)}`);
  if (change.outcome) parts.push(`, outcome ${change.outcome}`);
  if (change.iterations) parts.push(`, ${change.iterations} iterations succeeded`);
  if (change.message) parts.push(`: ${oneLine(change.message)}`);
  return `${parts.join('')}\n`;
}

/** Messages may span lines (tracebacks); a log line must not. */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s*\n\s*/g, ' ⏎ ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
