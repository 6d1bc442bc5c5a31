import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from './errors.js';
import { backoffMs, DEFAULT_RETRY, judge, parseRetryAfter } from './retry.js';

const api = (status: number, retryAfterMs?: number) => new ApiError({ status, method: 'POST', path: '/p', message: 'm', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
const net = (phase: 'connect' | 'reset' | 'timeout') => new NetworkError('POST', '/p', phase, 'X', 'd');

describe('judge', () => {
  it.each([
    ['429', api(429), 'unsafe', true],
    ['503', api(503), 'unsafe', true],
    ['504', api(504), 'unsafe', false],
    ['504', api(504), 'idempotent', true],
    ['500', api(500), 'idempotent', false],
    ['400', api(400), 'idempotent', false],
    ['refused', net('connect'), 'unsafe', true],
    ['reset', net('reset'), 'unsafe', false],
    ['reset', net('reset'), 'token', true],
    ['timeout', net('timeout'), 'unsafe', false],
    ['timeout', net('timeout'), 'delete', true],
  ] as const)('%s on a %s call → retry %s', (_, err, mode, retry) => expect(judge(err, mode).retry).toBe(retry));

  it('carries Retry-After as the minimum wait', () => {
    expect(judge(api(429, 3000), 'unsafe').minDelayMs).toBe(3000);
    expect(backoffMs(DEFAULT_RETRY, 1, () => 0, 3000)).toBe(3000);
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:05 GMT', 0)).toBe(5000);
  });

  it('backs off exponentially with jitter up to the cap', () => {
    const p = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffMs(p, 1, () => 0)).toBe(50);
    expect(backoffMs(p, 3, () => 1)).toBe(400);
    expect(backoffMs(p, 10, () => 1)).toBe(1000);
  });
});
