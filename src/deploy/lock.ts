/**
 * The deploy lock file and the decisions around it (pure). The file is the reference CLI's
 * `${workspace.state_path}/deploy.lock` with its Go keys (`ID`, `AcquisitionTime`, `IsForced`,
 * `User`), so either tool respects the other's lock; we add who holds it (`Holder`: tool,
 * command and process, or the CI run), on which machine (`Host`), and when it stops counting
 * (`ExpiresAt`), so a lock left by a killed deploy does not block everyone forever.
 *
 * A reference lock has no expiry; it is treated as expiring `DEFAULT_LOCK_TTL_MS` after its
 * acquisition time.
 */
import { parseJsonObject } from '../api/json.js';

export const LOCK_FILE = 'deploy.lock';
/** A lock older than this is stale; a running deploy refreshes its lock long before. */
export const DEFAULT_LOCK_TTL_MS = 30 * 60_000;

export interface LockFile {
  ID: string;
  /** RFC 3339. */
  AcquisitionTime: string;
  IsForced: boolean;
  User: string;
  /** Ours: what holds it (`jobs-as-code 0.1.0 deploy, pid 4242` or the CI run). */
  Holder?: string;
  /** Ours: the machine. */
  Host?: string;
  /** Ours: RFC 3339; past it, another deploy may take the lock over. */
  ExpiresAt?: string;
}

export interface NewLock {
  id: string;
  now: Date;
  user: string;
  holder: string;
  host: string;
  ttlMs: number;
  forced: boolean;
}

export function newLock(n: NewLock): LockFile {
  return {
    ID: n.id, AcquisitionTime: n.now.toISOString(), IsForced: n.forced, User: n.user,
    Holder: n.holder, Host: n.host, ExpiresAt: new Date(n.now.getTime() + n.ttlMs).toISOString(),
  };
}

export function parseLock(text: string): LockFile | undefined {
  const l = parseJsonObject(text) as Partial<LockFile> | undefined;
  if (!l) return undefined;
  if (typeof l.ID !== 'string') return undefined;
  return {
    ID: l.ID, AcquisitionTime: String(l.AcquisitionTime ?? ''), IsForced: l.IsForced === true, User: String(l.User ?? ''),
    ...(typeof l.Holder === 'string' ? { Holder: l.Holder } : {}),
    ...(typeof l.Host === 'string' ? { Host: l.Host } : {}),
    ...(typeof l.ExpiresAt === 'string' ? { ExpiresAt: l.ExpiresAt } : {}),
  };
}

/** When the lock stops counting (ms since the epoch); NaN times never expire. */
export function expiresAt(lock: LockFile): number {
  const explicit = Date.parse(lock.ExpiresAt ?? '');
  if (!Number.isNaN(explicit)) return explicit;
  return Date.parse(lock.AcquisitionTime) + DEFAULT_LOCK_TTL_MS;
}

export function isExpired(lock: LockFile, now: Date): boolean {
  const at = expiresAt(lock);
  return !Number.isNaN(at) && now.getTime() >= at;
}

export type LockStep = 'acquired' | 'retry' | 'take-over' | 'wait' | 'fail';

/**
 * What to do after trying to create the lock and reading back what is there: ours → acquired;
 * gone (released meanwhile) → try again; someone else's and expired → take it over; else wait
 * while the wait budget lasts, then fail.
 */
export function decideLock(found: LockFile | undefined, ourId: string, now: Date, canWait: boolean): LockStep {
  if (!found) return 'retry';
  if (found.ID === ourId) return 'acquired';
  if (isExpired(found, now)) return 'take-over';
  return canWait ? 'wait' : 'fail';
}

/** `tester@x.com (jobs-as-code 0.1.0 deploy, pid 42 on ci-7) since 2026-11-21T10:00:00.000Z, expires …`. */
export function describeLock(lock: LockFile): string {
  const who = [lock.Holder, lock.Host ? `on ${lock.Host}` : undefined].filter(Boolean).join(' ');
  const expiry = Number.isNaN(expiresAt(lock)) ? '' : `, expires ${new Date(expiresAt(lock)).toISOString()}`;
  return `${lock.User || 'an unknown user'}${who ? ` (${who})` : ''} ${lock.IsForced ? 'force-acquired it' : 'since'} ${lock.IsForced ? `at ${lock.AcquisitionTime}` : lock.AcquisitionTime}${expiry}`;
}
