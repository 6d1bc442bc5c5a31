import { describe, expect, it } from 'vitest';
import type { StoredRun } from '../../runs/model.js';
import { refContext } from './context.js';
import { refText, resolveRef, substituteAll, type RefContext } from './resolve.js';
import { formatTimeArg } from './time-format.js';

const START = Date.UTC(2026, 10, 21, 9, 5, 7, 42); // a Saturday

const ctx: RefContext = {
  job: { id: '11', name: 'etl', run_id: '1001', repair_count: 1, start_time: START, trigger_type: 'PERIODIC', trigger_time: START + 37_000, parameters: { env: 'prod', day: '{{job.start_time.iso_date}}', 'my-param': 'x' } },
  task: { name: 'load', run_id: '1005', execution_count: 2, notebook_path: '/Users/a/nb' },
  tasks: (key) => (key === 'gen' ? { run_id: '1002', result_state: 'success', error_code: '', execution_count: 1, values: { n: 7, ok: true, rows: [1, 2], name: 'x' } } : undefined),
  workspace: { id: '1', url: 'http://127.0.0.1:8123' },
  input: '{"day":"2026-01-01","n":3,"nested":{"a":"b"}}',
};
const r = (path: string) => resolveRef(path.split('.'), ctx);

describe('resolveRef', () => {
  it.each([
    ['job.id', '11'], ['job.name', 'etl'], ['job.run_id', '1001'], ['job.repair_count', '1'],
    ['job.start_time.iso_date', '2026-11-21'], ['job.start_time.iso_datetime', '2026-11-21T09:05:07.042'],
    ['job.start_time.timestamp_ms', String(START)], ['job.start_time.iso_weekday', '6'], ['job.start_time.is_weekday', 'false'],
    ['job.start_time.hour', '9'], ['job.parameters.env', 'prod'], ['job.parameters.day', '2026-11-21'],
    ['job.trigger.type', 'periodic'], ['job.trigger.time.iso_datetime', '2026-11-21T09:05:00.000'],
    ['task.name', 'load'], ['task.run_id', '1005'], ['task.execution_count', '2'], ['task.notebook_path', '/Users/a/nb'],
    ['tasks.gen.run_id', '1002'], ['tasks.gen.result_state', 'success'], ['tasks.gen.values.n', '7'], ['tasks.gen.values.ok', 'true'],
    ['tasks.gen.values.rows', '[1,2]'], ['tasks.gen.values.name', 'x'], ['workspace.id', '1'], ['workspace.url', 'http://127.0.0.1:8123'],
    ['input', '{"day":"2026-01-01","n":3,"nested":{"a":"b"}}'], ['input.day', '2026-01-01'], ['input.n', '3'], ['input.nested.a', 'b'],
    ['job_id', '11'], ['run_id', '1005'], ['parent_run_id', '1001'], ['start_date', '2026-11-21'], ['task_retry_count', '1'], ['task_key', 'load'],
  ])('{{%s}} → %s', (path, value) => expect(r(path)).toEqual({ value }));

  it('leaves unknown namespaces literal and reports what the run does not have', () => {
    expect(r('foo.bar')).toBeUndefined();
    expect(r('tasks.nope.values.x')).toEqual({ error: 'task nope is not part of this run' });
    expect(r('tasks.gen.values.missing')).toEqual({ error: 'task gen did not set the task value missing' });
    expect(r('job.naem')).toEqual({ error: '{{job.naem}} is not a known reference' });
    expect(r('input.zzz')).toHaveProperty('error');
    expect(resolveRef(['job', 'parameters', 'my-param'], ctx)).toEqual({ value: 'x' });
  });

  it('substitutes every reference in a string and collects errors', () => {
    expect(substituteAll('{{job.parameters.env}}/{{job.start_time.iso_date}}/{{ds}}', ctx)).toEqual({ text: 'prod/2026-11-21/{{ds}}', errors: [] });
    const bad = substituteAll('x={{tasks.gen.values.nope}}', ctx);
    expect(bad.text).toBe('x={{tasks.gen.values.nope}}');
    expect(bad.errors).toEqual(['{{tasks.gen.values.nope}}: task gen did not set the task value nope']);
    expect(refText({ a: 1 })).toBe('{"a":1}');
  });
});

describe('formatTimeArg', () => {
  it('formats UTC parts without padding and ISO forms with it', () => {
    const t = Date.UTC(2026, 0, 4, 3, 4, 5, 6); // a Sunday
    expect(['year', 'month', 'day', 'hour', 'minute', 'second', 'iso_weekday', 'is_weekday'].map((a) => formatTimeArg(t, a))).toEqual(['2026', '1', '4', '3', '4', '5', '7', 'false']);
    expect(formatTimeArg(t, 'iso_datetime')).toBe('2026-01-04T03:04:05.006');
    expect(formatTimeArg(t, 'nope')).toBeUndefined();
  });
});

describe('refContext', () => {
  it('counts executions of a task across retries and repairs', () => {
    const task = (key: string, id: number, extra: object = {}) => ({ run_id: id, task_key: key, attempt_number: 0, task: { task_key: key }, state: { life_cycle_state: 'TERMINATED' as const, result_state: 'SUCCESS' as const }, start_time: 1, ...extra });
    const run = {
      run_id: 1, job_id: 2, run_name: 'r', creator_user_name: 'u', trigger: 'ONE_TIME', start_time: 0, state: { life_cycle_state: 'RUNNING' },
      tasks: [task('a', 10, { values: { v: 1 } }), task('b', 11, { state: { life_cycle_state: 'PENDING' }, start_time: undefined })],
      history: [{ ...task('a', 8), superseded: 'retry' }, { ...task('a', 9), superseded: 'repair' }, { ...task('b', 7), superseded: 'repair' }],
      job_parameters: [], repairs: [{ type: 'REPAIR' }], original_task_run_ids: [],
    } as unknown as StoredRun;
    const c = refContext({ run, task: run.tasks[1]!, workspace: { id: '1', url: 'u' }, parameters: {} });
    expect(c.task?.execution_count).toBe(2);
    expect(c.tasks('a')).toMatchObject({ execution_count: 3, values: { v: 1 }, result_state: 'success' });
    expect(c.job.repair_count).toBe(1);
  });
});
