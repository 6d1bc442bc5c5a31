/**
 * A clock for follow loops: `sleep(ms)` moves time forward at once and then runs `onSleep`
 * (tests use it to let a scripted engine take one step), so a run that "takes" minutes is
 * followed in milliseconds and every duration in the output is exact.
 */
import type { Clock } from '../../src/ports/io.js';

export interface FakeClock extends Clock {
  /** Called after each sleep, with time already advanced. */
  onSleep?: (ms: number) => Promise<void> | void;
  advance(ms: number): void;
  /** Total ms slept so far. */
  slept: number;
}

export function fakeClock(start = new Date('2026-11-21T10:00:00Z')): FakeClock {
  let t = start.getTime();
  const clock: FakeClock = {
    slept: 0,
    now: () => new Date(t),
    advance(ms) {
      t += ms;
    },
    async sleep(ms, signal) {
      if (signal?.aborted) throw abortError();
      t += ms;
      clock.slept += ms;
      await clock.onSleep?.(ms);
      // Let other promise chains (request handlers, engine reports) settle before waking.
      await new Promise((r) => setImmediate(r));
      if (signal?.aborted) throw abortError();
    },
  };
  return clock;
}

function abortError(): Error {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  return err;
}
