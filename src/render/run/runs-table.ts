/**
 * Text for `jobs runs list` and `jobs runs timeline` (stdout). Times are UTC, so the output is
 * the same wherever it is read (CI logs, a colleague in another zone). Pure.
 */
import type { Run } from '../../api/runs.js';
import { formatDuration } from '../../run/duration.js';
import { durationMs, stateLabel } from '../../run/run-state.js';
import type { Timeline } from '../../run/timeline.js';
import { renderTable } from './text-table.js';

/** `2026-11-21 10:00:00` (UTC). */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
}

export function renderRunsList(runs: readonly Run[], keys: ReadonlyMap<string, string>, nowMs: number): string {
  if (runs.length === 0) return 'No runs.\n';
  const rows = runs.map((r) => {
    const took = durationMs(r, nowMs);
    return [
      String(r.run_id),
      keys.get(String(r.job_id)) ?? r.run_name ?? String(r.job_id ?? ''),
      r.start_time ? formatUtc(r.start_time) : '-',
      took === undefined ? '-' : formatDuration(took),
      stateLabel(r.state, r.status),
      r.trigger ?? '',
    ];
  });
  const cols = [{ header: 'RUN ID' }, { header: 'JOB' }, { header: 'STARTED (UTC)' }, { header: 'DURATION', align: 'right' as const }, { header: 'STATE' }, { header: 'TRIGGER' }];
  return `${renderTable(cols, rows).join('\n')}\n`;
}

export function renderTimeline(t: Timeline): string {
  const head = `Runs started from ${t.from.slice(0, 10)} to ${t.to.slice(0, 10)} (${t.days} days, UTC)\n`;
  if (t.jobs.length === 0) return `${head}No runs.\n`;
  const pct = (x: number | undefined): string => (x === undefined ? '-' : `${Math.round(x * 100)}%`);
  const dur = (x: number | undefined): string => (x === undefined ? '-' : formatDuration(x));
  const rows: string[][] = [];
  for (const job of t.jobs) {
    const name = job.key ?? job.name;
    for (const d of job.days) rows.push([name, d.date, String(d.runs), String(d.succeeded), pct(d.success_rate), dur(d.avg_duration_ms), dur(d.p95_duration_ms), d.active ? String(d.active) : '']);
    if (job.days.length > 1) {
      const s = job.total;
      rows.push([name, 'all days', String(s.runs), String(s.succeeded), pct(s.success_rate), dur(s.avg_duration_ms), dur(s.p95_duration_ms), s.active ? String(s.active) : '']);
    }
  }
  const cols = [
    { header: 'JOB' }, { header: 'DAY' }, { header: 'RUNS', align: 'right' as const }, { header: 'SUCCEEDED', align: 'right' as const },
    { header: 'SUCCESS', align: 'right' as const }, { header: 'AVG', align: 'right' as const }, { header: 'P95', align: 'right' as const }, { header: 'ACTIVE', align: 'right' as const },
  ];
  return `${head}\n${renderTable(cols, rows).join('\n')}\n`;
}
