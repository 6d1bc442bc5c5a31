import { describe, expect, it } from 'vitest';
import { decideLock, describeLock, isExpired, newLock, parseLock, DEFAULT_LOCK_TTL_MS } from './lock.js';

const now = new Date('2026-11-21T10:00:00Z');
const lock = newLock({ id: 'a', now, user: 'me@x.com', holder: 'jobs-as-code 0.1.0 deploy', host: 'laptop', ttlMs: 60_000, forced: false });

describe('deploy lock', () => {
  it('writes the reference keys and ours, and reads both kinds back', () => {
    expect(lock).toEqual({ ID: 'a', AcquisitionTime: '2026-11-21T10:00:00.000Z', IsForced: false, User: 'me@x.com', Holder: 'jobs-as-code 0.1.0 deploy', Host: 'laptop', ExpiresAt: '2026-11-21T10:01:00.000Z' });
    expect(parseLock(JSON.stringify(lock))).toEqual(lock);
    const reference = { ID: 'r', AcquisitionTime: '2026-11-21T09:00:00Z', IsForced: false, User: 'them@x.com' };
    expect(parseLock(JSON.stringify(reference))).toEqual(reference);
    expect(parseLock('not json')).toBeUndefined();
    expect(parseLock('{"User": "x"}')).toBeUndefined();
  });

  it('expires at ExpiresAt, or a default time after a reference lock was taken', () => {
    expect(isExpired(lock, new Date(now.getTime() + 59_999))).toBe(false);
    expect(isExpired(lock, new Date(now.getTime() + 60_000))).toBe(true);
    const reference = { ID: 'r', AcquisitionTime: now.toISOString(), IsForced: false, User: 'x' };
    expect(isExpired(reference, new Date(now.getTime() + DEFAULT_LOCK_TTL_MS - 1))).toBe(false);
    expect(isExpired(reference, new Date(now.getTime() + DEFAULT_LOCK_TTL_MS))).toBe(true);
  });

  it.each([
    ['ours', lock, 'a', true, 'acquired'],
    ['gone meanwhile', undefined, 'a', true, 'retry'],
    ['held, may wait', lock, 'b', true, 'wait'],
    ['held, no wait left', lock, 'b', false, 'fail'],
  ] as const)('decides: %s', (_name, found, ours, canWait, step) => {
    expect(decideLock(found, ours, now, canWait)).toBe(step);
  });

  it('takes over an expired lock', () => {
    expect(decideLock(lock, 'b', new Date(now.getTime() + 120_000), false)).toBe('take-over');
  });

  it('names the holder, machine, time and expiry', () => {
    expect(describeLock(lock)).toBe('me@x.com (jobs-as-code 0.1.0 deploy on laptop) since 2026-11-21T10:00:00.000Z, expires 2026-11-21T10:01:00.000Z');
    expect(describeLock({ ...lock, IsForced: true })).toContain('force-acquired it at 2026-11-21T10:00:00.000Z');
  });
});
