/** `bundle.deployment.fail_on_active_runs`: a deploy refuses while a deployed job runs. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDeployWorkspace, writes, type DeployWorkspace } from '../helpers/deploy-workspace.js';
import { writeTree } from '../helpers/temp-tree.js';

let server: DeployWorkspace;
afterEach(async () => server?.close());

const call = (path: string, body: unknown) =>
  fetch(`${server.ws.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${server.ws.token}` }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, unknown>>);

describe('fail_on_active_runs', () => {
  it('refuses to deploy over an active run, and deploys once it is over', async () => {
    server = await startDeployWorkspace();
    const dir = writeTree({
      'databricks.yml': 'bundle:\n  name: busy\n  deployment: {fail_on_active_runs: true}\nresources:\n  jobs:\n    etl: {name: etl, tasks: [{task_key: t, notebook_task: {notebook_path: /x}}]}\ntargets: {ci: {default: true, workspace: {root_path: /Workspace/Shared/busy}}}\n',
      'notes.txt': 'one',
    });
    expect((await server.cli(['deploy'], { cwd: dir })).code).toBe(0);
    // The test workspace has no executor: a run stays active until canceled.
    const { run_id } = await call('/api/2.2/jobs/run-now', { job_id: 1 });
    writeFileSync(join(dir, 'notes.txt'), 'two');
    server.take();
    const refused = await server.cli(['deploy'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('deploy refused: jobs.etl (1) has active runs and bundle.deployment.fail_on_active_runs is set');
    expect(writes(server.take()).map((r) => r.url).filter((u) => !u.includes('deploy.lock') && !u.includes('workspace/delete'))).toEqual([]);
    await call('/api/2.2/jobs/runs/cancel', { run_id });
    expect((await server.cli(['deploy'], { cwd: dir })).code).toBe(0);
  });
});
