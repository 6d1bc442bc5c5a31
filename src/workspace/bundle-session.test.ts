/* eslint-disable @typescript-eslint/no-explicit-any -- reading a resolved config in a test */
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalWorkspace } from '../local/start.js';
import { fakeIo } from '../../test/helpers/run-cli.js';
import { writeTree } from '../../test/helpers/temp-tree.js';
import { openBundleSession } from './bundle-session.js';

const job = 'resources:\n  jobs:\n    etl:\n      name: etl\n      tasks:\n        - task_key: a\n          notebook_task: {notebook_path: /Shared/x}\n';

describe('openBundleSession', () => {
  it('connects a local target to the embedded workspace and resolves with its user', async () => {
    const dir = writeTree({ 'databricks.yml': `bundle: {name: s}\nworkspace: {host: local}\n${job}` });
    const { session, diagnostics } = await openBundleSession(fakeIo({ cwd: dir }), {});
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    try {
      expect(session!.local).toBe(true);
      const ws = session!.bundle.config.workspace as Record<string, string>;
      expect(ws.root_path).toBe(`/Workspace/Users/${session!.user.userName}/.bundle/s/default`);
      expect(await session!.client.jobs.listPage({})).toMatchObject({});
    } finally {
      await session!.close();
    }
  });

  const remote = startLocalWorkspace({ token: 'secret-token', port: 0, userName: 'Jane.Doe@example.com' });
  afterAll(async () => (await remote).close());

  it('connects to a workspace over HTTP with DATABRICKS_HOST and DATABRICKS_TOKEN', async () => {
    const ws = await remote;
    const dir = writeTree({ 'databricks.yml': `bundle: {name: s, mode: development}\n${job}` });
    const { session } = await openBundleSession(fakeIo({ cwd: dir, env: { DATABRICKS_HOST: ws.url, DATABRICKS_TOKEN: 'secret-token' } }), {});
    try {
      expect(session!.local).toBe(false);
      expect(((session!.bundle.config.resources as any).jobs.etl as { name: string }).name).toBe('[dev jane_doe] etl');
    } finally {
      await session!.close();
    }
  });

  it('stops before connecting when the bundle has errors', async () => {
    const dir = writeTree({ 'databricks.yml': 'bundle: {name: s}\nworkspace: {host: local}\nresources: {jobs: {etl: {name: "${var.nope}"}}}\n' });
    const { session, diagnostics } = await openBundleSession(fakeIo({ cwd: dir }), {});
    expect(session).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toContain('interp/unknown-reference');
  });
});
