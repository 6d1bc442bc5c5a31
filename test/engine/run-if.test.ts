/**
 * Golden scenario: the run_if matrix (job-settings.md §3). Every run_if value downstream of
 * (success, failure), (success, success) and (failure), run with real Python tasks; excluded
 * and disabled tasks count as success downstream, and the run's result comes from its leaves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { py, results, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.deploy({ 'ok.py': 'print("ok")\n', 'fail.py': 'raise RuntimeError("intentional failure")\n' });
});
afterAll(() => h.close());

const RUN_IF = ['ALL_SUCCESS', 'AT_LEAST_ONE_SUCCESS', 'NONE_FAILED', 'ALL_DONE', 'AT_LEAST_ONE_FAILED', 'ALL_FAILED'] as const;
const EXPECTED: Record<(typeof RUN_IF)[number], [mixed: string, ok: string, bad: string]> = {
  ALL_SUCCESS: ['UPSTREAM_FAILED', 'SUCCESS', 'UPSTREAM_FAILED'],
  AT_LEAST_ONE_SUCCESS: ['SUCCESS', 'SUCCESS', 'UPSTREAM_FAILED'],
  NONE_FAILED: ['UPSTREAM_FAILED', 'SUCCESS', 'UPSTREAM_FAILED'],
  ALL_DONE: ['SUCCESS', 'SUCCESS', 'SUCCESS'],
  AT_LEAST_ONE_FAILED: ['SUCCESS', 'EXCLUDED', 'SUCCESS'],
  ALL_FAILED: ['EXCLUDED', 'EXCLUDED', 'SUCCESS'],
};
const deps = (...keys: string[]) => ({ depends_on: keys.map((task_key) => ({ task_key })) });

describe('run_if', () => {
  it('decides every value against failed, succeeded, excluded and disabled upstream tasks', async () => {
    const tasks = [py('ok', 'ok.py'), py('ok2', 'ok.py'), py('bad', 'fail.py'), { ...py('off', 'ok.py'), disabled: true }];
    for (const runIf of RUN_IF) {
      const key = runIf.toLowerCase();
      tasks.push(py(`${key}_mixed`, 'ok.py', [], { run_if: runIf, ...deps('ok', 'bad') }));
      tasks.push(py(`${key}_ok`, 'ok.py', [], { run_if: runIf, ...deps('ok', 'ok2') }));
      tasks.push(py(`${key}_bad`, 'ok.py', [], { run_if: runIf, ...deps('bad') }));
    }
    // Excluded counts as success: all-excluded upstream excludes, mixed upstream runs.
    tasks.push(py('after_excluded', 'ok.py', [], deps('all_failed_ok')));
    tasks.push(py('after_excluded_and_ok', 'ok.py', [], deps('all_failed_ok', 'ok')));
    tasks.push(py('after_disabled', 'ok.py', [], deps('off')));
    const run = await h.run(await h.job({ name: 'run-if', max_concurrent_runs: 1, tasks }));
    const got = results(run);
    for (const runIf of RUN_IF) {
      const key = runIf.toLowerCase();
      expect([got[`${key}_mixed`], got[`${key}_ok`], got[`${key}_bad`]], runIf).toEqual(EXPECTED[runIf]);
    }
    expect(got).toMatchObject({ ok: 'SUCCESS', bad: 'FAILED', off: 'DISABLED', after_excluded: 'EXCLUDED', after_excluded_and_ok: 'SUCCESS', after_disabled: 'EXCLUDED' });
    // Leaves that did not succeed make the run FAILED, reported as cloud does for multi-task runs.
    expect(run.state).toMatchObject({ life_cycle_state: 'INTERNAL_ERROR', result_state: 'FAILED', state_message: 'Task bad failed with message: Workload failed, see run output for details.' });
    const out = await h.output(run, 'bad');
    expect(out.error).toBe('RuntimeError: intentional failure');
    expect(out.error_trace).toContain('Traceback (most recent call last)');
    expect(out.error_trace).toContain('fail.py", line 1');
    expect(out.error_trace).not.toContain('jobs_local_runtime');
  });

  it('reports SUCCESS_WITH_FAILURES when every leaf succeeded', async () => {
    const run = await h.run(await h.job({ name: 'handled', tasks: [py('bad', 'fail.py'), py('cleanup', 'ok.py', [], { run_if: 'ALL_DONE', ...deps('bad') })] }));
    expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'SUCCESS_WITH_FAILURES' });
  });
});
