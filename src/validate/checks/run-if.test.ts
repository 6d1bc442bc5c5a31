import { describe, expect, it } from 'vitest';
import { bundleWithJob, runChecks } from '../../../test/helpers/run-check.js';
import { runIfSatisfiable } from './run-if.js';

const run = (body: string) => runChecks(runIfSatisfiable, bundleWithJob(body));

const WITH_UPSTREAM = (upstream: string, runIf: string) => `tasks:
  - task_key: up
    ${upstream}
  - task_key: down
    depends_on: [{task_key: up}]
    run_if: ${runIf}
`;
const NB = 'notebook_task: {notebook_path: /n}';
const COND = 'condition_task: {left: "1", op: EQUAL_TO, right: "1"}';

describe('runIfSatisfiable', () => {
  it.each([
    ['ALL_SUCCESS on a root task (server default)', 'tasks:\n  - task_key: a\n    run_if: ALL_SUCCESS\n', []],
    ['ALL_DONE on a root task', 'tasks:\n  - task_key: a\n    run_if: ALL_DONE\n', ['dag/run-if-without-dependencies@6:19']],
    ['an unknown value (schema)', 'tasks:\n  - task_key: a\n    run_if: SOMETIMES\n', []],
    ['AT_LEAST_ONE_FAILED after a notebook', WITH_UPSTREAM(NB, 'AT_LEAST_ONE_FAILED'), []],
    ['AT_LEAST_ONE_FAILED after a disabled task', WITH_UPSTREAM(`${NB}\n    disabled: true`, 'AT_LEAST_ONE_FAILED'), ['dag/run-if-never-met@10:19']],
    ['ALL_FAILED after a root condition task', WITH_UPSTREAM(COND, 'ALL_FAILED'), ['dag/run-if-never-met@9:19']],
    ['ALL_DONE after a condition task', WITH_UPSTREAM(COND, 'ALL_DONE'), []],
    [
      'ALL_FAILED with one dependency that can fail and one that cannot',
      `tasks:\n  - task_key: x\n    ${NB}\n  - task_key: c\n    ${COND}\n  - task_key: d\n    depends_on: [{task_key: x}, {task_key: c}]\n    run_if: ALL_FAILED\n`,
      ['dag/run-if-never-met@11:19'],
    ],
    [
      'AT_LEAST_ONE_FAILED with one dependency that can fail',
      `tasks:\n  - task_key: x\n    ${NB}\n  - task_key: c\n    ${COND}\n  - task_key: d\n    depends_on: [{task_key: x}, {task_key: c}]\n    run_if: AT_LEAST_ONE_FAILED\n`,
      [],
    ],
    [
      'a condition task below a notebook can be upstream-failed',
      `tasks:\n  - task_key: x\n    ${NB}\n  - task_key: c\n    ${COND}\n    depends_on: [{task_key: x}]\n  - task_key: d\n    depends_on: [{task_key: c, outcome: "true"}]\n    run_if: AT_LEAST_ONE_FAILED\n`,
      [],
    ],
    [
      'a condition task below a notebook that runs ALL_DONE cannot fail',
      `tasks:\n  - task_key: x\n    ${NB}\n  - task_key: c\n    ${COND}\n    run_if: ALL_DONE\n    depends_on: [{task_key: x}]\n  - task_key: d\n    depends_on: [{task_key: c}]\n    run_if: AT_LEAST_ONE_FAILED\n`,
      ['dag/run-if-never-met@13:19'],
    ],
  ])('%s', (_name, body, expected) => {
    expect(run(body)).toEqual(expected);
  });
});
