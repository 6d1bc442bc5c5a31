/**
 * Following a run: poll runs/get (all pages) until the run is done, the wait times out, or the
 * user interrupts. Every snapshot goes to `onSnapshot` (the views decide what to show). Sleeps go
 * through the injected clock, so tests drive the loop with a fake one and no real time passes.
 *
 * Polling starts at 1 s and slows down by half again while nothing changes, up to 5 s; any change
 * brings it back to 1 s. That keeps a short task's states visible and a long run cheap (a real
 * workspace rate-limits clients at about 15 requests per second). The embedded workspace is
 * followed four times as closely (250 ms to 1 s): there a poll costs next to nothing.
 */
import type { Int64 } from '../api/json.js';
import type { Run } from '../api/runs.js';
import type { Clock } from '../ports/io.js';
import type { WorkspaceClient } from '../remote/client.js';
import { isRunTerminal, latestTasks, stateLabel } from './run-state.js';

export interface FollowOptions {
  clock: Clock;
  /** Stop waiting after this many ms (the run goes on). */
  timeoutMs?: number;
  /** Aborted on Ctrl-C: the loop returns `interrupted` at once. */
  signal?: AbortSignal;
  /** Fetch the repair history too (repair follows need it to know their repair ended). */
  includeHistory?: boolean;
  /** When the wait is over; default: the run is terminal. */
  done?: (run: Run) => boolean;
  onSnapshot?: (run: Run, elapsedMs: number) => void;
  pollMs?: { initial: number; max: number };
}

export type FollowEnd = 'done' | 'timeout' | 'interrupted';

export interface FollowResult {
  end: FollowEnd;
  /** The last snapshot (undefined only when interrupted before the first answer). */
  run?: Run;
  elapsedMs: number;
}

export const DEFAULT_POLL = { initial: 1000, max: 5000 };
/** The embedded workspace answers in microseconds and has no rate limit: follow it closely. */
export const LOCAL_POLL = { initial: 250, max: 1000 };

export async function followRun(client: WorkspaceClient, runId: Int64, o: FollowOptions): Promise<FollowResult> {
  const started = o.clock.now().getTime();
  const elapsed = (): number => o.clock.now().getTime() - started;
  const done = o.done ?? isRunTerminal;
  const poll = o.pollMs ?? DEFAULT_POLL;
  let interval = poll.initial;
  let run: Run | undefined;
  let last = '';
  for (;;) {
    if (o.signal?.aborted) return { end: 'interrupted', run, elapsedMs: elapsed() };
    run = await client.runs.get(runId, o.includeHistory ? { include_history: true } : {});
    o.onSnapshot?.(run, elapsed());
    if (done(run)) return { end: 'done', run, elapsedMs: elapsed() };
    const fingerprint = fingerprintOf(run);
    interval = fingerprint === last ? Math.min(poll.max, Math.round(interval * 1.5)) : poll.initial;
    last = fingerprint;
    let wait = interval;
    if (o.timeoutMs !== undefined) {
      const left = o.timeoutMs - elapsed();
      if (left <= 0) return { end: 'timeout', run, elapsedMs: elapsed() };
      wait = Math.min(wait, left);
    }
    try {
      await o.clock.sleep(wait, o.signal);
    } catch (err) {
      if (!o.signal?.aborted) throw err;
    }
  }
}

/** The states that matter for "did anything change". */
function fingerprintOf(run: Run): string {
  return [stateLabel(run.state, run.status), ...latestTasks(run).map((t) => `${t.task_key}:${String(t.run_id)}:${stateLabel(t.state, t.status)}`)].join('|');
}
