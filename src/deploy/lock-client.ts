/**
 * Taking and releasing the deploy lock in the workspace (I/O), the reference CLI's protocol
 * (libs/locker): create `deploy.lock` with `import-file overwrite=false`, read it back and
 * compare the ID, whether the write succeeded or met an existing file. Beyond the reference: a
 * held lock is waited for (polling) up to a bound, an expired one is taken over, and the
 * failure names who holds it.
 */
import { CliFailure } from '../diag/errors.js';
import type { Clock } from '../ports/io.js';
import type { WorkspaceClient } from '../remote/client.js';
import { isAlreadyExists } from '../remote/errors.js';
import { decideLock, DEFAULT_LOCK_TTL_MS, describeLock, LOCK_FILE, newLock, parseLock, type LockFile } from './lock.js';
import { deleteWorkspaceObject, readWorkspaceFile, writeWorkspaceFile } from './workspace-io.js';

export interface LockOptions {
  statePath: string;
  user: string;
  holder: string;
  host: string;
  /** `--force-lock`: overwrite whatever lock is there. */
  force: boolean;
  /** How long to wait for another deploy's lock; 0 fails at once. */
  waitMs: number;
  pollMs?: number;
  ttlMs?: number;
  newId: () => string;
  clock: Clock;
  onWait?: (holder: LockFile) => void;
}

export interface HeldLock {
  lock: LockFile;
  path: string;
  /** Deletes the lock if it is still ours; returns a warning when it is not. */
  release(): Promise<string | undefined>;
}

export class DeployLockHeld extends CliFailure {
  constructor(readonly holder: LockFile, path: string) {
    super(`the deploy lock ${path} is held by ${describeLock(holder)}`,
      'another deploy of this bundle and target is running; wait for it, raise --lock-wait, or use --force-lock if you are sure it is gone');
  }
}

export async function acquireDeployLock(client: WorkspaceClient, o: LockOptions): Promise<HeldLock> {
  const path = `${o.statePath}/${LOCK_FILE}`;
  const pollMs = o.pollMs ?? 2000;
  const maxPolls = Math.ceil(o.waitMs / pollMs);
  const make = (forced: boolean) => newLock({ id: o.newId(), now: o.clock.now(), user: o.user, holder: o.holder, host: o.host, ttlMs: o.ttlMs ?? DEFAULT_LOCK_TTL_MS, forced });
  let ours = make(o.force);
  let overwrite = o.force;
  for (let polls = 0, rounds = 0; ; rounds++) {
    try {
      await writeWorkspaceFile(client, path, JSON.stringify(ours, null, 2), overwrite);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    const found = await readLock(client, path);
    const step = rounds > maxPolls + 20 ? 'fail' : decideLock(found, ours.ID, o.clock.now(), polls < maxPolls);
    if (step === 'acquired') {
      const stopRefresh = keepFresh(client, path, ours, o);
      return { lock: ours, path, release: () => (stopRefresh(), releaseLock(client, path, ours.ID)) };
    }
    if (step === 'fail') throw new DeployLockHeld(found ?? ours, path);
    overwrite = step === 'take-over';
    if (step === 'take-over') ours = make(true);
    if (step === 'wait') {
      o.onWait?.(found!);
      await o.clock.sleep(pollMs);
      polls++;
    }
  }
}

/**
 * A deploy that outlives a third of the lock's lifetime pushes its expiry forward, so a long
 * deploy never loses its lock to an "expired" takeover. A timer that never keeps the process up.
 */
function keepFresh(client: WorkspaceClient, path: string, lock: LockFile, o: LockOptions): () => void {
  const ttl = o.ttlMs ?? DEFAULT_LOCK_TTL_MS;
  const timer = setInterval(() => {
    void (async () => {
      const current = await readLock(client, path).catch(() => undefined);
      if (current?.ID !== lock.ID) return;
      const fresh = { ...current, ExpiresAt: new Date(o.clock.now().getTime() + ttl).toISOString() };
      await writeWorkspaceFile(client, path, JSON.stringify(fresh, null, 2), true).catch(() => undefined);
    })();
  }, Math.max(1000, Math.floor(ttl / 3)));
  timer.unref();
  return () => clearInterval(timer);
}

async function readLock(client: WorkspaceClient, path: string): Promise<LockFile | undefined> {
  const bytes = await readWorkspaceFile(client, path);
  if (!bytes) return undefined;
  const lock = parseLock(bytes.toString('utf8'));
  if (!lock) throw new CliFailure(`the deploy lock ${path} is not a lock file this tool can read`, 'remove it from the workspace, or deploy with --force-lock');
  return lock;
}

async function releaseLock(client: WorkspaceClient, path: string, id: string): Promise<string | undefined> {
  const bytes = await readWorkspaceFile(client, path);
  if (!bytes) return undefined;
  const current = parseLock(bytes.toString('utf8'));
  if (current && current.ID !== id) return `the deploy lock was taken over by ${describeLock(current)}; leaving it in place`;
  await deleteWorkspaceObject(client, path);
  return undefined;
}
