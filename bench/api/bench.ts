/**
 * Benchmarks of the API layer (not tests; no assertions):
 *  1. requests per second the embedded workspace serves for jobs/get and jobs/list (and durable
 *     jobs/create), driven by raw undici from this process against a server in a child process;
 *  2. the client's overhead per call: our `client.jobs.getPage` against a raw undici request
 *     to the same server (the floor), one call at a time, measured in the same run;
 *  3. the router alone (no HTTP), in-process.
 * Run with `node bench/api/run.mjs` (bundles this file with esbuild first).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { startLocalWorkspace } from '../../src/local/start.js';
import { bearerToken } from '../../src/remote/auth/credentials.js';
import { createWorkspaceClient } from '../../src/remote/client.js';
import { inProcessTransport } from '../../src/local/transport.js';

const TOKEN = 'bench-token-0123456789';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = 3;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function serve(dir: string): Promise<void> {
  const ws = await startLocalWorkspace({ dataDir: dir, token: TOKEN, port: 0 });
  process.send?.({ url: ws.url });
  process.on('message', () => void ws.close().then(() => process.exit(0)));
}

function startServer(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(process.argv[1] as string, ['--serve', dir], { stdio: 'inherit' });
  return new Promise((resolve) => child.once('message', (m: { url: string }) => resolve({ child, url: m.url })));
}

/** Median over ROUNDS of completed calls per second (the machine is shared: medians, not means). */
async function throughput(call: () => Promise<void>, concurrency: number): Promise<number> {
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) rates.push(await throughputOnce(call, concurrency));
  return median(rates);
}

async function throughputOnce(call: () => Promise<void>, concurrency: number): Promise<number> {
  const warmEnd = performance.now() + 500;
  while (performance.now() < warmEnd) await call();
  let done = 0;
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      await call();
      done++;
    }
  }));
  return done / SECONDS;
}

/** Mean µs per call, one at a time. */
async function latency(call: () => Promise<void>, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await call();
  return ((performance.now() - t0) * 1000) / n;
}

/** Floor and candidate measured in alternating rounds, so load from other processes hits both alike. */
async function paired(floor: () => Promise<void>, ours: () => Promise<void>): Promise<{ floor: number; ours: number }> {
  for (let i = 0; i < 300; i++) {
    await floor();
    await ours();
  }
  const f: number[] = [];
  const o: number[] = [];
  for (let r = 0; r < 9; r++) {
    f.push(await latency(floor, 400));
    o.push(await latency(ours, 400));
  }
  return { floor: median(f), ours: median(o) };
}

const task = (i: number) => ({ task_key: `t${i}`, notebook_task: { notebook_path: `/Shared/nb${i}` }, depends_on: i > 0 ? [{ task_key: `t${i - 1}` }] : undefined });

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-api-'));
  const { child, url } = await startServer(dir);
  const clock = { now: () => new Date(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
  const client = createWorkspaceClient({ host: url, credentials: bearerToken(TOKEN, 'bench'), clock, concurrency: 16 });
  let jobId: number | bigint = 0;
  for (let j = 0; j < 200; j++) jobId = (await client.jobs.create({ name: `bench-${j}`, tasks: Array.from({ length: 10 }, (_, i) => task(i)) })).job_id;
  const pool = new Pool(url, { connections: 16 });
  const headers = { authorization: `Bearer ${TOKEN}` };
  const raw = async (path: string): Promise<void> => {
    const res = await pool.request({ method: 'GET', path, headers });
    JSON.parse(await res.body.text());
  };
  const getPath = `/api/2.2/jobs/get?job_id=${String(jobId)}`;
  const results: Record<string, string> = {};
  results['jobs/get rps (16 in flight, raw undici)'] = (await throughput(() => raw(getPath), 16)).toFixed(0);
  results['jobs/list limit=20 rps'] = (await throughput(() => raw('/api/2.2/jobs/list?limit=20'), 16)).toFixed(0);
  results['jobs/list limit=100 expand_tasks rps'] = (await throughput(() => raw('/api/2.2/jobs/list?limit=100&expand_tasks=true'), 16)).toFixed(0);
  let n = 0;
  results['jobs/create rps (fsync per write)'] = (await throughput(async () => void (await client.jobs.create({ name: `c${n++}` })), 16)).toFixed(0);
  results['jobs/get rps through our client'] = (await throughput(async () => void (await client.jobs.getPage(jobId)), 16)).toFixed(0);
  const { floor, ours } = await paired(() => raw(getPath), async () => void (await client.jobs.getPage(jobId)));
  results['jobs/get µs/call floor (raw undici, 1 in flight)'] = floor.toFixed(0);
  results['jobs/get µs/call our client (1 in flight)'] = ours.toFixed(0);
  results['client overhead µs/call'] = (ours - floor).toFixed(0);
  results['client/floor ratio'] = (ours / floor).toFixed(2);
  await client.close();
  await pool.close();
  child.send('stop');
  await new Promise((r) => child.once('exit', r));

  const local = await startLocalWorkspace({ token: TOKEN, noListen: true });
  const inproc = createWorkspaceClient({ host: local.url, credentials: bearerToken(TOKEN, 'bench'), clock, transport: inProcessTransport(local.router) });
  const { job_id } = await inproc.jobs.create({ name: 'x', tasks: Array.from({ length: 10 }, (_, i) => task(i)) });
  results['jobs/get calls/s in-process (router, no HTTP)'] = (await throughput(async () => void (await inproc.jobs.getPage(job_id)), 1)).toFixed(0);

  // Client CPU alone: a transport that answers instantly, against JSON.parse of the same body.
  const body = (await local.router.handle({ method: 'GET', url: `/api/2.2/jobs/get?job_id=${String(job_id)}`, headers, body: Buffer.alloc(0) })).body;
  const instant = createWorkspaceClient({ host: 'https://bench.invalid', credentials: bearerToken(TOKEN, 'bench'), clock, transport: { send: async () => ({ status: 200, headers: {}, body }), close: async () => undefined } });
  const cpu = await paired(async () => void JSON.parse(body.toString('utf8')), async () => void (await instant.jobs.getPage(1)));
  results['client CPU µs/call, instant transport'] = cpu.ours.toFixed(1);
  results['JSON.parse µs/call of the same body (floor)'] = cpu.floor.toFixed(1);
  await local.close();
  await rm(dir, { recursive: true, force: true });
  console.log(`node ${process.version}, ${process.platform}/${process.arch}; rps = median of ${ROUNDS} runs of ${SECONDS}s; latency = median of 9 alternating rounds`);
  for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(52)} ${v}`);
}

if (process.argv[2] === '--serve') void serve(process.argv[3] as string);
else await main();
