// Deploy benchmark: `npm run build && node bench/deploy/run.mjs [jobs]` (default 500).
//
// An embedded workspace (`jobs local serve`, its own process) answers every request 50 ms late
// (`*:latency=50ms`). We time, as medians of fresh `jobs deploy` processes:
// - the first deploy of the bundle into an empty workspace, and
// - a no-op deploy (nothing changed; every job is read back with jobs/get and compared),
// count their requests (the server's request log) and writes, and compare each with its floor
// measured in the same run: the same number of requests at the same concurrency, from a fresh
// process that does nothing else (floor.mjs), and the pure network bound requests × 50 ms / 10.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { generateDeployBundle } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, '..', '..', 'bin', 'jobs.js');
const JOBS = Number(process.argv[2] ?? 500);
const LATENCY_MS = 50;
const CONCURRENCY = 10;
const TOKEN = 'bench-deploy-token';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-deploy-ws-'));
  const child = spawn(process.execPath, [bin, '--debug', 'local', 'serve', '--port', '0', '--data-dir', dataDir, '--token', TOKEN, '--user', 'bench@databricks.com', '--faults', `*:latency=${LATENCY_MS}ms`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let log = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (log += c));
  const url = await new Promise((r) => {
    const check = () => (/listening on (http:\/\/\S+)/.test(out) ? r(/listening on (http:\/\/\S+)/.exec(out)[1]) : setTimeout(check, 10));
    check();
  });
  return {
    url,
    /** Request lines logged since the last call. */
    requests: (() => {
      let at = 0;
      return () => {
        const lines = log.slice(at).split('\n').filter((l) => /^debug: (GET|POST|PUT|PATCH|DELETE) /.test(l));
        at = log.length;
        return lines;
      };
    })(),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('close', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function timed(args, env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env: { ...process.env, NO_COLOR: '1', CI: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

async function settle(server) {
  // The request log is written asynchronously: wait for it to catch up.
  await new Promise((r) => setTimeout(r, 300));
  return server.requests();
}

const source = mkdtempSync(join(tmpdir(), 'bench-deploy-bundle-'));
generateDeployBundle(source, JOBS);
const first = { wall: [], requests: [], writes: [], floor: [] };
const noop = { wall: [], requests: [], writes: [], floor: [] };
for (let round = 0; round < 3; round++) {
  const server = await startServer();
  const dir = mkdtempSync(join(tmpdir(), 'bench-deploy-run-'));
  cpSync(source, dir, { recursive: true });
  const env = { DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: TOKEN };
  await settle(server);
  first.wall.push(timed([bin, 'deploy', '-C', dir], env));
  const firstReq = await settle(server);
  first.requests.push(firstReq.length);
  first.writes.push(firstReq.filter((l) => !l.startsWith('debug: GET')).length);
  for (let i = 0; i < (round === 0 ? 3 : 2); i++) {
    noop.wall.push(timed([bin, 'deploy', '-C', dir], env));
    const req = await settle(server);
    noop.requests.push(req.length);
    noop.writes.push(req.filter((l) => !l.startsWith('debug: GET')).length);
  }
  // Floors, in the same run against the same server: the same request counts, nothing else.
  first.floor.push(timed([join(here, 'floor.mjs'), server.url, TOKEN, String(median(first.requests)), String(CONCURRENCY)], {}));
  noop.floor.push(timed([join(here, 'floor.mjs'), server.url, TOKEN, String(median(noop.requests)), String(CONCURRENCY)], {}));
  await settle(server);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
rmSync(source, { recursive: true, force: true });

console.log(`node ${process.version}, ${process.platform}/${process.arch}; ${JOBS} jobs, ${LATENCY_MS} ms latency, concurrency ${CONCURRENCY}`);
for (const [name, m] of [['first deploy', first], ['no-op deploy', noop]]) {
  const requests = median(m.requests);
  const bound = (requests * LATENCY_MS) / CONCURRENCY;
  const wall = median(m.wall);
  const floor = median(m.floor);
  console.log(`${name}: ${wall.toFixed(0)} ms, ${requests} requests (${median(m.writes)} writes); ` +
    `floor (fresh process, same requests) ${floor.toFixed(0)} ms, ratio ${(wall / floor).toFixed(2)}; ` +
    `network bound requests x ${LATENCY_MS} ms / ${CONCURRENCY} = ${bound.toFixed(0)} ms, ratio ${(wall / bound).toFixed(2)}`);
}
