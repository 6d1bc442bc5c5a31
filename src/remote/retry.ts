/**
 * When to retry, and how long to wait. Pure: the client feeds it each failure and the attempt
 * count, and sleeps on the injected clock.
 *
 * The rule that matters: a call that is not idempotent (jobs/create, runs/repair) is retried
 * only when it surely had no effect: the connection was never made, or the workspace answered
 * 429/503 (rejected before doing anything). After a timeout, a reset mid-request or a 504 it
 * may have been applied, so it is not repeated: a duplicate job is worse than an error.
 * run-now is safe because the client always sends an idempotency token.
 */
import type { Retry } from '../api/endpoints.js';
import type { ApiError} from './errors.js';
import { NetworkError } from './errors.js';

export interface RetryPolicy {
  /** Attempts in total, first included. */
  maxAttempts: number;
  /** Give up rather than wait past this much time since the first attempt. */
  budgetMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, budgetMs: 5 * 60_000, baseDelayMs: 250, maxDelayMs: 20_000 };

export interface Verdict {
  retry: boolean;
  /** The failure may have been applied on the server. */
  ambiguous: boolean;
  /** Minimum wait the server asked for (Retry-After), in ms. */
  minDelayMs?: number;
}

export function judge(err: ApiError | NetworkError, mode: Retry): Verdict {
  if (err instanceof NetworkError) {
    if (err.phase === 'connect') return { retry: true, ambiguous: false };
    return { retry: mode !== 'unsafe', ambiguous: true };
  }
  if (err.status === 429 || err.status === 503) return { retry: true, ambiguous: false, ...retryAfter(err) };
  if (err.status === 504) return { retry: mode !== 'unsafe', ambiguous: true };
  return { retry: false, ambiguous: false };
}

function retryAfter(err: ApiError): { minDelayMs?: number } {
  return err.retryAfterMs !== undefined ? { minDelayMs: err.retryAfterMs } : {};
}

/** Exponential backoff with full jitter, at least what the server asked for. */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number, minDelayMs = 0): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.max(minDelayMs, Math.round(cap / 2 + (random() * cap) / 2));
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
