import { describe, expect, it } from 'vitest';
import { classifyRef } from './dynamic-catalogue.js';

const classify = (path: string) => classifyRef(path.split('.'));

describe('classifyRef', () => {
  it.each([
    'job.id',
    'job.name',
    'job.run_id',
    'job.repair_count',
    'job.start_time.iso_date',
    'job.trigger.time.is_weekday',
    'job.trigger.type',
    'job.trigger.file_arrival.location',
    'job.trigger.table_update.updated_tables',
    'job.parameters.run_date',
    'task.name',
    'task.execution_count',
    'tasks.load.values.row_count',
    'tasks.load.result_state',
    'tasks.q.output.first_row.total',
    'tasks.q.output.rows',
    'workspace.url',
    'input',
    'input.table.name',
    'backfill.iso_date',
  ])('%s is known', (path) => {
    expect(classify(path).kind).toBe('ok');
  });

  it.each([
    ['job.naem', 1, '{{job.name}}'],
    ['job.notebook_url', 1, undefined],
    ['job.start_time', 2, undefined],
    ['job.start_time.iso_dat', 2, '{{job.start_time.iso_date}}'],
    ['task.values.x', 1, '{{tasks.<task_key>.values.x}}'],
    ['tasks.load.value.x', 2, '{{tasks.load.values.x}}'],
    ['tasks.load', 2, undefined],
    ['job.parameters.a.b', 3, '{{job.parameters.`a.b`}}'],
  ])('%s is an unknown member at segment %i', (path, segment, suggestion) => {
    const c = classify(path);
    expect(c.kind === 'unknown-member' ? [c.segment, c.suggestion] : c).toEqual([segment, suggestion]);
  });

  it.each([
    ['run.id', 'job.run_id'],
    ['jobs.id', 'job.id'],
    ['Job.run_id', 'job.run_id'],
    ['workspce.url', 'workspace.url'],
  ])('%s is a slip for %s', (path, suggestion) => {
    expect(classify(path)).toEqual({ kind: 'slip', suggestion });
  });

  it.each(['foo.bar', 'ds', 'jobs.nonsense', 'my_value'])('%s is literal text', (path) => {
    expect(classify(path)).toEqual({ kind: 'literal' });
  });

  it.each([
    ['start_date', 'job.start_time.iso_date'],
    ['run_id', 'task.run_id'],
    ['parent_run_id', 'job.run_id'],
    ['task_key', 'task.name'],
  ])('%s is deprecated for %s', (path, replacement) => {
    expect(classify(path)).toMatchObject({ kind: 'deprecated', replacement });
  });

  it('reports the user-named parts', () => {
    expect(classify('job.parameters.run_date')).toEqual({ kind: 'ok', info: { namespace: 'job', parameter: 'run_date' } });
    expect(classify('tasks.load.values.n')).toEqual({ kind: 'ok', info: { namespace: 'tasks', task: 'load' } });
  });
});
