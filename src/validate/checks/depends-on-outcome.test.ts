import { describe, expect, it } from 'vitest';
import { bundleWithJob, runChecks } from '../../../test/helpers/run-check.js';
import { dependsOnOutcome } from './depends-on-outcome.js';

const run = (body: string) => runChecks(dependsOnOutcome, bundleWithJob(body));
const JOB = (outcome: string, upstream = 'condition_task: {left: "1", op: EQUAL_TO, right: "1"}') => `tasks:
  - task_key: check
    ${upstream}
  - task_key: next
    notebook_task: {notebook_path: /n}
    depends_on:
      - task_key: check
        outcome: ${outcome}
`;

describe('dependsOnOutcome', () => {
  it.each([
    ['"true" on a condition task', JOB('"true"'), []],
    ['"false" on a condition task', JOB("'false'"), []],
    ['a YAML boolean', JOB('true'), ['dag/invalid-outcome@11:24']],
    ['another string', JOB('"yes"'), ['dag/invalid-outcome@11:24']],
    ['an unresolved ${…}', JOB('${var.branch}'), []],
    ['outcome on a notebook task', JOB('"true"', 'notebook_task: {notebook_path: /n}'), ['dag/outcome-not-condition@11:15']],
  ])('%s', (_name, body, expected) => {
    expect(run(body)).toEqual(expected);
  });
});
