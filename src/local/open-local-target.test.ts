import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLocalHost, localDataDir, openLocalTarget } from './open-local-target.js';

const clock = { now: () => new Date(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'jobs-bundle-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('openLocalTarget', () => {
  it('starts a workspace in .databricks/local, and a second opener shares it over HTTP', async () => {
    const a = await openLocalTarget({ bundleRoot: root, clock });
    expect(a).toMatchObject({ shared: false, dataDir: localDataDir(root) });
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { job_id } = await a.client.jobs.create({ name: 'from a' });
    const b = await openLocalTarget({ bundleRoot: root, clock });
    expect(b).toMatchObject({ shared: true, url: a.url });
    expect((await b.client.jobs.get(job_id)).settings?.name).toBe('from a');
    await b.close();
    await a.close();
    // Data persists for the next command.
    const c = await openLocalTarget({ bundleRoot: root, clock });
    expect((await c.client.jobs.get(job_id)).settings?.name).toBe('from a');
    await c.close();
  });

  it('recognises workspace.host: local', () => {
    expect(isLocalHost('local')).toBe(true);
    expect(isLocalHost(' Local ')).toBe(true);
    expect(isLocalHost('https://local.cloud.databricks.com')).toBe(false);
    expect(isLocalHost(undefined)).toBe(false);
  });
});
