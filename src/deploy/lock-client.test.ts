import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startTestWorkspace } from '../../test/helpers/local-workspace.js';
import type { Clock } from '../ports/io.js';
import { acquireDeployLock, DeployLockHeld, type LockOptions } from './lock-client.js';
import { parseLock } from './lock.js';

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const clockAt = (iso: string): Clock => ({ now: () => new Date(iso), sleep: realSleep });
const opts = (over: Partial<LockOptions> = {}): LockOptions => ({
  statePath: '/Workspace/Shared/b/state', user: 'me@x.com', holder: 'jobs-as-code test', host: 'box', force: false, waitMs: 0, pollMs: 20,
  newId: randomUUID, clock: clockAt('2026-11-21T10:00:00Z'), ...over,
});

describe('deploy lock in the workspace', () => {
  it('creates the lock (and its folder), refuses a second holder by name, frees it on release', async () => {
    const t = await startTestWorkspace('in-process');
    try {
      const held = await acquireDeployLock(t.client, opts());
      const file = parseLock((await t.client.workspace.download('/Workspace/Shared/b/state/deploy.lock')).toString())!;
      expect(file).toMatchObject({ ID: held.lock.ID, User: 'me@x.com', Holder: 'jobs-as-code test', Host: 'box', IsForced: false });
      const err = await acquireDeployLock(t.client, opts({ user: 'other@x.com' })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeployLockHeld);
      expect((err as Error).message).toContain('held by me@x.com (jobs-as-code test on box) since 2026-11-21T10:00:00.000Z');
      expect(await held.release()).toBeUndefined();
      await expect(t.client.workspace.getStatus('/Workspace/Shared/b/state/deploy.lock')).rejects.toThrow(/doesn't exist/);
    } finally {
      await t.close();
    }
  });

  it('waits for a held lock within --lock-wait, takes over an expired one, forces one', async () => {
    const t = await startTestWorkspace('in-process');
    try {
      const first = await acquireDeployLock(t.client, opts());
      const waited: string[] = [];
      const second = acquireDeployLock(t.client, opts({ waitMs: 5000, onWait: (l) => waited.push(l.ID) }));
      await realSleep(60);
      await first.release();
      const got = await second;
      expect(waited[0]).toBe(first.lock.ID);
      const later = await acquireDeployLock(t.client, opts({ clock: clockAt('2026-11-21T11:00:00Z') }));
      expect(later.lock.IsForced).toBe(true);
      expect(await got.release()).toMatch(/taken over by me@x.com/);
      const forced = await acquireDeployLock(t.client, opts({ force: true }));
      expect(forced.lock.IsForced).toBe(true);
      await forced.release();
    } finally {
      await t.close();
    }
  });

  it('pushes the expiry of a lock held for long', async () => {
    const t = await startTestWorkspace('in-process');
    try {
      let now = Date.parse('2026-11-21T10:00:00Z');
      const held = await acquireDeployLock(t.client, opts({ ttlMs: 3000, clock: { now: () => new Date(now), sleep: realSleep } }));
      now += 2000;
      await realSleep(1300);
      const file = parseLock((await t.client.workspace.download('/Workspace/Shared/b/state/deploy.lock')).toString())!;
      expect(Date.parse(file.ExpiresAt!)).toBe(now + 3000);
      await held.release();
    } finally {
      await t.close();
    }
  });
});
