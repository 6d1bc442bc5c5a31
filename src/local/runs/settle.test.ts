import { describe, expect, it } from 'vitest';
import type { Task } from '../../api/jobs.js';
import { evaluateCondition } from './condition.js';
import { createRun } from './create-run.js';
import { decideRunIf, finish, settleRun } from './settle.js';

const job = (tasks: Task[]) => ({ job_id: 1, creator_user_name: 'u', run_as_user_name: 'u', created_time: 0, settings: { name: 'j', tasks, max_concurrent_runs: 1 } });
let n = 100;
const run = (tasks: Task[]) => createRun({ job: job(tasks), request: { job_id: 1 }, activeRuns: 0, nextId: () => ++n, now: 0, userName: 'u' });
const cond = (task_key: string, left: string, op: string, right: string, depends_on?: Task['depends_on']): Task => ({ task_key, condition_task: { left, op, right }, ...(depends_on ? { depends_on } : {}) }) as Task;

describe('decideRunIf', () => {
  const table: [string, ('success' | 'failed' | 'canceled' | 'excluded')[], string][] = [
    ['ALL_SUCCESS', ['success', 'success'], 'run'],
    ['ALL_SUCCESS', ['success', 'failed'], 'UPSTREAM_FAILED'],
    ['ALL_SUCCESS', ['success', 'canceled'], 'UPSTREAM_CANCELED'],
    ['ALL_SUCCESS', ['excluded', 'success'], 'run'],
    ['ALL_SUCCESS', ['excluded', 'excluded'], 'EXCLUDED'],
    ['ALL_DONE', ['failed', 'canceled'], 'run'],
    ['AT_LEAST_ONE_SUCCESS', ['failed', 'success'], 'run'],
    ['AT_LEAST_ONE_SUCCESS', ['failed', 'failed'], 'UPSTREAM_FAILED'],
    ['NONE_FAILED', ['success', 'excluded'], 'run'],
    ['NONE_FAILED', ['success', 'failed'], 'UPSTREAM_FAILED'],
    ['AT_LEAST_ONE_FAILED', ['success', 'failed'], 'run'],
    ['AT_LEAST_ONE_FAILED', ['success', 'success'], 'EXCLUDED'],
    ['ALL_FAILED', ['failed', 'failed'], 'run'],
    ['ALL_FAILED', ['failed', 'success'], 'EXCLUDED'],
  ];
  it.each(table)('%s with %j → %s', (runIf, edges, expected) => expect(decideRunIf(runIf, edges)).toBe(expected));
});

describe('evaluateCondition', () => {
  it('compares strings for equality and numbers for order', () => {
    expect(evaluateCondition({ left: '12.0', op: 'EQUAL_TO', right: '12' })).toEqual({ outcome: 'false' });
    expect(evaluateCondition({ left: '12.0', op: 'GREATER_THAN_OR_EQUAL', right: '12' })).toEqual({ outcome: 'true' });
    expect(evaluateCondition({ left: 'a', op: 'NOT_EQUAL', right: 'b' })).toEqual({ outcome: 'true' });
    expect(evaluateCondition({ left: 'x', op: 'LESS_THAN', right: '1' })).toHaveProperty('error');
    expect(evaluateCondition({ left: '{{job.parameters.x}}', op: 'EQUAL_TO', right: '1' })).toBeUndefined();
  });
});

describe('settleRun', () => {
  it('evaluates a condition DAG to a rolled-up result', () => {
    const r = run([cond('c', '1', 'EQUAL_TO', '2'), cond('t', '1', 'EQUAL_TO', '1', [{ task_key: 'c', outcome: 'true' }]), cond('f', '1', 'EQUAL_TO', '1', [{ task_key: 'c', outcome: 'false' }])]);
    settleRun(r, 5);
    expect(r.tasks.map((t) => [t.task_key, t.state.result_state])).toEqual([['c', 'SUCCESS'], ['t', 'EXCLUDED'], ['f', 'SUCCESS']]);
    expect(r.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'SUCCESS' });
    expect(r.end_time).toBe(5);
  });

  it('reports SUCCESS_WITH_FAILURES when a failure is handled by a leaf', () => {
    const r = run([cond('bad', 'x', 'LESS_THAN', '1'), { ...cond('cleanup', '1', 'EQUAL_TO', '1', [{ task_key: 'bad' }]), run_if: 'ALL_DONE' }]);
    settleRun(r, 1);
    expect(r.state.result_state).toBe('SUCCESS_WITH_FAILURES');
  });

  it('leaves tasks that need work PENDING and the run not terminal', () => {
    const r = run([{ task_key: 'nb', notebook_task: { notebook_path: '/x' } }, cond('after', '1', 'EQUAL_TO', '1', [{ task_key: 'nb' }])]);
    settleRun(r, 1);
    expect(r.tasks.map((t) => t.state.life_cycle_state)).toEqual(['PENDING', 'BLOCKED']);
    expect(r.state.life_cycle_state).toBe('PENDING');
  });

  it('marks disabled tasks DISABLED, which downstream treats as excluded', () => {
    const r = run([{ ...cond('off', '1', 'EQUAL_TO', '1'), disabled: true }, cond('next', '1', 'EQUAL_TO', '1', [{ task_key: 'off' }])]);
    settleRun(r, 1);
    expect(r.tasks.map((t) => t.state.result_state)).toEqual(['DISABLED', 'EXCLUDED']);
  });

  it('names the canceled task, not the leaf it kept from running, when a task alone was canceled', () => {
    const r = run([{ task_key: 'nap', notebook_task: { notebook_path: '/x' } }, cond('after', '1', 'EQUAL_TO', '1', [{ task_key: 'nap' }])]);
    settleRun(r, 1);
    finish(r.tasks[0]!, 'CANCELED', 2);
    settleRun(r, 3);
    expect(r.tasks.map((t) => t.state.result_state)).toEqual(['CANCELED', 'UPSTREAM_CANCELED']);
    expect(r.state).toMatchObject({ result_state: 'CANCELED', state_message: 'Task nap was canceled.' });
  });
});
