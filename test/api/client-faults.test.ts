/**
 * The client under injected faults: it retries where that is safe, never where a repeat could
 * apply a change twice (counted as receipts on the server), honours Retry-After, and gives up
 * with a clear error when the budget runs out. The client's clock is fake, so backoff costs no
 * time and the waits it chose can be asserted.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Receipt } from '../../src/local/server/router.js';
import { bearerToken } from '../../src/remote/auth/credentials.js';
import { createWorkspaceClient } from '../../src/remote/client.js';
import type { ApiError} from '../../src/remote/errors.js';
import { NetworkError, RetriesExhaustedError } from '../../src/remote/errors.js';
import type { Transport } from '../../src/remote/transport.js';
import { inProcessTransport } from '../../src/local/transport.js';
import { startTestWorkspace, type Mode, type TestWorkspace } from '../helpers/local-workspace.js';

function fakeClock() {
  let t = 1_700_000_000_000;
  const sleeps: number[] = [];
  return { sleeps, now: () => new Date(t), sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)) };
}

let open: TestWorkspace | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

async function faulty(mode: Mode, faults: string, seed = 7) {
  const receipts: Receipt[] = [];
  const clock = fakeClock();
  open = await startTestWorkspace(mode, { faults, faultSeed: seed, onReceipt: (r) => receipts.push(r) }, { clock, retry: { baseDelayMs: 100, maxDelayMs: 2000 } });
  const count = (endpoint: string) => receipts.filter((r) => r.endpoint === endpoint).length;
  return { t: open, receipts, clock, count };
}

describe.each(['in-process', 'http'] as Mode[])('client under faults (%s)', (mode) => {
  it('retries reads through 503s and honours Retry-After on 429', async () => {
    const { t, count, clock } = await faulty(mode, 'jobs/list:503x2;scim/me:429x1,retry-after=3');
    await t.client.jobs.listPage();
    expect(count('jobs/list')).toBe(3);
    await t.client.currentUser.me();
    expect(count('scim/me')).toBe(2);
    expect(clock.sleeps.at(-1)).toBeGreaterThanOrEqual(3000);
  });

  it('retries jobs/create on 503 (rejected before any effect) and creates exactly one job', async () => {
    const { t, count } = await faulty(mode, 'jobs/create:503x2');
    await t.client.jobs.create({ name: 'once' });
    expect(count('jobs/create')).toBe(3);
    expect((await t.client.jobs.listPage({ name: 'once' })).jobs).toHaveLength(1);
  });

  it('never repeats jobs/create after the connection dropped mid-request', async () => {
    const { t, count } = await faulty(mode, 'jobs/create:drop-afterx1');
    const err = await t.client.jobs.create({ name: 'maybe' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).phase).toBe('reset');
    expect(count('jobs/create')).toBe(1);
    // The request had been applied: a blind retry would have made a duplicate.
    expect((await t.client.jobs.listPage({ name: 'maybe' })).jobs).toHaveLength(1);
  });

  it('does not retry jobs/create on a dropped connection or a 504 either', async () => {
    const { t, count } = await faulty(mode, 'jobs/create:dropx1,504x2');
    expect(await t.client.jobs.create({ name: 'a' }).catch((e: unknown) => e)).toBeInstanceOf(NetworkError);
    expect(((await t.client.jobs.create({ name: 'b' }).catch((e: unknown) => e)) as ApiError).status).toBe(504);
    expect(count('jobs/create')).toBe(2);
  });

  it('retries run-now after a drop with the same idempotency token: one run', async () => {
    const { t, count } = await faulty(mode, 'jobs/run-now:drop-afterx1');
    const { job_id } = await t.client.jobs.create({ name: 'rn', max_concurrent_runs: 10, tasks: [{ task_key: 'c', condition_task: { left: '1', op: 'EQUAL_TO', right: '1' } }] });
    await t.client.jobs.runNow({ job_id });
    expect(count('jobs/run-now')).toBe(2);
    const runs = [];
    for await (const r of t.client.runs.list({ job_id })) runs.push(r);
    expect(runs).toHaveLength(1);
  });

  it('treats a not-found on a retried delete as success', async () => {
    const { t, count } = await faulty(mode, 'jobs/delete:drop-afterx1');
    const { job_id } = await t.client.jobs.create({ name: 'del' });
    await t.client.jobs.delete(job_id);
    expect(count('jobs/delete')).toBe(2);
  });

  it('survives random drops and 429s on reads (seeded)', async () => {
    const { t, receipts } = await faulty(mode, 'jobs/get:drop@0.3;jobs/get:429@0.3,retry-after=0', 42);
    const { job_id } = await t.client.jobs.create({ name: 'flaky' });
    for (let i = 0; i < 20; i++) expect((await t.client.jobs.get(job_id)).settings?.name).toBe('flaky');
    expect(receipts.filter((r) => r.fault).length).toBeGreaterThan(0);
  });

  it('gives up after the attempt budget with a clear error', async () => {
    const { t, count } = await faulty(mode, 'jobs/get:503');
    const err = await t.client.jobs.get(1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetriesExhaustedError);
    expect((err as RetriesExhaustedError).attempts).toBe(8);
    expect((err as Error).message).toMatch(/^gave up after 8 attempts over \d+\.\ds: GET \/api\/2\.2\/jobs\/get: 503 TEMPORARILY_UNAVAILABLE/);
    expect(count('jobs/get')).toBe(8);
  });
});

it('retries jobs/create when the connection is refused, then gives up within the time budget', async () => {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const clock = fakeClock();
  const client = createWorkspaceClient({
    host: `http://127.0.0.1:${port}`, credentials: bearerToken('tok-abcdefgh', 'test'), clock, random: () => 0.5,
    retry: { maxAttempts: 100, budgetMs: 10_000, baseDelayMs: 500, maxDelayMs: 4000 },
  });
  const err = await client.jobs.create({ name: 'x' }).catch((e: unknown) => e);
  await client.close();
  expect(err).toBeInstanceOf(RetriesExhaustedError);
  const last = (err as RetriesExhaustedError).last;
  expect(last).toBeInstanceOf(NetworkError);
  expect((last as NetworkError).phase).toBe('connect');
  expect((err as RetriesExhaustedError).attempts).toBeGreaterThan(2);
  expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10_000);
});

it('keeps at most `concurrency` requests in flight', async () => {
  let inFlight = 0;
  let peak = 0;
  const transport: Transport = {
    async send() {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return { status: 200, headers: {}, body: Buffer.from('{"job_id":1}') };
    },
    close: async () => undefined,
  };
  const client = createWorkspaceClient({ host: 'https://x.test', credentials: bearerToken('tok-abcdefgh', 'test'), clock: fakeClock(), transport, concurrency: 3 });
  await Promise.all(Array.from({ length: 20 }, () => client.jobs.getPage(1)));
  expect(peak).toBe(3);
});

it('fetches a fresh OAuth token once after a 401, then succeeds', async () => {
  const t = await startTestWorkspace('in-process');
  let issued = 0;
  let invalidated = 0;
  const credentials = {
    source: 'OAuth M2M client x',
    authorization: async () => `Bearer ${issued++ === 0 ? 'expired-token-xyz' : t.ws.token}`,
    secrets: () => ['expired-token-xyz', t.ws.token],
    invalidate: () => void invalidated++,
  };
  // A wrong token is 403 on this server; emulate an expired one (401) with a header the router rejects.
  const client = createWorkspaceClient({
    host: t.ws.url, credentials, clock: fakeClock(),
    transport: {
      send: async (req) => {
        const res = await inProcessTransport(t.ws.router).send(req);
        return res.status === 403 ? { ...res, status: 401 } : res;
      },
      close: async () => undefined,
    },
  });
  expect((await client.currentUser.me()).userName).toBe('local-user@jobs.local');
  expect(invalidated).toBe(1);
  await t.close();
});

it('retries a read that timed out, but not a create (it may have been applied)', async () => {
  const receipts: Receipt[] = [];
  const t = await startTestWorkspace('http', { faults: 'jobs/list:latency=700ms;jobs/create:latency=700ms', onReceipt: (r) => receipts.push(r) }, { timeoutMs: 250, clock: fakeClock(), retry: { maxAttempts: 3 } });
  open = t;
  const err = await t.client.jobs.create({ name: 'slow' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(NetworkError);
  expect((err as NetworkError).phase).toBe('timeout');
  expect(receipts.filter((r) => r.endpoint === 'jobs/create')).toHaveLength(1);
  const read = await t.client.jobs.listPage().catch((e: unknown) => e);
  expect(read).toBeInstanceOf(RetriesExhaustedError);
  expect(((read as RetriesExhaustedError).last as NetworkError).phase).toBe('timeout');
  expect(receipts.filter((r) => r.endpoint === 'jobs/list')).toHaveLength(3);
});
