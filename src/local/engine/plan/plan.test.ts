import { describe, expect, it } from 'vitest';
import type { Task } from '../../../api/jobs.js';
import type { RefContext } from '../refs/resolve.js';
import { decideCondition, forEachConcurrency, parseForEachInputs, retryDelay } from './policy.js';
import { resolveTaskFields } from './resolve-fields.js';
import { classifyTask } from './task-kind.js';

const ctx: RefContext = {
  job: { id: '1', name: 'j', run_id: '2', repair_count: 0, start_time: 0, trigger_type: 'ONE_TIME', trigger_time: 0, parameters: {} },
  tasks: () => undefined, workspace: { id: '1', url: 'u' },
};

describe('retryDelay', () => {
  const t = (x: Partial<Task>): Task => ({ task_key: 'k', ...x });
  it('retries failures up to max_retries, from the failed attempt start', () => {
    expect(retryDelay(t({ max_retries: 2, min_retry_interval_millis: 1000 }), 0, 'FAILED', 100, 400)).toBe(700);
    expect(retryDelay(t({ max_retries: 2 }), 1, 'FAILED', 0, 0)).toBe(0);
    expect(retryDelay(t({ max_retries: 2 }), 2, 'FAILED', 0, 0)).toBeUndefined();
    expect(retryDelay(t({ max_retries: -1 }), 99, 'FAILED', 0, 0)).toBe(0);
    expect(retryDelay(t({}), 0, 'FAILED', 0, 0)).toBeUndefined();
  });
  it('retries timeouts only with retry_on_timeout, never successes, cancels or conditions', () => {
    expect(retryDelay(t({ max_retries: 1 }), 0, 'TIMEDOUT', 0, 0)).toBeUndefined();
    expect(retryDelay(t({ max_retries: 1, retry_on_timeout: true }), 0, 'TIMEDOUT', 0, 0)).toBe(0);
    expect(retryDelay(t({ max_retries: 1 }), 0, 'SUCCESS', 0, 0)).toBeUndefined();
    expect(retryDelay(t({ max_retries: 1 }), 0, 'CANCELED', 0, 0)).toBeUndefined();
    expect(retryDelay(t({ max_retries: 1, condition_task: { left: '1', op: 'EQUAL_TO', right: '1' } }), 0, 'FAILED', 0, 0)).toBeUndefined();
  });
});

describe('for-each inputs and conditions', () => {
  it('parses inputs as a JSON array of elements', () => {
    expect(parseForEachInputs('["a", {"b": 1}, 3]')).toEqual({ inputs: ['"a"', '{"b":1}', '3'] });
    expect(parseForEachInputs('nope')).toHaveProperty('error');
    expect(parseForEachInputs('[1,2,3]', { maxInputs: 2, maxConcurrency: 1 })).toEqual({ error: 'for_each_task.inputs has 3 elements; the local workspace runs at most 2' });
    expect(forEachConcurrency({ task_key: 'x', for_each_task: { inputs: '[]', concurrency: 500, task: { task_key: 'y' } } })).toBe(100);
  });
  it('compares resolved operands as strings or numbers by operator', () => {
    expect(decideCondition('12.0', 'EQUAL_TO', '12')).toEqual({ outcome: 'false' });
    expect(decideCondition('12.0', 'GREATER_THAN_OR_EQUAL', '12')).toEqual({ outcome: 'true' });
    expect(decideCondition('{{x}}', 'EQUAL_TO', '{{x}}')).toEqual({ outcome: 'true' });
  });
});

describe('classifyTask', () => {
  it('names what runs here and why the rest cannot', () => {
    expect(classifyTask({ task_key: 'a', notebook_task: { notebook_path: '/x' } }, false)).toEqual({ kind: 'notebook' });
    expect(classifyTask({ task_key: 'a', notebook_task: { notebook_path: 'x' } }, true)).toHaveProperty('unsupported');
    expect(classifyTask({ task_key: 'a', notebook_task: { notebook_path: '/x', source: 'WORKSPACE' } }, true)).toEqual({ kind: 'notebook' });
    expect(classifyTask({ task_key: 'a', dbt_task: { commands: ['dbt run'] } }, false)).toEqual({ unsupported: 'This dbt_task cannot run in the local workspace: dbt_task needs the dbt CLI and a SQL warehouse. Deploy the job to a Databricks workspace to run it.' });
  });
});

describe('resolveTaskFields', () => {
  const params = { env: 'prod', catalog: 'main' };
  it('pushes job parameters into notebook widgets, over base_parameters and notebook_params', () => {
    const r = resolveTaskFields({ task_key: 'n', notebook_task: { notebook_path: '/n', base_parameters: { env: 'base', a: '{{job.id}}', b: 'b' } } }, ctx, params, { notebook_params: { b: 'legacy', env: 'legacy' } });
    expect(r.task).toEqual({ kind: 'notebook', path: '/n', widgets: { env: 'prod', a: '1', b: 'legacy', catalog: 'main' } });
  });
  it('keeps job parameters out of positional arguments and into keyword ones', () => {
    expect(resolveTaskFields({ task_key: 's', spark_python_task: { python_file: '/f', parameters: ['{{job.parameters.env}}'] } }, { ...ctx, job: { ...ctx.job, parameters: params } }, params).task)
      .toEqual({ kind: 'python', file: '/f', argv: ['prod'] });
    expect(resolveTaskFields({ task_key: 'w', python_wheel_task: { package_name: 'p', entry_point: 'e', named_parameters: { env: 'x', n: '1' } } }, ctx, params).task)
      .toEqual({ kind: 'wheel', packageName: 'p', entryPoint: 'e', argv: ['--env=prod', '--n=1', '--catalog=main'] });
    expect(resolveTaskFields({ task_key: 'w', python_wheel_task: { package_name: 'p', entry_point: 'e', parameters: ['a'] } }, ctx, params).task)
      .toEqual({ kind: 'wheel', packageName: 'p', entryPoint: 'e', argv: ['a'] });
  });
  it('records resolved values and unresolvable references', () => {
    const r = resolveTaskFields({ task_key: 'c', condition_task: { left: '{{tasks.x.values.y}}', op: 'EQUAL_TO', right: '{{job.run_id}}' } }, ctx, {});
    expect(r.resolved_values).toEqual({ condition_task: { left: '{{tasks.x.values.y}}', right: '2' } });
    expect(r.errors).toEqual(['{{tasks.x.values.y}}: task x is not part of this run']);
  });
});
