/**
 * The official Databricks JavaScript SDK (@databricks/sdk-experimental) works unchanged against
 * the embedded workspace served over HTTP. The SDK declares node >= 22; it runs on Node 20 here
 * too, so the test runs everywhere (the CI's Node 24 pass runs it as well).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalWorkspace, type LocalWorkspace } from '../../src/local/start.js';

import type * as SdkModule from '@databricks/sdk-experimental';

type Sdk = typeof SdkModule;

describe('Databricks JS SDK against jobs local serve', () => {
  let ws: LocalWorkspace;
  let dir: string;
  let sdk: Sdk;
  let w: InstanceType<Sdk['WorkspaceClient']>;
  const client = (token: string) =>
    new sdk.WorkspaceClient({ host: ws.url, token, authType: 'pat', configFile: join(dir, 'no-databrickscfg'), retryTimeoutSeconds: 10 });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jobs-sdk-'));
    ws = await startLocalWorkspace({ dataDir: dir, host: '127.0.0.1', port: 0 });
    sdk = await import('@databricks/sdk-experimental');
    w = client(ws.token);
  });
  afterAll(async () => {
    await ws.close();
    await rm(dir, { recursive: true, force: true });
  });

  const conditions = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ task_key: `c${String(i).padStart(3, '0')}`, condition_task: { left: '1', op: 'EQUAL_TO' as const, right: '1' } }));

  it('creates, reads every page, lists by name, resets', async () => {
    const me = await w.currentUser.me();
    expect(me.userName).toBe('local-user@jobs.local');
    const { job_id } = await w.jobs.create({ name: 'SDK job', tasks: conditions(150), max_concurrent_runs: 5 });
    expect(job_id).toBeTypeOf('number');
    let tasks = 0;
    let pages = 0;
    for (let token: string | undefined, first = true; first || token; first = false) {
      const page = await w.jobs.get({ job_id: job_id as number, ...(token ? { page_token: token } : {}) });
      tasks += page.settings?.tasks?.length ?? 0;
      pages++;
      token = page.next_page_token;
    }
    expect([tasks, pages]).toEqual([150, 2]);
    const found = [];
    for await (const j of w.jobs.list({ name: 'sdk JOB' })) found.push(j.job_id);
    expect(found).toEqual([job_id]);
    await w.jobs.reset({ job_id: job_id as number, new_settings: { name: 'SDK job', tasks: conditions(3), max_concurrent_runs: 5 } });
    expect((await w.jobs.get({ job_id: job_id as number })).settings?.tasks).toHaveLength(3);
  });

  it('runs a job and waits for it, lists runs and reads a task output', async () => {
    const { job_id } = await w.jobs.create({ name: 'SDK run', tasks: conditions(2) });
    const waiter = await w.jobs.runNow({ job_id: job_id as number });
    const run = await waiter.wait({ timeout: new sdk.Time(30, sdk.TimeUnits.seconds) });
    expect(run.state?.life_cycle_state).toBe('TERMINATED');
    expect(run.state?.result_state).toBe('SUCCESS');
    const runs = [];
    for await (const r of w.jobs.listRuns({ job_id: job_id as number })) runs.push(r.run_id);
    expect(runs).toEqual([run.run_id]);
    const taskRun = run.tasks?.[0]?.run_id as number;
    const output = await w.jobs.getRunOutput({ run_id: taskRun });
    expect(output.metadata?.run_id).toBe(taskRun);
  });

  it('deletes a job, then the SDK sees it as not found', async () => {
    const { job_id } = await w.jobs.create({ name: 'SDK delete' });
    await w.jobs.delete({ job_id: job_id as number });
    const err = (await w.jobs.get({ job_id: job_id as number }).catch((e: unknown) => e)) as { statusCode?: number; errorCode?: string };
    expect(err).toBeInstanceOf(sdk.ApiError);
    expect([err.statusCode, err.errorCode]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
  });

  it('is refused with a wrong token', async () => {
    const err = (await client('wrong-token-123').jobs.get({ job_id: 1 }).catch((e: unknown) => e)) as { statusCode?: number };
    expect(err).toBeInstanceOf(Error);
    expect(err.statusCode).toBe(403);
  });
});
