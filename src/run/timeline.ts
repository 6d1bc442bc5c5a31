/**
 * The run timeline the course queries from the `system.lakeflow.job_run_timeline` table, computed
 * from runs/list instead: per job and UTC day, the runs that finished, how many succeeded, the
 * success rate, and the average and 95th-percentile duration. Pure: runs in, rows out.
 *
 * Counting rules (ours, written down): a run belongs to the UTC day it started; active runs are
 * counted apart and left out of every rate; SUCCESS and SUCCESS_WITH_FAILURES count as
 * succeeded (as `jobs run` exits 0 for both); durations are over runs that ran (not SKIPPED);
 * p95 is the nearest-rank percentile.
 */
import type { Int64 } from '../api/json.js';
import type { Run } from '../api/runs.js';
import { isRunTerminal, runOutcome } from './run-state.js';

export interface TimelineDay {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  /** Finished runs that started this day. */
  runs: number;
  succeeded: number;
  failed: number;
  canceled: number;
  skipped: number;
  /** Still running (not in any rate). */
  active: number;
  /** succeeded / runs, 0..1; absent when no run finished. */
  success_rate?: number;
  avg_duration_ms?: number;
  p95_duration_ms?: number;
}

export interface TimelineJob {
  job_id: Int64;
  /** The bundle's key for this job, when known. */
  key?: string;
  name: string;
  days: TimelineDay[];
  total: Omit<TimelineDay, 'date'>;
}

export interface Timeline {
  /** First day included (UTC), and the instant runs were listed from. */
  from: string;
  to: string;
  days: number;
  jobs: TimelineJob[];
}

const DAY_MS = 86_400_000;

/** Start of the window: midnight UTC, `days - 1` days before `now` (so `days` calendar days). */
export function timelineStart(now: Date, days: number): number {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return today - (days - 1) * DAY_MS;
}

export function computeTimeline(runs: readonly Run[], opts: { now: Date; days: number; keys?: ReadonlyMap<string, string> }): Timeline {
  const from = timelineStart(opts.now, opts.days);
  const byJob = new Map<string, Run[]>();
  for (const r of runs) {
    if (!r.start_time || r.start_time < from || r.job_id === undefined) continue;
    const id = String(r.job_id);
    byJob.set(id, [...(byJob.get(id) ?? []), r]);
  }
  const jobs = [...byJob.values()].map((list): TimelineJob => {
    const days = new Map<string, Run[]>();
    for (const r of list) {
      const date = new Date(r.start_time!).toISOString().slice(0, 10);
      days.set(date, [...(days.get(date) ?? []), r]);
    }
    // runs/list is newest first: the newest run names the job as it is called now.
    const key = opts.keys?.get(String(list[0]!.job_id));
    return {
      job_id: list[0]!.job_id!, ...(key ? { key } : {}), name: list[0]!.run_name ?? String(list[0]!.job_id),
      days: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, rs]) => ({ date, ...dayStats(rs) })),
      total: dayStats(list),
    };
  });
  jobs.sort((a, b) => (a.key ?? a.name).localeCompare(b.key ?? b.name));
  return { from: new Date(from).toISOString(), to: opts.now.toISOString(), days: opts.days, jobs };
}

function dayStats(runs: readonly Run[]): Omit<TimelineDay, 'date'> {
  const done = runs.filter((r) => isRunTerminal(r));
  const outcomes = done.map((r) => runOutcome(r));
  const count = (o: string): number => outcomes.filter((x) => x === o).length;
  const durations = done
    .filter((r) => r.state?.life_cycle_state !== 'SKIPPED' && r.end_time && r.start_time)
    .map((r) => r.run_duration || r.end_time! - r.start_time!)
    .sort((a, b) => a - b);
  const succeeded = count('success');
  return {
    runs: done.length, succeeded, failed: count('failed'), canceled: count('canceled'), skipped: count('not-started'),
    active: runs.length - done.length,
    ...(done.length > 0 ? { success_rate: succeeded / done.length } : {}),
    ...(durations.length > 0 ? { avg_duration_ms: Math.round(durations.reduce((a, b) => a + b, 0) / durations.length), p95_duration_ms: percentile(durations, 0.95) } : {}),
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}
