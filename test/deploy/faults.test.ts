/**
 * Deploy under faults, against the embedded workspace over HTTP:
 * - a deploy killed (SIGKILL, as a CI cancel or a laptop lid) after its Nth write request, then
 *   run again: converges, no job twice;
 * - a create whose answer is lost after the server applied it: adopted by tag next time;
 * - two deploys at once: one waits for the lock (or fails naming the holder), no duplicates;
 * - local and workspace state both lost: jobs adopted by their tag;
 * - throttling and unavailability (429/503): retried by the client, same result.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BaseJob } from '../../src/api/jobs.js';
import { DEPLOY_TAG } from '../../src/deploy/state-format.js';
import { buildCli } from '../helpers/build-cli.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { startDeployWorkspace, writes, type DeployWorkspace } from '../helpers/deploy-workspace.js';
import { writeTree } from '../helpers/temp-tree.js';

const JOBS = 5;

/** A production-style bundle (lock enabled) of JOBS jobs, a chain of run-job references, files. */
function bundle(): string {
  const jobs = Array.from({ length: JOBS }, (_, i) => [
    `    j${i}:`,
    `      name: job ${i}`,
    '      tasks:',
    i === 0
      ? '        - {task_key: t, notebook_task: {notebook_path: ./src/nb.py}}'
      : `        - {task_key: t, run_job_task: {job_id: "\${resources.jobs.j${i - 1}.id}"}}`,
    ...(i === 1 ? ['      permissions: [{level: CAN_VIEW, group_name: viewers}]'] : []),
  ].join('\n')).join('\n');
  return writeTree({
    'databricks.yml': `bundle: {name: faulty}\nresources:\n  jobs:\n${jobs}\ntargets:\n  ci:\n    default: true\n    workspace: {root_path: /Workspace/Shared/faulty}\n`,
    'src/nb.py': '# Databricks notebook source\nprint(1)\n',
    'src/util.py': 'x = 1\n',
  });
}

/** The bundled CLI, placed inside the repository so it resolves its external packages. */
async function cliInRepo(): Promise<string> {
  const dir = join(REPO_ROOT, 'node_modules', '.cache', 'jobs-deploy-faults');
  mkdirSync(dir, { recursive: true });
  cpSync(await buildCli(), join(dir, 'cli.js'));
  return join(dir, 'cli.js');
}

let server: DeployWorkspace | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function jobsInWorkspace(s: DeployWorkspace): Promise<BaseJob[]> {
  const res = await fetch(`${s.ws.url}/api/2.2/jobs/list?limit=100`, { headers: { authorization: `Bearer ${s.ws.token}` } });
  return ((await res.json()) as { jobs?: BaseJob[] }).jobs ?? [];
}

/** Every bundle job exists exactly once, and a plan finds nothing to do. */
async function expectConverged(s: DeployWorkspace, dir: string): Promise<void> {
  const jobs = await jobsInWorkspace(s);
  const tags = jobs.map((j) => j.settings?.tags?.[DEPLOY_TAG]).sort();
  expect(tags).toEqual(Array.from({ length: JOBS }, (_, i) => `faulty/ci/j${i}`));
  const plan = await s.cli(['plan', '--detailed-exitcode'], { cwd: dir });
  expect(plan.stdout).toContain(`Plan: 0 to add, 0 to change, 0 to delete, ${JOBS + 1} unchanged`);
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
}

describe('a deploy killed between calls, then run again', () => {
  it('converges without duplicates whatever write it was killed at', async () => {
    const cli = await cliInRepo();
    // A clean deploy's write requests: the lock, mkdirs, uploads, creates, PUT, state, metadata…
    const probe = await startDeployWorkspace();
    const probeDir = bundle();
    expect((await probe.cli(['deploy'], { cwd: probeDir })).code).toBe(0);
    const total = writes(probe.take()).length;
    await probe.close();
    expect(total).toBeGreaterThan(JOBS + 4);

    for (let n = 1; n <= total; n += 2) {
      const box: { child?: ReturnType<typeof spawn> } = {};
      let seen = 0;
      server = await startDeployWorkspace({
        onReceipt: (r) => {
          if (r.method !== 'GET' && ++seen === n) box.child?.kill('SIGKILL');
        },
      });
      const dir = bundle();
      const child = spawn(process.execPath, [cli, 'deploy'], { cwd: dir, env: { ...process.env, ...server.env, NO_COLOR: '1', CI: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
      box.child = child;
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const exit = await new Promise<{ code: number | null; signal: string | null }>((r) => child.on('close', (code, signal) => r({ code, signal })));
      expect(exit.signal, `killed at write ${n} of ${total}: ${stderr}`).toBe('SIGKILL');
      // The lock the killed deploy held stays until it expires: take it over, as a user would.
      const again = await server.cli(['deploy', '--force-lock'], { cwd: dir });
      expect(again.code, `after a kill at write ${n}: ${again.stderr}`).toBe(0);
      await expectConverged(server, dir);
      await server.close();
      server = undefined;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('adopts a job whose create answer was lost after the workspace made it', async () => {
    server = await startDeployWorkspace({ faults: 'jobs/create:drop-afterx1' });
    const dir = bundle();
    const first = await server.cli(['deploy'], { cwd: dir });
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/deploy failed: jobs\.j0: jobs\/create failed: POST \/api\/2\.2\/jobs\/create: connection lost/);
    expect(await jobsInWorkspace(server)).toHaveLength(1);
    const plan = await server.cli(['plan'], { cwd: dir });
    expect(plan.stdout).toContain('record jobs.j0');
    expect((await server.cli(['deploy'], { cwd: dir })).code).toBe(0);
    await expectConverged(server, dir);
  });
});

describe('two deploys at once', () => {
  /**
   * Deploy A creates its chain of jobs slowly (1 s per create) while holding the lock; deploy B
   * starts once A has written its lock file, so B always meets it.
   */
  async function race(bArgs: string[]) {
    let lockWritten: () => void = () => undefined;
    const aHoldsLock = new Promise<void>((r) => (lockWritten = r));
    server = await startDeployWorkspace({
      faults: 'jobs/create:latency=1s',
      onReceipt: (r) => {
        if (r.endpoint === 'workspace-files/import-file' && r.url.includes('deploy.lock')) lockWritten();
      },
    });
    const a = bundle();
    const b = mkdtempSync(join(tmpdir(), 'deploy-b-'));
    cpSync(a, b, { recursive: true });
    const ra = server.cli(['deploy'], { cwd: a });
    await aHoldsLock;
    const rb = await server.cli(bArgs, { cwd: b });
    return { a, ra: await ra, rb };
  }

  it('the second waits for the lock, then finds nothing left to do', async () => {
    const { a, ra, rb } = await race(['deploy', '--lock-wait', '120s']);
    expect([ra.code, rb.code], ra.stderr + rb.stderr).toEqual([0, 0]);
    expect(rb.stderr).toContain('Waiting for the deploy lock, held by tester@databricks.com');
    expect(rb.stdout).toContain('No changes: the workspace already matches the bundle.');
    await expectConverged(server!, a);
  }, 60_000);

  it('without waiting, the second fails and names who holds the lock', async () => {
    const { a, ra, rb } = await race(['deploy', '--lock-wait', '0']);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code).toBe(1);
    expect(rb.stderr).toMatch(/the deploy lock \/Workspace\/Shared\/faulty\/state\/deploy\.lock is held by tester@databricks\.com \(jobs-as-code \S+ deploy on \S+\) since/);
    await expectConverged(server!, a);
  }, 60_000);
});

describe('lost state', () => {
  it('adopts every job by its tag when both state copies are gone', async () => {
    server = await startDeployWorkspace();
    const dir = bundle();
    expect((await server.cli(['deploy'], { cwd: dir })).code).toBe(0);
    rmSync(join(dir, '.databricks'), { recursive: true });
    await fetch(`${server.ws.url}/api/2.0/workspace/delete`, {
      method: 'POST', headers: { authorization: `Bearer ${server.ws.token}` }, body: JSON.stringify({ path: '/Workspace/Shared/faulty/state', recursive: true }),
    });
    server.take();
    const again = await server.cli(['deploy'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(writes(server.take()).filter((r) => r.endpoint === 'jobs/create')).toEqual([]);
    await expectConverged(server, dir);
  });

  it('uses the workspace copy when the local cache is gone, and writes nothing', async () => {
    server = await startDeployWorkspace();
    const dir = bundle();
    expect((await server.cli(['deploy'], { cwd: dir })).code).toBe(0);
    rmSync(join(dir, '.databricks'), { recursive: true });
    server.take();
    expect((await server.cli(['deploy'], { cwd: dir })).code).toBe(0);
    expect(writes(server.take())).toEqual([]);
  });
});

describe('throttling and unavailability', () => {
  it('retries 429 and 503 (create included: refused calls were never applied) to the same result', async () => {
    server = await startDeployWorkspace({ faults: '*:429@0.25,retry-after=0;jobs/*:503@0.2', faultSeed: 7 });
    const dir = bundle();
    const res = await server.cli(['deploy'], { cwd: dir });
    expect(res.code, res.stderr).toBe(0);
    expect(server.receipts.some((r) => r.fault === '429')).toBe(true);
    await expectConverged(server, dir);
  });
});
