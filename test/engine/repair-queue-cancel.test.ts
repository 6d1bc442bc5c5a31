/**
 * Golden scenarios: repair of a failed run (failed tasks and their dependents rerun, successful
 * results and task values kept, {{task.execution_count}} and {{job.repair_count}} counting),
 * queueing at max_concurrent_runs, and cancel of a run or of one task (processes killed).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Int64 } from '../../src/api/json.js';
import { py, results, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.deploy({
    'extract.py': 'from databricks.sdk.runtime import dbutils\ndbutils.jobs.taskValues.set("batch", "b-17")\nprint("extracted")\n',
    'transform.py': [
      'import os, sys',
      'flag, count, batch, repairs = sys.argv[1:5]',
      'print(f"execution {count} batch {batch} repairs {repairs}")',
      'if not os.path.exists(flag):',
      '    raise FileNotFoundError(f"input not ready: {flag}")',
    ].join('\n'),
    'ok.py': 'import sys\nprint("ok", sys.argv[1:])\n',
    'sleep.py': 'import os, sys, time\nopen(sys.argv[1], "w").write(str(os.getpid()))\nprint("sleeping", flush=True)\ntime.sleep(float(sys.argv[2]))\n',
  });
});
afterAll(() => h.close());

const after = (...keys: string[]) => ({ depends_on: keys.map((task_key) => ({ task_key })) });
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('repair', () => {
  it('reruns the failed tasks and their dependents, keeping what succeeded', async () => {
    const flag = join(h.dataDir, 'input.ready');
    const job = await h.job({
      name: 'repairable',
      tasks: [
        py('extract', 'extract.py'),
        py('transform', 'transform.py', [flag, '{{task.execution_count}}', '{{tasks.extract.values.batch}}', '{{job.repair_count}}'], after('extract')),
        py('load', 'ok.py', [], after('transform')),
        py('audit', 'ok.py'),
      ],
    });
    const first = await h.run(job);
    expect(results(first)).toEqual({ extract: 'SUCCESS', transform: 'FAILED', load: 'UPSTREAM_FAILED', audit: 'SUCCESS' });
    const failedAttempt = h.task(first, 'transform').run_id;

    await writeFile(flag, 'ready');
    const { repair_id } = await h.client.runs.repair({ run_id: first.run_id, rerun_all_failed_tasks: true });
    const repaired = await h.waitTerminal(first.run_id);
    expect(results(repaired)).toEqual({ extract: 'SUCCESS', transform: 'SUCCESS', load: 'SUCCESS', audit: 'SUCCESS' });
    expect(repaired.state?.result_state).toBe('SUCCESS');
    expect(String(h.task(repaired, 'extract').run_id)).toBe(String(h.task(first, 'extract').run_id));
    expect(String(h.task(repaired, 'transform').run_id)).not.toBe(String(failedAttempt));
    expect((await h.output(repaired, 'transform')).logs).toContain('execution 2 batch b-17 repairs 1');
    expect(repaired.repair_history?.map((r) => [r.type, r.state?.result_state])).toEqual([['ORIGINAL', 'FAILED'], ['REPAIR', 'SUCCESS']]);
    expect(repaired.repair_history?.[1]?.task_run_ids?.length).toBe(2);
    // The replaced attempt stays readable by its id.
    expect((await h.client.runs.getOutput(failedAttempt as Int64)).error).toBe(`FileNotFoundError: input not ready: ${flag}`);

    await h.client.runs.repair({ run_id: first.run_id, rerun_tasks: ['extract'], rerun_dependent_tasks: true, latest_repair_id: repair_id });
    const again = await h.waitTerminal(first.run_id);
    expect((await h.output(again, 'transform')).logs).toContain('execution 3 batch b-17 repairs 2');
    expect(String(h.task(again, 'audit').run_id)).toBe(String(h.task(first, 'audit').run_id));
  });
});

describe('queueing', () => {
  it('queues a run at max_concurrent_runs and starts it when the slot frees; skips without a queue', async () => {
    const job = await h.job({ name: 'one-at-a-time', max_concurrent_runs: 1, queue: { enabled: true }, tasks: [py('sleep', 'sleep.py', [join(h.dataDir, 'q.pid'), '1'])] });
    const a = await h.client.jobs.runNow({ job_id: job });
    await expect.poll(async () => (await h.client.runs.get(a.run_id)).tasks?.[0]?.state?.life_cycle_state, { timeout: 10_000 }).toBe('RUNNING');
    const b = await h.client.jobs.runNow({ job_id: job });
    const queued = await h.client.runs.get(b.run_id);
    expect(queued.state?.life_cycle_state).toBe('QUEUED');
    expect(queued.status?.queue_details?.code).toBe('MAX_CONCURRENT_RUNS_REACHED');
    const skipped = await h.client.runs.get((await h.client.jobs.runNow({ job_id: job, queue: { enabled: false } })).run_id);
    expect(skipped.state).toMatchObject({ life_cycle_state: 'SKIPPED', result_state: 'MAXIMUM_CONCURRENT_RUNS_REACHED' });
    const [ra, rb] = [await h.waitTerminal(a.run_id), await h.waitTerminal(b.run_id)];
    expect([ra.state?.result_state, rb.state?.result_state]).toEqual(['SUCCESS', 'SUCCESS']);
    expect(rb.queue_duration).toBeGreaterThan(500);
    expect(h.task(rb, 'sleep').start_time).toBeGreaterThanOrEqual(ra.end_time as number);
  });
});

describe('cancel', () => {
  it('cancels a run: the process is killed, downstream tasks become UPSTREAM_CANCELED', async () => {
    const pidFile = join(h.dataDir, 'c.pid');
    const job = await h.job({ name: 'cancel-me', tasks: [py('long', 'sleep.py', [pidFile, '60']), py('after', 'ok.py', [], after('long'))] });
    const { run_id } = await h.client.jobs.runNow({ job_id: job });
    await expect.poll(async () => (await h.client.runs.get(run_id)).tasks?.[0]?.state?.life_cycle_state, { timeout: 10_000 }).toBe('RUNNING');
    await expect.poll(() => readFile(pidFile, 'utf8').catch(() => ''), { timeout: 10_000 }).not.toBe('');
    const pid = Number(await readFile(pidFile, 'utf8'));
    await h.client.runs.cancel(run_id);
    const run = await h.waitTerminal(run_id);
    expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'CANCELED' });
    expect(results(run)).toEqual({ long: 'CANCELED', after: 'UPSTREAM_CANCELED' });
    await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false);
  });

  it('cancels one task: downstream follows run_if (an ALL_DONE cleanup still runs)', async () => {
    const pidFile = join(h.dataDir, 't.pid');
    const job = await h.job({ name: 'cancel-task', tasks: [py('long', 'sleep.py', [pidFile, '60']), py('cleanup', 'ok.py', ['{{tasks.long.result_state}}'], { ...after('long'), run_if: 'ALL_DONE' })] });
    const { run_id } = await h.client.jobs.runNow({ job_id: job });
    await expect.poll(async () => (await h.client.runs.get(run_id)).tasks?.[0]?.state?.life_cycle_state, { timeout: 10_000 }).toBe('RUNNING');
    await h.client.runs.cancel(h.task(await h.client.runs.get(run_id), 'long').run_id);
    const run = await h.waitTerminal(run_id);
    expect(results(run)).toEqual({ long: 'CANCELED', cleanup: 'SUCCESS' });
    expect((await h.output(run, 'cleanup')).logs).toContain("['canceled']");
  });
});
