/**
 * Golden scenarios: retries (each attempt a new task run, counted by {{task.execution_count}},
 * spaced by min_retry_interval_millis), a task timeout that kills the task's whole process tree
 * followed by an ALL_DONE cleanup, retry_on_timeout, and the job-level timeout.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Int64 } from '../../src/api/json.js';
import { py, results, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.deploy({
    'flaky.py': [
      'import sys',
      'count = int(sys.argv[1])',
      'print("execution", count)',
      'if count < 3:',
      '    raise ConnectionError(f"transient failure on execution {count}")',
    ].join('\n'),
    'slow.py': [
      'import os, subprocess, sys, time',
      'child = subprocess.Popen(["sleep", "60"])',
      'with open(sys.argv[1], "w") as f:',
      '    f.write(f"{os.getpid()} {child.pid}")',
      'print("started", flush=True)',
      'time.sleep(60)',
    ].join('\n'),
    'ok.py': 'import sys\nprint("cleanup", sys.argv[1:])\n',
  });
});
afterAll(() => h.close());

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('retries', () => {
  it('retries a failing task as new task runs until it succeeds', async () => {
    const job = await h.job({ name: 'flaky', tasks: [py('flaky', 'flaky.py', ['{{task.execution_count}}'], { max_retries: 3, min_retry_interval_millis: 300 })] });
    const run = await h.run(job);
    expect(run.state?.result_state).toBe('SUCCESS');
    const attempts = (run.tasks ?? []).filter((t) => t.task_key === 'flaky');
    expect(attempts.map((t) => [t.attempt_number, t.state?.result_state])).toEqual([[0, 'FAILED'], [1, 'FAILED'], [2, 'SUCCESS']]);
    const first = attempts[0]?.run_id;
    expect(new Set(attempts.map((t) => String(t.run_id))).size).toBe(3);
    expect(attempts.slice(1).map((t) => String(t.original_attempt_run_id))).toEqual([String(first), String(first)]);
    // The interval counts from the start of the failed attempt.
    expect((attempts[1]?.start_time ?? 0) - (attempts[0]?.start_time ?? 0)).toBeGreaterThanOrEqual(300);
    const out = await Promise.all(attempts.map((t) => h.client.runs.getOutput(t.run_id)));
    expect(out.map((o) => o.error)).toEqual(['ConnectionError: transient failure on execution 1', 'ConnectionError: transient failure on execution 2', undefined]);
    expect(out[2]?.logs).toContain('execution 3');
  });

  it('gives up after max_retries and fails with the last attempt', async () => {
    const run = await h.run(await h.job({ name: 'gives-up', tasks: [py('flaky', 'flaky.py', ['{{task.execution_count}}'], { max_retries: 1 })] }));
    expect((run.tasks ?? []).map((t) => [t.attempt_number, t.state?.result_state])).toEqual([[0, 'FAILED'], [1, 'FAILED']]);
    expect(run.state?.result_state).toBe('FAILED');
  });
});

describe('timeouts', () => {
  it('kills a task that outlives timeout_seconds, with its children, and still runs an ALL_DONE cleanup', async () => {
    const pids = join(h.dataDir, 'slow.pids');
    const job = await h.job({
      name: 'timeout',
      tasks: [
        py('slow', 'slow.py', [pids], { timeout_seconds: 1 }),
        py('cleanup', 'ok.py', ['{{tasks.slow.result_state}}'], { depends_on: [{ task_key: 'slow' }], run_if: 'ALL_DONE' }),
        py('next', 'ok.py', [], { depends_on: [{ task_key: 'slow' }] }),
      ],
    });
    const run = await h.run(job);
    expect(results(run)).toEqual({ slow: 'TIMEDOUT', cleanup: 'SUCCESS', next: 'UPSTREAM_FAILED' });
    expect(h.task(run, 'slow').state?.user_cancelled_or_timedout).toBe(true);
    expect((await h.output(run, 'cleanup')).logs).toContain("['timedout']");
    const slow = await h.output(run, 'slow');
    expect(slow.logs).toContain('started');
    expect(slow.error).toBe('Task timed out after 1 seconds.');
    const [parent, child] = (await readFile(pids, 'utf8')).split(' ').map(Number);
    await expect.poll(() => alive(parent as number) || alive(child as number), { timeout: 5000 }).toBe(false);
  });

  it('retries a timed-out attempt only with retry_on_timeout', async () => {
    const job = await h.job({ name: 'retry-timeout', tasks: [py('slow', 'slow.py', [join(h.dataDir, 'p2')], { timeout_seconds: 1, max_retries: 1, retry_on_timeout: true })] });
    const run = await h.run(job);
    expect((run.tasks ?? []).map((t) => t.state?.result_state)).toEqual(['TIMEDOUT', 'TIMEDOUT']);
    expect(run.state?.result_state).toBe('FAILED');
  });

  it('ends the whole run TIMEDOUT at the job timeout', async () => {
    const job = await h.job({ name: 'job-timeout', timeout_seconds: 1, tasks: [py('slow', 'slow.py', [join(h.dataDir, 'p3')]), py('after', 'ok.py', [], { depends_on: [{ task_key: 'slow' }] })] });
    const run = await h.run(job);
    expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'TIMEDOUT', user_cancelled_or_timedout: true });
    expect(results(run)).toEqual({ slow: 'TIMEDOUT', after: 'UPSTREAM_CANCELED' });
    expect(run.status?.termination_details?.code).toBe('CANCELED');
    expect((await h.client.runs.get(h.task(run, 'slow').run_id as Int64)).state?.result_state).toBe('TIMEDOUT');
  });
});
