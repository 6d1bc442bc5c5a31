/**
 * What `jobs run` shows where: the live table on a terminal (never with CI set), run page URLs
 * from a real (HTTP, token-authenticated) workspace, `runs get` outside any bundle, and `-o json`
 * with every page of a large run stitched together.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRunWorkspace, type RunWorkspace } from '../helpers/run-workspace.js';
import { writeTree } from '../helpers/temp-tree.js';
import { runCli } from '../helpers/run-cli.js';

const bundle = (host = 'local') => `bundle: {name: trips}
targets:
  dev: {default: true, workspace: {host: ${host}}}
resources:
  jobs:
    etl:
      name: etl
      tasks:
        - {task_key: validate, notebook_task: {notebook_path: /Shared/validate}}
        - {task_key: report, depends_on: [{task_key: validate}], notebook_task: {notebook_path: /Shared/report}}
`;

let w: RunWorkspace;
afterEach(() => w?.close());

describe('on a terminal', () => {
  it('draws the task table instead of state-change lines; the summary is the same', async () => {
    w = await startRunWorkspace(writeTree({ 'databricks.yml': bundle() }));
    await w.deploy();
    const tty = await w.cli(['run'], { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).not.toMatch(/\[0:0\d\]/);
    expect(tty.stderr).toMatch(/TASK +STATE +TIME/);
    expect(tty.stderr).toMatch(/validate/);
    const ci = await w.cli(['run'], { tty: true, env: { CI: 'true' } });
    expect(ci.stderr).toMatch(/\[0:00\] run 1004: RUNNING/);
    expect(tty.stdout.replace('1001', 'N')).toBe(ci.stdout.replace('1004', 'N'));
  });
});

describe('a real workspace', () => {
  it('prints run page URLs, and runs get works outside a bundle with DATABRICKS_HOST', async () => {
    const root = writeTree({ 'databricks.yml': bundle() });
    w = await startRunWorkspace(root);
    writeFileSync(join(root, 'databricks.yml'), bundle(w.ws.url));
    w.env.DATABRICKS_TOKEN = w.ws.token;
    await w.deploy({ state: 'remote' });
    const r = await w.cli(['run', 'etl']);
    expect(r.code).toBe(0);
    const url = `${w.ws.url}/jobs/1/runs/1001?o=1`;
    expect(r.stderr).toContain(`Started run 1001 of etl (job 1): ${url}`);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['Run 1001 of etl: SUCCESS in 4s', url]);
    const outside = await runCli(['runs', 'get', '1001'], { cwd: writeTree({}), env: { DATABRICKS_HOST: w.ws.url, DATABRICKS_TOKEN: w.ws.token }, io: { clock: w.clock } });
    expect(outside).toMatchObject({ code: 0, stderr: '' });
    expect(outside.stdout).toMatch(/^Run 1001 of etl: SUCCESS/);
    const noHost = await runCli(['runs', 'get', '1001'], { cwd: writeTree({}) });
    expect(noHost.code).toBe(1);
    expect(noHost.stderr).toMatch(/no workspace host configured/);
  });
});

describe('with jobs deploy', () => {
  it('runs what jobs deploy deployed, from its state in the workspace or, without any state, by its tag', async () => {
    const root = writeTree({ 'databricks.yml': bundle() });
    w = await startRunWorkspace(root);
    const deploy = await w.cli(['deploy', '--auto-approve']);
    expect(deploy.code, deploy.stderr).toBe(0);
    rmSync(join(root, '.databricks', 'bundle'), { recursive: true, force: true });
    const fromWorkspace = await w.cli(['--debug', 'run']);
    expect(fromWorkspace.code).toBe(0);
    expect(fromWorkspace.stderr).toContain('debug: job etl is job 1 (from the workspace state)');
    const { bearerToken } = await import('../../src/remote/auth/credentials.js');
    const { createWorkspaceClient } = await import('../../src/remote/client.js');
    const client = createWorkspaceClient({ host: w.ws.url, credentials: bearerToken(w.ws.token, 't'), clock: w.clock });
    await client.workspace.delete('/Workspace/Users/local-user@jobs.local/.bundle/trips/dev/state', { recursive: true });
    await client.close();
    const byTag = await w.cli(['--debug', 'run']);
    expect(byTag.code).toBe(0);
    expect(byTag.stderr).toContain('debug: job etl is job 1 (from the deploy tag)');
  });
});

describe('a deployed job that is gone', () => {
  it('is a run that could not start (exit 3), with the deploy to run', async () => {
    w = await startRunWorkspace(writeTree({ 'databricks.yml': bundle() }));
    const { jobIds } = await w.deploy();
    const { bearerToken } = await import('../../src/remote/auth/credentials.js');
    const { createWorkspaceClient } = await import('../../src/remote/client.js');
    const client = createWorkspaceClient({ host: w.ws.url, credentials: bearerToken(w.ws.token, 't'), clock: w.clock });
    await client.jobs.delete(jobIds.get('etl')!);
    await client.close();
    const r = await w.cli(['run']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^error: the workspace did not start job "etl" \(job 1\): Job 1 does not exist\.\nhint: the deployed job is gone; deploy again: jobs deploy -t dev\n$/);
  });
});

describe('tool settings', () => {
  it('`output: json` in .jobsrc makes JSON the default; -o text still wins', async () => {
    w = await startRunWorkspace(writeTree({ 'databricks.yml': bundle(), '.jobsrc': '{"output": "json", "color": "always"}\n' }));
    await w.deploy();
    const json = await w.cli(['run']);
    expect(JSON.parse(json.stdout)).toMatchObject({ run_id: 1001, state: { result_state: 'SUCCESS' } });
    const text = await w.cli(['run', '-o', 'text']);
    const esc = String.fromCharCode(27);
    expect(text.stdout.startsWith(`Run 1004 of etl: ${esc}[1m${esc}[32mSUCCESS`)).toBe(true);
  });
});

describe('-o json', () => {
  it('prints the final run with every page of its tasks (runs/get pages at 100)', async () => {
    const tasks = Array.from({ length: 120 }, (_, i) => `        - {task_key: c${String(i).padStart(3, '0')}, condition_task: {op: EQUAL_TO, left: "a", right: "a"}}`).join('\n');
    w = await startRunWorkspace(writeTree({ 'databricks.yml': `bundle: {name: wide}\ntargets:\n  local: {default: true, workspace: {host: local}}\nresources:\n  jobs:\n    wide:\n      name: wide\n      tasks:\n${tasks}\n` }));
    await w.deploy();
    const r = await w.cli(['run', '-o', 'json']);
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout);
    expect(run.tasks).toHaveLength(120);
    expect(run.state).toEqual({ life_cycle_state: 'TERMINATED', result_state: 'SUCCESS' });
    expect(run.next_page_token).toBeUndefined();
    expect(w.receipts.some((x) => x.endpoint === 'jobs/runs/get' && x.url.includes('page_token='))).toBe(true);
  });
});
