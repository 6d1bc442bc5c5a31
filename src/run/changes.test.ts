import { describe, expect, it } from 'vitest';
import type { Run } from '../api/runs.js';
import { diffRuns } from './changes.js';

const run = (state: Run['state'], tasks: Run['tasks']): Run => ({ run_id: 7, state, tasks });

describe('diffRuns', () => {
  it('reports every task of a new run, except those waiting on upstream', () => {
    const r = run({ life_cycle_state: 'RUNNING' }, [
      { task_key: 'a', run_id: 1, state: { life_cycle_state: 'PENDING' } },
      { task_key: 'b', run_id: 2, depends_on: [{ task_key: 'a' }], state: { life_cycle_state: 'BLOCKED' } },
    ]);
    expect(diffRuns(undefined, r)).toEqual([{ kind: 'run', state: 'RUNNING' }, { kind: 'task', taskKey: 'a', state: 'PENDING', attempt: 0 }]);
  });
  it('reports changes only, with durations and messages; the run last once it ended', () => {
    const before = run({ life_cycle_state: 'RUNNING' }, [{ task_key: 'a', run_id: 1, state: { life_cycle_state: 'RUNNING' }, start_time: 1000 }]);
    const after = run({ life_cycle_state: 'INTERNAL_ERROR', result_state: 'FAILED', state_message: 'Task a failed' }, [
      { task_key: 'a', run_id: 1, state: { life_cycle_state: 'TERMINATED', result_state: 'FAILED', state_message: 'boom' }, start_time: 1000, end_time: 4000 },
    ]);
    expect(diffRuns(before, after)).toEqual([
      { kind: 'task', taskKey: 'a', state: 'FAILED', attempt: 0, message: 'boom', durationMs: 3000 },
      { kind: 'run', state: 'FAILED', message: 'Task a failed' },
    ]);
    expect(diffRuns(after, after)).toEqual([]);
  });
  it('sees a retry or a repair as a change even when the label repeats', () => {
    const first = run({ life_cycle_state: 'RUNNING' }, [{ task_key: 'a', run_id: 1, state: { life_cycle_state: 'RUNNING' } }]);
    const retry = run({ life_cycle_state: 'RUNNING' }, [{ task_key: 'a', run_id: 2, attempt_number: 1, state: { life_cycle_state: 'RUNNING' } }]);
    expect(diffRuns(first, retry)).toEqual([{ kind: 'task', taskKey: 'a', state: 'RUNNING', attempt: 1 }]);
  });
  it('says why a run is queued, and nothing per task for a skipped run', () => {
    expect(diffRuns(undefined, run({ life_cycle_state: 'QUEUED', queue_reason: 'Queued due to reaching maximum concurrent runs.' }, []))).toEqual([
      { kind: 'run', state: 'QUEUED', queueReason: 'Queued due to reaching maximum concurrent runs.' },
    ]);
    const skipped = run({ life_cycle_state: 'SKIPPED', result_state: 'MAXIMUM_CONCURRENT_RUNS_REACHED' }, [{ task_key: 'a', run_id: 1, state: { life_cycle_state: 'SKIPPED' } }]);
    expect(diffRuns(undefined, skipped).map((c) => c.kind)).toEqual(['run']);
  });
});

describe('diffRuns with retries', () => {
  it('reports an attempt that failed between two polls before its retry', () => {
    const before: Run = { run_id: 7, state: { life_cycle_state: 'RUNNING' }, tasks: [{ task_key: 'a', run_id: 1, state: { life_cycle_state: 'RUNNING' }, start_time: 1 }] };
    const after: Run = {
      run_id: 7, state: { life_cycle_state: 'RUNNING' },
      tasks: [
        { task_key: 'a', run_id: 1, attempt_number: 0, start_time: 1000, end_time: 3000, state: { life_cycle_state: 'TERMINATED', result_state: 'FAILED', state_message: 'boom' } },
        { task_key: 'a', run_id: 2, attempt_number: 1, state: { life_cycle_state: 'WAITING_FOR_RETRY' } },
      ],
    };
    expect(diffRuns(before, after)).toEqual([
      { kind: 'task', taskKey: 'a', state: 'FAILED', attempt: 0, message: 'boom', durationMs: 2000 },
      { kind: 'task', taskKey: 'a', state: 'WAITING_FOR_RETRY', attempt: 1 },
    ]);
    expect(diffRuns(after, after)).toEqual([]);
  });
});
