import { describe, expect, it } from 'vitest';
import { bundleWithJob, runChecks } from '../../../test/helpers/run-check.js';
import { taskKeyFormat, taskKeyProblem } from './task-key-format.js';

const run = (body: string) => runChecks(taskKeyFormat, bundleWithJob(body));

describe('taskKeyFormat', () => {
  it.each([
    ['a plain key', 'tasks:\n  - task_key: load_bronze-1\n', []],
    ['a space', 'tasks:\n  - task_key: "load bronze"\n', ['dag/invalid-task-key@5:21']],
    ['a dot', 'tasks:\n  - task_key: a.b\n', ['dag/invalid-task-key@5:21']],
    ['an empty key', 'tasks:\n  - task_key: ""\n', ['dag/invalid-task-key@5:21']],
    ['101 characters', `tasks:\n  - task_key: ${'k'.repeat(101)}\n`, ['dag/invalid-task-key@5:21']],
    ['100 characters', `tasks:\n  - task_key: ${'k'.repeat(100)}\n`, []],
    ['an unresolved ${…} key', 'tasks:\n  - task_key: ${var.prefix}_load\n', []],
    [
      'a bad nested for-each key',
      'tasks:\n  - task_key: loop\n    for_each_task:\n      inputs: "[1]"\n      task:\n        task_key: "bad key"\n',
      ['dag/invalid-task-key@9:25'],
    ],
  ])('%s', (_name, body, expected) => {
    expect(run(body)).toEqual(expected);
  });

  it('explains each rule', () => {
    expect(taskKeyProblem('')).toMatch(/empty/);
    expect(taskKeyProblem('x'.repeat(101))).toMatch(/101/);
    expect(taskKeyProblem('ü')).toMatch(/letters/);
    expect(taskKeyProblem('ok')).toBeUndefined();
  });
});
