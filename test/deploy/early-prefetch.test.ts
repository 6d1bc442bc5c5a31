/**
 * The early prefetch end to end (deploy/prefetch.ts, prefetch-hint.ts): a deploy records where
 * it went; the next one reads the jobs its local state names from there before loading the
 * bundle, and throws those reads away when the session goes elsewhere. Two workspaces hold jobs
 * with the same ids but different settings, so answers from the wrong one would show as changes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HINT_FILE, parseHint, toHintText } from '../../src/deploy/prefetch-hint.js';
import { deployedJobIds, parseDeploymentState } from '../../src/deploy/state-format.js';
import { startDeployWorkspace, TEST_TOKEN, TEST_USER, writes, type DeployWorkspace } from '../helpers/deploy-workspace.js';
import { writeTree } from '../helpers/temp-tree.js';

const JOBS = 3;
const open: DeployWorkspace[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function bundle(profile?: string): string {
  const jobs = Array.from({ length: JOBS }, (_, i) => `    j${i}:\n      name: job ${i}\n      tasks: [{task_key: t, notebook_task: {notebook_path: /Shared/nb}}]\n`).join('');
  return writeTree({
    'databricks.yml': `bundle: {name: early}\nresources:\n  jobs:\n${jobs}targets:\n  ci:\n    default: true\n    workspace: {${profile ? `profile: ${profile}, ` : ''}root_path: /Workspace/Shared/early}\n`,
  });
}

describe('deploy with an early prefetch', () => {
  it('records the last deploy, and ignores what it read early when the session connects elsewhere', async () => {
    const a = await startDeployWorkspace();
    const b = await startDeployWorkspace();
    open.push(a, b);
    const config = writeTree({ 'databrickscfg': `[a]\nhost = ${a.ws.url}\ntoken = ${TEST_TOKEN}\n\n[b]\nhost = ${b.ws.url}\ntoken = ${TEST_TOKEN}\n` });
    const env = { DATABRICKS_HOST: undefined, DATABRICKS_TOKEN: undefined, DATABRICKS_CONFIG_FILE: join(config, 'databrickscfg') };
    const dir = bundle('a');
    expect((await a.cli(['deploy'], { cwd: dir, env })).code).toBe(0);

    const local = join(dir, '.databricks', 'bundle', 'ci');
    const hint = parseHint(readFileSync(join(local, HINT_FILE), 'utf8'));
    expect(hint).toEqual({ host: a.ws.url, profile: 'a', statePath: '/Workspace/Shared/early/state', userName: TEST_USER, defaultTarget: true });

    // Workspace b holds other jobs under the very ids the local state names.
    const ids = [...deployedJobIds(parseDeploymentState(readFileSync(join(local, 'resources.json'), 'utf8'))).values()].sort();
    for (let i = 0; i < JOBS; i++) {
      const res = await fetch(`${b.ws.url}/api/2.2/jobs/create`, { method: 'POST', headers: { authorization: `Bearer ${TEST_TOKEN}` }, body: JSON.stringify({ name: `other ${i}`, tasks: [{ task_key: 'x', notebook_task: { notebook_path: '/Shared/other' } }] }) });
      expect(String(((await res.json()) as { job_id: number }).job_id)).toBe(ids[i]);
    }

    // The hint now points at b: the early reads go there, the session to a (the bundle's profile).
    writeFileSync(join(local, HINT_FILE), toHintText({ ...hint!, host: b.ws.url, profile: 'b' }));
    a.take();
    const again = await a.cli(['deploy'], { cwd: dir, env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes');
    expect(writes(a.take())).toEqual([]);
    expect(parseHint(readFileSync(join(local, HINT_FILE), 'utf8'))?.host).toBe(a.ws.url);

    // With the hint right again, the next no-op deploy reads a only, b not at all.
    b.take();
    const third = await a.cli(['deploy'], { cwd: dir, env });
    expect(third.stdout).toContain('No changes');
    expect(b.take()).toEqual([]);
    expect(a.take().filter((r) => r.endpoint === 'jobs/get')).toHaveLength(JOBS);
  });

  it('sends every read through the client with --debug, so its request log shows them all', async () => {
    const a = await startDeployWorkspace();
    open.push(a);
    const dir = bundle();
    expect((await a.cli(['deploy'], { cwd: dir })).code).toBe(0);
    const hintPath = join(dir, '.databricks', 'bundle', 'ci', HINT_FILE);
    expect(parseHint(readFileSync(hintPath, 'utf8'))).toMatchObject({ host: a.ws.url, defaultTarget: true });
    const debug = await a.cli(['--debug', 'deploy', '-t', 'ci'], { cwd: dir });
    expect(debug.code).toBe(0);
    expect(debug.stderr.match(/debug: GET \/api\/2\.2\/jobs\/get/g)).toHaveLength(JOBS);
    // Run with -t, the deploy no longer speaks for the default target.
    expect(parseHint(readFileSync(hintPath, 'utf8'))).toMatchObject({ defaultTarget: false });
  });
});
