import { describe, expect, it } from 'vitest';
import { bundleWithJob, runChecks } from '../../../test/helpers/run-check.js';
import { taskLimit } from './task-limit.js';

const tasks = (n: number) => `tasks:\n${Array.from({ length: n }, (_, i) => `  - task_key: t${i}\n`).join('')}`;

describe('taskLimit', () => {
  it.each([
    [1000, []],
    [1001, ['dag/too-many-tasks@4:7']],
  ])('%i tasks', (n, expected) => {
    expect(runChecks(taskLimit, bundleWithJob(tasks(n)))).toEqual(expected);
  });
});
