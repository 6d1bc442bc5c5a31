/**
 * `jobs local serve` as a real process runs jobs: a client deploys a script and a job over HTTP,
 * runs it, and the engine inside the server executes it; on SIGTERM a running task is stopped
 * and recorded, and the server exits cleanly.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Int64 } from '../../src/api/json.js';
import { bearerToken } from '../../src/remote/auth/credentials.js';
import { createWorkspaceClient } from '../../src/remote/client.js';
import { startLocalWorkspace } from '../../src/local/start.js';
import { runServer } from '../helpers/run-server.js';

describe('jobs local serve', () => {
  it('runs a job over HTTP and stops a running task on SIGTERM', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jobs-serve-engine-'));
    const s = await runServer(['--data-dir', dir, '--token', 'tok-serve-engine', '--max-parallel', '2']);
    expect(s.url).toMatch(/^http:/);
    const client = createWorkspaceClient({ host: s.url, credentials: bearerToken('tok-serve-engine', 't'), clock: { now: () => new Date(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) } });
    const root = '/Users/local-user@jobs.local/x';
    await client.workspace.mkdirs(root);
    await client.workspace.importFile(`${root}/hello.py`, 'import sys, time\nprint("hello from", sys.argv[1])\ntime.sleep(float(sys.argv[2]))\n');
    const task = (key: string, wait: string) => ({ task_key: key, environment_key: 'e', spark_python_task: { python_file: `${root}/hello.py`, parameters: ['{{job.name}}', wait] } });
    const env = [{ environment_key: 'e', spec: { environment_version: '2' } }];
    const quick = (await client.jobs.create({ name: 'served', environments: env, tasks: [task('hi', '0')] })).job_id;
    const done = await waitFor(client, (await client.jobs.runNow({ job_id: quick })).run_id, (st) => st === 'TERMINATED');
    expect(done.state?.result_state).toBe('SUCCESS');
    expect((await client.runs.getOutput(done.tasks?.[0]?.run_id as Int64)).logs).toContain('hello from served');

    const slow = (await client.jobs.create({ name: 'slow', environments: env, tasks: [task('wait', '60')] })).job_id;
    const { run_id } = await client.jobs.runNow({ job_id: slow });
    await waitFor(client, run_id, (_st, run) => run.tasks?.[0]?.state?.life_cycle_state === 'RUNNING');
    await client.close();
    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(s.stderr()).toContain('engine: runs tasks on this machine (2 at once); triggers on');
    // The shutdown is recorded on the task, not left RUNNING.
    const ws = await startLocalWorkspace({ dataDir: dir, noListen: true, executor: false });
    const task0 = ws.control.readRun(run_id)?.tasks[0];
    expect(task0?.state).toMatchObject({ result_state: 'CANCELED', state_message: 'The local workspace was shut down while this task was running.' });
    await ws.close();
    await rm(dir, { recursive: true, force: true });
  });
});

async function waitFor(client: ReturnType<typeof createWorkspaceClient>, runId: Int64, ok: (lifecycle: string, run: Awaited<ReturnType<typeof client.runs.get>>) => boolean) {
  for (let i = 0; i < 600; i++) {
    const run = await client.runs.get(runId);
    if (ok(run.state?.life_cycle_state ?? '', run)) return run;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}
