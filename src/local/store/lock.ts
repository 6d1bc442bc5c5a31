/**
 * One server per data directory. The lock is `<dataDir>/server.lock`, created with O_EXCL and
 * holding `{pid, started}`. A lock whose pid is dead is stale: it is renamed aside (only one
 * contender's rename can succeed) and checked to be the stale one we read before a new lock is
 * created, so two servers starting together never both win.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostProcess } from '../../ports/host-process.js';
import { isErrno } from './files.js';

export class LockHeldError extends Error {
  readonly code = 'local/data-dir-locked';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`the data directory ${dataDir} is in use by another server (pid ${pid}); stop it or use another --data-dir`);
  }
}

export interface DirLock {
  release(): Promise<void>;
}

export async function acquireDirLock(dataDir: string, host: HostProcess, now: () => Date): Promise<DirLock> {
  const path = join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(path, 'wx', 0o600);
      await fh.writeFile(JSON.stringify({ pid: host.pid, started: now().toISOString() }));
      await fh.sync();
      await fh.close();
      return { release: () => rm(path, { force: true }) };
    } catch (err) {
      if (!isErrno(err, 'EEXIST')) throw err;
    }
    const holder = await readHolder(path);
    if (holder !== undefined && holder !== host.pid && host.isAlive(holder)) throw new LockHeldError(dataDir, holder);
    if (holder === host.pid) throw new LockHeldError(dataDir, holder);
    await takeOverStale(path, holder);
  }
  throw new LockHeldError(dataDir, (await readHolder(path)) ?? -1);
}

async function readHolder(path: string): Promise<number | undefined> {
  try {
    const pid = (JSON.parse(await readFile(path, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' ? pid : undefined;
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
  if ((await readHolder(aside)) !== stalePid) {
    await rename(aside, path).catch(() => undefined);
    return;
  }
  await rm(aside, { force: true });
}
