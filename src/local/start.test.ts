import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalWorkspace } from './start.js';
import { LockHeldError } from './store/lock.js';

describe('startLocalWorkspace', () => {
  it('refuses a second instance on the same data dir in the same process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jobs-start-'));
    const a = await startLocalWorkspace({ dataDir: dir, noListen: true });
    await expect(startLocalWorkspace({ dataDir: dir, noListen: true })).rejects.toBeInstanceOf(LockHeldError);
    await a.close();
    const b = await startLocalWorkspace({ dataDir: dir, noListen: true });
    await b.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('checks its options', async () => {
    await expect(startLocalWorkspace({ token: 'short' })).rejects.toThrow(/at least 8/);
    await expect(startLocalWorkspace({ idBase: -1 })).rejects.toThrow(RangeError);
    await expect(startLocalWorkspace({ faults: 'jobs/get:teapot' })).rejects.toThrow(/not understood/);
  });
});
