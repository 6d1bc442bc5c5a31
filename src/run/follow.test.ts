import { describe, expect, it } from 'vitest';
import type { Run } from '../api/runs.js';
import type { WorkspaceClient } from '../remote/client.js';
import { followRun } from './follow.js';

/** A client whose runs/get returns the next snapshot of a script (the last one repeats). */
function scriptedClient(snapshots: Run['state'][]): { client: WorkspaceClient; calls: number } {
  const box = { calls: 0, client: undefined as unknown as WorkspaceClient };
  box.client = {
    runs: {
      get: async () => {
        const state = snapshots[Math.min(box.calls, snapshots.length - 1)];
        box.calls++;
        return { run_id: 1, state } as Run;
      },
    },
  } as unknown as WorkspaceClient;
  return box;
}

function clock() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(t),
    sleep: async (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) throw new Error('aborted');
      sleeps.push(ms);
      t += ms;
    },
  };
}

const running = { life_cycle_state: 'RUNNING' as const };
const done = { life_cycle_state: 'TERMINATED' as const, result_state: 'SUCCESS' as const };

describe('followRun', () => {
  it('polls until the run is terminal, slowing down while nothing changes', async () => {
    const c = clock();
    const box = scriptedClient([{ life_cycle_state: 'PENDING' }, running, running, running, running, done]);
    const seen: string[] = [];
    const r = await followRun(box.client, 1, { clock: c, onSnapshot: (run) => seen.push(run.state!.life_cycle_state) });
    expect(r.end).toBe('done');
    expect(seen).toEqual(['PENDING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'TERMINATED']);
    expect(c.sleeps).toEqual([1000, 1000, 1500, 2250, 3375]);
  });
  it('stops at the timeout without sleeping past it', async () => {
    const c = clock();
    const r = await followRun(scriptedClient([running]).client, 1, { clock: c, timeoutMs: 4000 });
    expect(r).toMatchObject({ end: 'timeout', elapsedMs: 4000 });
    expect(c.sleeps.reduce((a, b) => a + b, 0)).toBe(4000);
  });
  it('returns at once when interrupted', async () => {
    const c = clock();
    const ac = new AbortController();
    const box = scriptedClient([running]);
    const r = await followRun(box.client, 1, { clock: c, signal: ac.signal, onSnapshot: () => box.calls === 3 && ac.abort() });
    expect(r.end).toBe('interrupted');
    expect(box.calls).toBe(3);
  });
  it('waits for its own condition (a repair) even when the run looks terminal', async () => {
    const box = scriptedClient([done, done, running, done]);
    let polls = 0;
    const r = await followRun(box.client, 1, { clock: clock(), done: (run) => ++polls >= 4 && run.state?.life_cycle_state === 'TERMINATED' });
    expect(r.end).toBe('done');
    expect(box.calls).toBe(4);
  });
});
