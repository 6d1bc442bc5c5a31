import { describe, expect, it } from 'vitest';
import { bundleWithJob, runChecks } from '../../../test/helpers/run-check.js';
import { conditionTaskRules } from './condition-task.js';

const cond = (condition: string, extra = '') =>
  runChecks(conditionTaskRules, bundleWithJob(`tasks:\n  - task_key: check\n    condition_task: ${condition}\n${extra}`));

describe('conditionTaskRules', () => {
  it.each([
    ['a string comparison', '{left: "{{job.parameters.env}}", op: EQUAL_TO, right: prod}', '', []],
    ['a numeric comparison of a reference and a number', '{left: "{{tasks.a.values.n}}", op: GREATER_THAN, right: "12.5"}', '', []],
    ['a numeric comparison with text', '{left: "{{tasks.a.values.n}}", op: GREATER_THAN, right: many}', '', ['condition/non-numeric-operand@6:83']],
    ['a numeric comparison with a deploy-time value', '{left: "${var.n}", op: LESS_THAN, right: "3"}', '', []],
    ['retries', '{left: a, op: EQUAL_TO, right: b}', '    max_retries: 3\n', ['condition/retries@7:11']],
    ['max_retries 0', '{left: a, op: EQUAL_TO, right: b}', '    max_retries: 0\n', []],
  ])('%s', (_name, condition, extra, expected) => {
    expect(cond(condition, extra)).toEqual(expected);
  });
});
