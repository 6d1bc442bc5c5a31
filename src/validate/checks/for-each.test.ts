import { describe, expect, it } from 'vitest';
import { bundleWithJob, runChecks } from '../../../test/helpers/run-check.js';
import { forEachRules, inputsProblem } from './for-each.js';

const loop = (extra: string, inputs = '\'["a", "b"]\'') =>
  runChecks(
    forEachRules,
    bundleWithJob(`tasks:\n  - task_key: loop\n    for_each_task:\n      inputs: ${inputs}\n      task:\n        task_key: body\n        notebook_task: {notebook_path: /n}\n${extra}`),
  );

describe('forEachRules', () => {
  it.each([
    ['a JSON array', '', undefined, []],
    ['a reference', '', '"{{tasks.gen.values.items}}"', []],
    ['a JSON array holding references', '', '\'["{{job.parameters.a}}", {{job.parameters.n}}]\'', []],
    ['an unresolved ${…}', '', '"${var.tables}"', []],
    ['single-quoted Python list', '', '"[\'a\', \'b\']"', ['foreach/invalid-inputs@7:21']],
    ['a JSON object', '', '\'{"a": 1}\'', ['foreach/invalid-inputs@7:21']],
    ['a comma list', '', 'a,b,c', ['foreach/invalid-inputs@7:21']],
    ['a literal-text reference', '', '"{{items}}"', ['foreach/invalid-inputs@7:21']],
    ['concurrency 0', '      concurrency: 0\n', undefined, ['foreach/invalid-concurrency@11:26']],
    ['concurrency 101', '      concurrency: 101\n', undefined, ['foreach/invalid-concurrency@11:26']],
    ['concurrency 100', '      concurrency: 100\n', undefined, []],
    ['retries on the parent', '    max_retries: 2\n', undefined, ['foreach/retries-on-parent@11:11']],
    ['no retries on the parent', '    max_retries: 0\n    retry_on_timeout: false\n', undefined, []],
  ])('%s', (_name, extra, inputs, expected) => {
    expect(loop(extra, inputs)).toEqual(expected);
  });

  it('rejects a for-each inside a for-each', () => {
    const body = `tasks:
  - task_key: outer
    for_each_task:
      inputs: "[1]"
      task:
        task_key: inner
        for_each_task:
          inputs: "[2]"
          task: {task_key: body, notebook_task: {notebook_path: /n}}
`;
    expect(runChecks(forEachRules, bundleWithJob(body))).toEqual(['foreach/nested-for-each@10:15']);
  });

  it.each([
    ['[]', undefined],
    [' {{job.parameters.list}} ', undefined],
    ['[1, 2', 'is not valid JSON'],
    ['"x"', 'is JSON but not an array'],
  ])('inputs %s', (inputs, problem) => {
    expect(inputsProblem(inputs)).toBe(problem);
  });
});
