import { describe, expect, it } from 'vitest';
import type { Run } from '../api/runs.js';
import { computeTimeline, percentile, timelineStart } from './timeline.js';

const now = new Date('2026-11-21T10:00:00Z');
const at = (iso: string) => Date.parse(iso);
const done = (run_id: number, start: string, seconds: number, result: string, job_id = 1): Run => ({
  run_id, job_id, run_name: 'etl', start_time: at(start), end_time: at(start) + seconds * 1000,
  state: { life_cycle_state: result === 'MAXIMUM_CONCURRENT_RUNS_REACHED' ? 'SKIPPED' : 'TERMINATED', result_state: result as never },
});

describe('run timeline', () => {
  it('starts at midnight UTC, days − 1 days back', () => {
    expect(new Date(timelineStart(now, 14)).toISOString()).toBe('2026-11-08T00:00:00.000Z');
    expect(new Date(timelineStart(now, 1)).toISOString()).toBe('2026-11-21T00:00:00.000Z');
  });
  it('counts runs, successes, rates and durations per job and UTC day', () => {
    const runs = [
      done(1, '2026-11-20T23:59:00Z', 60, 'SUCCESS'),
      done(2, '2026-11-20T08:00:00Z', 120, 'FAILED'),
      done(3, '2026-11-20T09:00:00Z', 30, 'SUCCESS_WITH_FAILURES'),
      done(4, '2026-11-21T01:00:00Z', 10, 'MAXIMUM_CONCURRENT_RUNS_REACHED'),
      { run_id: 5, job_id: 1, run_name: 'etl', start_time: at('2026-11-21T09:59:00Z'), state: { life_cycle_state: 'RUNNING' } },
      done(6, '2026-10-01T00:00:00Z', 5, 'SUCCESS'),
      done(7, '2026-11-21T02:00:00Z', 40, 'CANCELED', 2),
    ] as Run[];
    const t = computeTimeline(runs, { now, days: 14, keys: new Map([['1', 'etl'], ['2', 'report']]) });
    expect(t.jobs.map((j) => j.key)).toEqual(['etl', 'report']);
    const etl = t.jobs[0]!;
    expect(etl.days).toEqual([
      { date: '2026-11-20', runs: 3, succeeded: 2, failed: 1, canceled: 0, skipped: 0, active: 0, success_rate: 2 / 3, avg_duration_ms: 70_000, p95_duration_ms: 120_000 },
      { date: '2026-11-21', runs: 1, succeeded: 0, failed: 0, canceled: 0, skipped: 1, active: 1, success_rate: 0 },
    ]);
    expect(etl.total).toMatchObject({ runs: 4, succeeded: 2, active: 1 });
    expect(t.jobs[1]!.days[0]).toMatchObject({ canceled: 1, success_rate: 0, avg_duration_ms: 40_000 });
  });
  it('takes the nearest-rank percentile', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(xs, 0.95)).toBe(19);
    expect(percentile([5], 0.95)).toBe(5);
  });
});
