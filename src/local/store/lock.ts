/**
 * One server per data directory. The lock is `<dataDir>/server.lock`, created with O_EXCL and
 * holding `{pid, started}`, plus the server's `url` once it listens (so a client can find a
 * running server instead of starting a second one). A lock whose pid is dead is stale: it is renamed aside (only one
 * contender's rename can succeed) and checked to be the stale one we read before a new lock is
 * created, so two servers starting together never both win.
 */
import { EXPECTED_FAILURE } from '../../diag/errors.js';
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostProcess } from '../../ports/host-process.js';
import { isErrno, writeFileAtomic } from './files.js';

export class LockHeldError extends Error {
  readonly [EXPECTED_FAILURE] = true;
  readonly code = 'local/data-dir-locked';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    /** Where the holder listens, when it announced it. */
    readonly url?: string,
  ) {
    super(`the data directory ${dataDir} is in use by another server (pid ${pid}); stop it or use another --data-dir`);
  }
}

export interface DirLock {
  /** Records where this server listens, for clients that find the lock. */
  announce(url: string): Promise<void>;
  release(): Promise<void>;
}

export async function acquireDirLock(dataDir: string, host: HostProcess, now: () => Date): Promise<DirLock> {
  const path = join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(path, 'wx', 0o600);
      const started = now().toISOString();
      await fh.writeFile(JSON.stringify({ pid: host.pid, started }));
      await fh.sync();
      await fh.close();
      return {
        // Replaced atomically: a reader sees the old or the new holder record, never half of one.
        announce: (url) => writeFileAtomic(path, JSON.stringify({ pid: host.pid, started, url }), 0o600),
        release: () => rm(path, { force: true }),
      };
    } catch (err) {
      if (!isErrno(err, 'EEXIST')) throw err;
    }
    const holder = await readLockHolder(dataDir);
    if (holder && (holder.pid === host.pid || host.isAlive(holder.pid))) throw new LockHeldError(dataDir, holder.pid, holder.url);
    await takeOverStale(path, holder?.pid);
  }
  throw new LockHeldError(dataDir, (await readLockHolder(dataDir))?.pid ?? -1);
}

/** The holder recorded in a data dir's lock; undefined when absent or unreadable. */
export function readLockHolder(dataDir: string): Promise<{ pid: number; url?: string } | undefined> {
  return readHolderAt(join(dataDir, 'server.lock'));
}

async function readHolderAt(path: string): Promise<{ pid: number; url?: string } | undefined> {
  try {
    const v = JSON.parse(await readFile(path, 'utf8')) as { pid?: unknown; url?: unknown };
    return typeof v.pid === 'number' ? { pid: v.pid, ...(typeof v.url === 'string' ? { url: v.url } : {}) } : undefined;
  } catch {
    // Unreadable or half-written (the writer died between create and write): treat as stale.
    return undefined;
  }
}

async function takeOverStale(path: string, stalePid: number | undefined): Promise<void> {
  const aside = `${path}.stale-${String(stalePid)}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return; // someone else moved it; retry the create
    throw err;
  }
  // If a fresh lock replaced the stale one between our read and our rename, put it back.
  if ((await readHolderAt(aside))?.pid !== stalePid) {
    await rename(aside, path).catch(() => undefined);
    return;
  }
  await rm(aside, { force: true });
}

