import { describe, expect, it } from 'vitest';
import { draftRun, editTask, type StoredRun } from '../runs/model.js';
import { finish } from '../runs/settle.js';
import { applyOps, emptyState } from './model.js';
import { applyRunPatch, diffRun } from './run-diff.js';

const run = (n: number): StoredRun => ({
  run_id: 1000, job_id: 1, run_name: 'r', creator_user_name: 'u', trigger: 'ONE_TIME', start_time: 0, state: { life_cycle_state: 'RUNNING' },
  tasks: Array.from({ length: n }, (_, i) => ({ run_id: 2000 + i, task_key: `t${i}`, attempt_number: 0, task: { task_key: `t${i}` }, state: { life_cycle_state: 'BLOCKED' as const } })),
  job_parameters: [], repairs: [], original_task_run_ids: [],
});

describe('diffRun', () => {
  it('records only the task runs that changed, and the patch rebuilds the same run', () => {
    const before = run(1000);
    const after = draftRun(before);
    finish(editTask(after, 7), 'SUCCESS', 5);
    after.iterations = [{ run_id: 9000, task_key: 'it', attempt_number: 0, task: { task_key: 'it' }, state: { life_cycle_state: 'PENDING' } }];
    const patch = diffRun(before, after);
    expect(patch?.tasks?.map(([i]) => i)).toEqual([7]);
    expect(patch?.iterations?.length).toBe(1);
    expect(JSON.stringify(patch).length).toBeLessThan(2000);
    expect(applyRunPatch(before, patch!)).toEqual(after);
    expect(before.tasks[7]!.state.life_cycle_state).toBe('BLOCKED');
  });

  it('gives up when task runs were replaced or removed (a whole-run write is needed)', () => {
    const before = run(3);
    const after = draftRun(before);
    after.tasks[1] = { ...after.tasks[1]!, run_id: 5000 };
    expect(diffRun(before, after)).toBeUndefined();
    expect(diffRun(before, { ...after, tasks: after.tasks.slice(0, 2) })).toBeUndefined();
  });

  it('indexes the task runs a patch adds', () => {
    const state = emptyState();
    const before = run(2);
    applyOps(state, [{ op: 'run.put', run: before }]);
    const after = draftRun(before);
    after.history = [{ ...after.tasks[0]!, superseded: 'retry' }];
    after.tasks[0] = { ...after.tasks[0]!, run_id: 3000, attempt_number: 1 };
    // A replaced id cannot be patched in place…
    expect(diffRun(before, after)).toBeUndefined();
    applyOps(state, [{ op: 'run.put', run: after }]);
    const next = draftRun(after);
    next.iterations = [{ run_id: 9001, task_key: 'x', attempt_number: 0, task: { task_key: 'x' }, state: { life_cycle_state: 'PENDING' } }];
    applyOps(state, [diffRun(after, next)!]);
    expect(state.taskRuns.get('9001')).toBe('1000');
    expect(state.taskRuns.get('3000')).toBe('1000');
    expect(state.taskRuns.get('2000')).toBe('1000');
  });
});
