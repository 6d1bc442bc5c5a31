import { describe, expect, it } from 'vitest';
import { bundleWithJob, checkInputFromYaml, runChecks } from '../../../test/helpers/run-check.js';
import { taskType } from './task-type.js';

const run = (body: string) => runChecks(taskType, bundleWithJob(body));

describe('taskType', () => {
  it.each([
    ['one type', 'tasks:\n  - task_key: a\n    notebook_task: {notebook_path: /n}\n', []],
    ['an empty type (YAML null still selects it)', 'tasks:\n  - task_key: a\n    run_job_task:\n', []],
    ['no type', 'tasks:\n  - task_key: a\n    max_retries: 1\n', ['task/no-type@5:11']],
    ['a misspelt type', 'tasks:\n  - task_key: a\n    notebok_task: {notebook_path: /n}\n', ['task/no-type@6:11']],
    [
      'two types',
      'tasks:\n  - task_key: a\n    notebook_task: {notebook_path: /n}\n    spark_python_task: {python_file: f.py}\n',
      ['task/multiple-types@7:11'],
    ],
    ['a deprecated type', 'tasks:\n  - task_key: a\n    spark_submit_task: {parameters: []}\n', ['task/deprecated-type@6:11!']],
    ['a nested task without type', 'tasks:\n  - task_key: a\n    for_each_task:\n      inputs: "[1]"\n      task:\n        task_key: b\n', ['task/no-type@8:13']],
  ])('%s', (_name, body, expected) => {
    expect(run(body)).toEqual(expected);
  });

  it('names the type a misspelling was meant to be', () => {
    const [d] = taskType(checkInputFromYaml(bundleWithJob('tasks:\n  - task_key: a\n    notebok_task: {notebook_path: /n}\n')));
    expect(d!.summary).toContain('Did you mean "notebook_task"?');
  });
});
