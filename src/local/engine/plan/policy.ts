/**
 * The execution policy decisions, as data in and data out: whether a failed attempt is retried
 * and when (job-settings.md §2.1), what a for-each task iterates over, and how a condition
 * evaluates once its operands are resolved. Pure.
 */
import type { Task } from '../../../api/jobs.js';
import { compareOperands } from '../../runs/condition.js';

export type AttemptResult = 'SUCCESS' | 'FAILED' | 'TIMEDOUT' | 'CANCELED';

/**
 * Milliseconds to wait before the next attempt, or undefined when there is none. `attempt` is
 * the attempt that just ended (0 first); `startedAt`/`now` give the gap the interval counts from
 * (it runs from the start of the failed attempt, not its end).
 */
export function retryDelay(task: Task, attempt: number, result: AttemptResult, startedAt: number, now: number): number | undefined {
  if (result === 'SUCCESS' || result === 'CANCELED') return undefined;
  if (result === 'TIMEDOUT' && !task.retry_on_timeout) return undefined;
  // Condition tasks never retry; -1 retries forever.
  if (task.condition_task) return undefined;
  const max = task.max_retries ?? 0;
  if (max !== -1 && attempt >= max) return undefined;
  return Math.max(0, startedAt + (task.min_retry_interval_millis ?? 0) - now);
}

/** Limits for for-each tasks: the docs give none, so ours are explicit (and configurable). */
export interface ForEachLimits {
  maxInputs: number;
  maxConcurrency: number;
}

export const DEFAULT_FOR_EACH_LIMITS: ForEachLimits = { maxInputs: 5000, maxConcurrency: 100 };

/** The iterations' inputs (each as JSON text) from the resolved `inputs` string. */
export function parseForEachInputs(text: string, limits: ForEachLimits = DEFAULT_FOR_EACH_LIMITS): { inputs: string[] } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: `for_each_task.inputs must be a JSON array, got ${JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text)}` };
  }
  if (!Array.isArray(value)) return { error: `for_each_task.inputs must be a JSON array, got ${typeof value === 'object' ? 'an object' : typeof value}` };
  if (value.length > limits.maxInputs) return { error: `for_each_task.inputs has ${value.length} elements; the local workspace runs at most ${limits.maxInputs}` };
  return { inputs: value.map((v) => JSON.stringify(v)) };
}

export function forEachConcurrency(task: Task, limits: ForEachLimits = DEFAULT_FOR_EACH_LIMITS): number {
  const c = task.for_each_task?.concurrency ?? 1;
  return Math.max(1, Math.min(Math.floor(c), limits.maxConcurrency));
}

/** A condition with resolved operands. */
export function decideCondition(left: string, op: string, right: string): { outcome: 'true' | 'false' } | { error: string } {
  return compareOperands({ left, op: op as never, right });
}
