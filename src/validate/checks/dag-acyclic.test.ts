import { describe, expect, it } from 'vitest';
import { bundleWithJob, checkInputFromYaml, runChecks } from '../../../test/helpers/run-check.js';
import { dagAcyclic } from './dag-acyclic.js';

const run = (body: string) => runChecks(dagAcyclic, bundleWithJob(body));

const CYCLE = `tasks:
  - task_key: a
    depends_on: [{task_key: c}]
  - task_key: b
    depends_on: [{task_key: a}]
  - task_key: c
    depends_on: [{task_key: b}]
  - task_key: d
    depends_on: [{task_key: c}]
`;

describe('dagAcyclic', () => {
  it.each([
    ['a DAG', 'tasks:\n  - task_key: a\n  - task_key: b\n    depends_on: [{task_key: a}]\n', []],
    ['a three-task cycle', CYCLE, ['dag/cycle@6:35']],
    ['a two-task cycle', 'tasks:\n  - task_key: a\n    depends_on: [{task_key: b}]\n  - task_key: b\n    depends_on: [{task_key: a}]\n', ['dag/cycle@6:35']],
    ['a self dependency (reported elsewhere)', 'tasks:\n  - task_key: a\n    depends_on: [{task_key: a}]\n', []],
    [
      'two separate cycles',
      'tasks:\n  - task_key: a\n    depends_on: [{task_key: b}]\n  - task_key: b\n    depends_on: [{task_key: a}]\n  - task_key: x\n    depends_on: [{task_key: y}]\n  - task_key: y\n    depends_on: [{task_key: x}]\n',
      ['dag/cycle@6:35', 'dag/cycle@10:35'],
    ],
  ])('%s', (_name, body, expected) => {
    expect(run(body)).toEqual(expected);
  });

  it('reports the whole loop with one related location per edge', () => {
    const [d] = dagAcyclic(checkInputFromYaml(bundleWithJob(CYCLE)));
    expect(d!.summary).toContain('a → c → b → a');
    expect(d!.path).toEqual(['resources', 'jobs', 'etl', 'tasks', 0, 'depends_on', 0, 'task_key']);
    expect(d!.related!.map((r) => r.span.start.line)).toEqual([6, 10, 8]);
  });
});
