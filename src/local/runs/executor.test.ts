/**
 * The executor seam: a fake engine receives ready tasks only after their upstream finished,
 * reports progress through RunControl, and sees cancellations. This is the contract the DAG
 * engine of a later issue implements.
 */
import { describe, expect, it } from 'vitest';
import type { Int64 } from '../../api/json.js';
import { inProcessTransport } from '../transport.js';
import { startLocalWorkspace } from '../start.js';
import { bearerToken } from '../../remote/auth/credentials.js';
import { createWorkspaceClient } from '../../remote/client.js';
import type { ReadyTask, RunControl, RunExecutor } from './executor.js';

/** Polls until `check` holds (no fixed sleeps: the machine may be busy). */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('condition not reached in 2s');
}

function fakeEngine(fail: Set<string>) {
  const started: string[] = [];
  const canceled: Int64[] = [];
  const executor: RunExecutor = {
    start(tasks: ReadyTask[], control: RunControl) {
      for (const { task, parameters } of tasks) {
        started.push(task.task_key);
        void (async () => {
          await control.updateTask(task.run_id, { life_cycle_state: 'RUNNING' });
          if (task.task_key === 'hang') return;
          await control.updateTask(task.run_id, fail.has(task.task_key)
            ? { result_state: 'FAILED', message: 'Workload failed, see run output for details', output: { error: 'RuntimeError: boom', error_trace: 'Traceback…\nRuntimeError: boom' } }
            : { result_state: 'SUCCESS', output: { notebook_result: `env=${parameters.env}` } });
        })();
      }
    },
    cancel: (_runId, ids) => void canceled.push(...ids),
  };
  return { executor, started, canceled };
}

async function setup(fail: string[] = []) {
  const engine = fakeEngine(new Set(fail));
  const ws = await startLocalWorkspace({ noListen: true, token: 'tok-12345678', executor: engine.executor });
  const client = createWorkspaceClient({ host: ws.url, credentials: bearerToken(ws.token, 't'), clock: { now: () => new Date(), sleep: async () => undefined }, transport: inProcessTransport(ws.router) });
  const waitTerminal = async (runId: Int64) => {
    for (let i = 0; i < 200; i++) {
      const run = await client.runs.get(runId);
      if (['TERMINATED', 'INTERNAL_ERROR', 'SKIPPED'].includes(run.state?.life_cycle_state ?? '')) return run;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('run did not finish');
  };
  return { ws, client, engine, waitTerminal };
}

const nb = (task_key: string, deps: string[] = []) => ({ task_key, notebook_task: { notebook_path: '/n' }, ...(deps.length ? { depends_on: deps.map((k) => ({ task_key: k })) } : {}) });

describe('RunExecutor', () => {
  it('receives tasks in dependency order and the run completes from its reports', async () => {
    const { ws, client, engine, waitTerminal } = await setup();
    const { job_id } = await client.jobs.create({ name: 'e', parameters: [{ name: 'env', default: 'dev' }], tasks: [nb('a'), nb('b', ['a']), nb('c', ['a', 'b'])] });
    const { run_id } = await client.jobs.runNow({ job_id, job_parameters: { env: 'prod' } });
    const run = await waitTerminal(run_id);
    expect(engine.started).toEqual(['a', 'b', 'c']);
    expect(run.state?.result_state).toBe('SUCCESS');
    const out = await client.runs.getOutput(run.tasks?.[2]?.run_id as Int64);
    expect(out.notebook_output?.result).toBe('env=prod');
    await ws.close();
  });

  it('records failures with their output and skips downstream', async () => {
    const { ws, client, waitTerminal } = await setup(['a']);
    const { job_id } = await client.jobs.create({ name: 'f', tasks: [nb('a'), nb('b', ['a'])] });
    const run = await waitTerminal((await client.jobs.runNow({ job_id })).run_id);
    expect(run.state).toMatchObject({ life_cycle_state: 'INTERNAL_ERROR', result_state: 'FAILED', state_message: 'Task a failed with message: Workload failed, see run output for details.' });
    expect(run.tasks?.map((t) => t.state?.result_state)).toEqual(['FAILED', 'UPSTREAM_FAILED']);
    const out = await client.runs.getOutput(run.tasks?.[0]?.run_id as Int64);
    expect(out).toMatchObject({ error: 'RuntimeError: boom', error_trace: 'Traceback…\nRuntimeError: boom' });
    await ws.close();
  });

  it('tells the executor which task runs were canceled', async () => {
    const { ws, client, engine, waitTerminal } = await setup();
    const { job_id } = await client.jobs.create({ name: 'h', tasks: [nb('hang'), nb('after', ['hang'])] });
    const { run_id } = await client.jobs.runNow({ job_id });
    await eventually(async () => (await client.runs.get(run_id)).tasks?.[0]?.state?.life_cycle_state === 'RUNNING');
    await client.runs.cancel(run_id);
    const run = await waitTerminal(run_id);
    expect(run.state?.result_state).toBe('CANCELED');
    expect(engine.canceled.map(String)).toEqual([String(run.tasks?.[0]?.run_id)]);
    await ws.close();
  });
});

describe('after a restart', () => {
  it('fails task runs an executor was running, or hands them to its resume()', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'jobs-resume-'));
    const start = async (executor: RunExecutor) => {
      const ws = await startLocalWorkspace({ dataDir: dir, noListen: true, token: 'tok-12345678', executor });
      const client = createWorkspaceClient({ host: ws.url, credentials: bearerToken(ws.token, 't'), clock: { now: () => new Date(), sleep: async () => undefined }, transport: inProcessTransport(ws.router) });
      return { ws, client };
    };
    let s = await start(fakeEngine(new Set()).executor);
    const { job_id } = await s.client.jobs.create({ name: 'r', tasks: [nb('hang')] });
    const first = (await s.client.jobs.runNow({ job_id })).run_id;
    const second = (await s.client.jobs.runNow({ job_id, queue: { enabled: true } })).run_id;
    await eventually(async () => (await s.client.runs.get(first)).tasks?.[0]?.state?.life_cycle_state === 'RUNNING');
    await s.ws.close();
    s = await start({ start: () => undefined });
    const failed = await s.client.runs.get(first);
    expect(failed.tasks?.[0]?.state).toMatchObject({ result_state: 'FAILED', state_message: 'The local workspace restarted while this task was running.' });
    expect(failed.state?.result_state).toBe('FAILED');
    // The queued run started when the slot freed; the new executor received its task.
    expect((await s.client.runs.get(second)).tasks?.[0]?.state?.life_cycle_state).toBe('PENDING');
    await s.ws.close();
    const resumed: string[] = [];
    s = await start({ start: () => undefined, resume: (tasks) => void resumed.push(...tasks.map((t) => t.task.task_key)) });
    expect(resumed).toEqual(['hang']);
    await s.ws.close();
    await rm(dir, { recursive: true, force: true });
  });
});
