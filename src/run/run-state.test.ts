import { describe, expect, it } from 'vitest';
import type { Run, RunTask } from '../api/runs.js';
import { attemptsByKey, dagOrder, durationMs, latestRepairId, latestTasks, modernRunUrl, runOutcome, stateLabel } from './run-state.js';

const task = (task_key: string, extra: Partial<RunTask> = {}): RunTask => ({ task_key, run_id: 1, ...extra });

describe('stateLabel', () => {
  it.each([
    [{ life_cycle_state: 'RUNNING' }, 'RUNNING'],
    [{ life_cycle_state: 'TERMINATED', result_state: 'FAILED' }, 'FAILED'],
    [{ life_cycle_state: 'INTERNAL_ERROR', result_state: 'FAILED' }, 'FAILED'],
    [{ life_cycle_state: 'INTERNAL_ERROR' }, 'INTERNAL_ERROR'],
    [{ life_cycle_state: 'SKIPPED', result_state: 'MAXIMUM_CONCURRENT_RUNS_REACHED' }, 'MAXIMUM_CONCURRENT_RUNS_REACHED'],
  ] as const)('%o → %s', (state, label) => expect(stateLabel(state)).toBe(label));
  it('reads the v2 status when v1 is absent', () => {
    expect(stateLabel(undefined, { state: 'TERMINATED', termination_details: { code: 'SUCCESS', type: 'SUCCESS' } })).toBe('SUCCESS');
    expect(stateLabel(undefined, { state: 'QUEUED' })).toBe('QUEUED');
  });
});

describe('runOutcome', () => {
  it.each([
    ['TERMINATED', 'SUCCESS', 'success'],
    ['TERMINATED', 'SUCCESS_WITH_FAILURES', 'success'],
    ['INTERNAL_ERROR', 'FAILED', 'failed'],
    ['TERMINATED', 'TIMEDOUT', 'failed'],
    ['TERMINATED', 'CANCELED', 'canceled'],
    ['SKIPPED', 'MAXIMUM_CONCURRENT_RUNS_REACHED', 'not-started'],
    ['SKIPPED', undefined, 'not-started'],
    ['INTERNAL_ERROR', undefined, 'failed'],
  ] as const)('%s/%s → %s', (life_cycle_state, result_state, outcome) => {
    expect(runOutcome({ state: { life_cycle_state, ...(result_state ? { result_state } : {}) } })).toBe(outcome);
  });
});

describe('tasks of a run', () => {
  it('keeps the latest attempt of each task, in DAG order', () => {
    const run: Pick<Run, 'tasks'> = {
      tasks: [
        task('report', { depends_on: [{ task_key: 'transform' }] }),
        task('transform', { run_id: 2, attempt_number: 0, depends_on: [{ task_key: 'validate' }], start_time: 5 }),
        task('transform', { run_id: 3, attempt_number: 1, depends_on: [{ task_key: 'validate' }], start_time: 9 }),
        task('validate', { start_time: 1 }),
      ],
    };
    expect(latestTasks(run).map((t) => `${t.task_key}:${String(t.run_id)}`)).toEqual(['validate:1', 'transform:3', 'report:1']);
    expect(attemptsByKey(run)).toEqual(new Map([['report', 0], ['transform', 2], ['validate', 1]]));
  });
  it('orders a cycle (which a server should never return) without looping', () => {
    expect(dagOrder([task('a', { depends_on: [{ task_key: 'b' }] }), task('b', { depends_on: [{ task_key: 'a' }] })]).map((t) => t.task_key)).toEqual(['a', 'b']);
  });
});

describe('durations and ids', () => {
  it('prefers run_duration, then end − start, then now − start', () => {
    expect(durationMs({ run_duration: 7, start_time: 1, end_time: 100 })).toBe(7);
    expect(durationMs({ start_time: 1000, end_time: 4000 })).toBe(3000);
    expect(durationMs({ start_time: 1000, end_time: 0 }, 6000)).toBe(5000);
    expect(durationMs({ start_time: 0 }, 6000)).toBeUndefined();
  });
  it('finds the latest repair id in the history', () => {
    expect(latestRepairId({ repair_history: [{ type: 'ORIGINAL' }, { type: 'REPAIR', id: 5 }, { type: 'REPAIR', id: 9n }] })).toBe(9n);
    expect(latestRepairId({ repair_history: [{ type: 'ORIGINAL' }] })).toBeUndefined();
  });
  it('rewrites legacy run page URLs to the form the UI uses', () => {
    expect(modernRunUrl('https://adb-1.azuredatabricks.net/?o=123#job/11/run/101')).toBe('https://adb-1.azuredatabricks.net/jobs/11/runs/101?o=123');
    expect(modernRunUrl('https://x/jobs/1/runs/2')).toBe('https://x/jobs/1/runs/2');
  });
});
