import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoadedBundle } from '../bundle/load-bundle.js';
import { fakeIo } from '../../test/helpers/run-cli.js';
import { startTestWorkspace } from '../../test/helpers/local-workspace.js';
import { writeTree } from '../../test/helpers/temp-tree.js';
import { readAuthConfig } from '../remote/auth/read-config.js';
import { Prefetch } from './prefetch.js';
import { HINT_FILE, toHintText, type PrefetchHint } from './prefetch-hint.js';

function bundleWithState(ids: Record<string, string>, permissions: string[] = []): LoadedBundle {
  const root = writeTree({ 'databricks.yml': 'bundle: {name: p}\n' });
  const state: Record<string, unknown> = {};
  for (const [key, id] of Object.entries(ids)) state[`resources.jobs.${key}`] = { __id__: id, state: {} };
  for (const key of permissions) state[`resources.jobs.${key}.permissions`] = { __id__: `/jobs/${ids[key]}`, state: {} };
  mkdirSync(join(root, '.databricks', 'bundle', 'dev'), { recursive: true });
  writeFileSync(join(root, '.databricks', 'bundle', 'dev', 'resources.json'), JSON.stringify({ state_version: 1, cli_version: 'x', lineage: 'l', serial: 1, state }));
  return { root, rootFile: join(root, 'databricks.yml'), target: 'dev', config: {}, files: [] };
}

describe('Prefetch', () => {
  it('reads the jobs the local state names in a worker; a deleted job reads as gone', async () => {
    const t = await startTestWorkspace('http');
    try {
      const { job_id } = await t.client.jobs.create({ name: 'a', tasks: Array.from({ length: 150 }, (_, i) => ({ task_key: `t${i}`, notebook_task: { notebook_path: '/x' } })) });
      const p = new Prefetch(4);
      p.start(fakeIo({ cwd: '/' }), t.client, bundleWithState({ a: String(job_id), gone: '999' }, ['a']));
      await p.ready;
      const a = await p.job(String(job_id));
      expect(a?.value?.settings?.tasks).toHaveLength(150);
      expect(a?.value?.next_page_token).toBeUndefined();
      expect((await p.permissions(String(job_id)))?.value?.access_control_list?.length).toBeGreaterThan(0);
      expect(await p.job('999')).toEqual({ value: undefined });
      expect(await p.job('12345')).toBeUndefined();
      p.stop();
    } finally {
      await t.close();
    }
  });

  it('falls back (undefined) when the workspace cannot be read', async () => {
    const t = await startTestWorkspace('http');
    const bundle = bundleWithState({ a: '1' });
    await t.ws.close();
    const p = new Prefetch(2);
    p.start(fakeIo({ cwd: '/' }), t.client, bundle);
    await p.ready;
    expect(await p.job('1')).toBeUndefined();
    await t.client.close();
  });
});

describe('Prefetch, started before the bundle is loaded', () => {
  const user = 'me@example.com';
  const statePath = '/Workspace/Users/me@example.com/.bundle/p/dev/state';

  async function setUp(hint: Partial<PrefetchHint> = {}) {
    const t = await startTestWorkspace('http');
    const { job_id } = await t.client.jobs.create({ name: 'a', tasks: [{ task_key: 't', notebook_task: { notebook_path: '/x' } }] });
    const bundle = bundleWithState({ a: String(job_id) });
    writeFileSync(join(bundle.root, '.databricks', 'bundle', 'dev', HINT_FILE), toHintText({ host: t.ws.url, statePath, userName: user, defaultTarget: true, ...hint }));
    const io = fakeIo({ cwd: bundle.root, env: { DATABRICKS_HOST: t.ws.url, DATABRICKS_TOKEN: t.ws.token } });
    return { t, io, bundle, id: String(job_id), auth: await readAuthConfig(io) };
  }

  it('is kept when the session connects with the same credentials and resolves to the same state and user', async () => {
    const { t, io, bundle, id, auth } = await setUp();
    try {
      const p = new Prefetch(2);
      await p.startEarly(io, {});
      expect(p.startedEarly).toBe(true);
      p.start(io, t.client, bundle, auth);
      p.confirm({ host: auth.host, statePath, userName: user });
      expect(p.startedEarly).toBe(true);
      await p.ready;
      expect((await p.job(id))?.value?.settings?.name).toBe('a');
      p.stop();
    } finally {
      await t.close();
    }
  });

  it.each([
    ['another token', { token: 'another-token-0123' }],
    ['another host', { host: 'https://elsewhere.example.com' }],
  ])('is replaced by a normal prefetch when the session connects with %s', async (_name, change) => {
    const { t, io, bundle, id, auth } = await setUp();
    try {
      const p = new Prefetch(2);
      await p.startEarly(io, {});
      p.start(io, t.client, bundle, { ...auth, ...change });
      expect(p.startedEarly).toBe(false);
      await p.ready;
      expect((await p.job(id))?.value?.settings?.name).toBe('a');
      p.stop();
    } finally {
      await t.close();
    }
  });

  it.each([
    ['another user', { userName: 'you@example.com' }],
    ['another state path', { statePath: '/Workspace/elsewhere' }],
  ])('is dropped when the session resolves to %s: readRemote asks again', async (_name, change) => {
    const { t, io, bundle, id, auth } = await setUp();
    try {
      const p = new Prefetch(2);
      await p.startEarly(io, {});
      p.start(io, t.client, bundle, auth);
      p.confirm({ host: auth.host, statePath, userName: user, ...change });
      expect(p.startedEarly).toBe(false);
      await p.ready;
      expect(await p.job(id)).toBeUndefined();
      p.stop();
    } finally {
      await t.close();
    }
  });

  it('does not start when the hint names another host than the credentials do', async () => {
    const { t, io } = await setUp({ host: 'https://elsewhere.example.com' });
    try {
      const p = new Prefetch(2);
      await p.startEarly(io, {});
      expect(p.startedEarly).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('does not start when the token is in the environment and the host only in a profile', async () => {
    const { t, bundle } = await setUp({ profile: 'p' });
    try {
      const config = writeTree({ cfg: `[p]\nhost = ${t.ws.url}\ntoken = ${t.ws.token}\n` });
      const env = { DATABRICKS_CONFIG_FILE: join(config, 'cfg') };
      const p = new Prefetch(2);
      await p.startEarly(fakeIo({ cwd: bundle.root, env: { ...env, DATABRICKS_TOKEN: 'another-token-0123' } }), {});
      expect(p.startedEarly).toBe(false);
      await p.startEarly(fakeIo({ cwd: bundle.root, env }), {});
      expect(p.startedEarly).toBe(true);
      p.stop();
    } finally {
      await t.close();
    }
  });

  it('does not start without a hint for the requested target', async () => {
    const { t, io } = await setUp();
    try {
      const p = new Prefetch(2);
      await p.startEarly(io, { target: 'prod' });
      expect(p.startedEarly).toBe(false);
    } finally {
      await t.close();
    }
  });
});
