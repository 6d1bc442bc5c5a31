/**
 * Engine benchmark: a 1,000-task DAG of trivial Python tasks (20 layers of 50; each task after
 * two of the layer before), run by the embedded workspace's engine through run-now, against the
 * floor: a small process spawning the very same 1,000 processes (`python3 -m jobs_local_runtime`
 * on the same script, same interpreter, same environment, output to a log file each) with the
 * same parallelism and no scheduling at all (floor.mjs).
 * Floor and engine alternate, median of the rounds. The difference, per task, is the engine's
 * scheduling overhead: API, run model, journal, reference resolution, file copies, reports.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Int64 } from '../../src/api/json.js';
import type { Task } from '../../src/api/jobs.js';
import { pythonRuntimeDir } from '../../src/local/engine/runtime-dir.js';
import { isTerminal } from '../../src/local/runs/model.js';
import { startLocalWorkspace } from '../../src/local/start.js';
import { inProcessTransport } from '../../src/local/transport.js';
import { bearerToken } from '../../src/remote/auth/credentials.js';
import { createWorkspaceClient } from '../../src/remote/client.js';
import type { ProcessPort } from '../../src/ports/engine.js';

const LAYERS = Number(process.env.BENCH_LAYERS ?? 20);
const WIDTH = Number(process.env.BENCH_WIDTH ?? 50);
const N = LAYERS * WIDTH;
const P = Number(process.env.BENCH_PARALLEL ?? availableParallelism());
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROOT = '/Users/bench@local/.bundle/bench/files';

function dag(): Task[] {
  const tasks: Task[] = [];
  for (let l = 0; l < LAYERS; l++)
    for (let i = 0; i < WIDTH; i++) {
      const deps = l === 0 ? [] : [i, (i + 1) % WIDTH].map((j) => ({ task_key: `t${l - 1}_${j}` }));
      tasks.push({ task_key: `t${l}_${i}`, environment_key: 'e', spark_python_task: { python_file: `${ROOT}/pass.py`, parameters: ['{{task.name}}'] }, ...(deps.length ? { depends_on: deps } : {}) });
    }
  return tasks;
}

async function realPython(): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    const p = spawn(process.env.JOBS_LOCAL_PYTHON ?? 'python3', ['-c', 'import sys; print(sys.executable)']);
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.on('close', () => resolve(out.trim()));
  });
}

/** The floor (floor.mjs, its own small process): the same processes, P at a time, nothing else. */
async function floor(python: string, dir: string): Promise<number> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'floor.mjs');
  return new Promise((resolve, reject) => {
    let out = '';
    const p = spawn(process.execPath, [script, python, dir, pythonRuntimeDir(), String(N), String(P)], { stdio: ['ignore', 'pipe', 'inherit'] });
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.on('close', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`floor exited ${String(code)}`))));
  });
}

/** Processes that end at once: what is left is the engine's own cost. */
const instant: ProcessPort = {
  spawn: () => ({ started: Promise.resolve(1), exited: new Promise((r) => setImmediate(() => r({ code: 0, signal: null }))), kill: () => undefined }),
  killGroup: () => undefined,
  capture: async () => ({ code: 0, stdout: 'python3' }),
};

/** The engine: deploy, create the job, run-now, wait until the run is terminal. */
async function ours(dir: string, processes?: ProcessPort): Promise<{ wall: number; cpuMs: number; result: string; utilisation: number }> {
  const ws = await startLocalWorkspace({ dataDir: dir, noListen: true, token: 'bench-token-123', engine: { maxParallel: P, ...(processes ? { processes } : {}) } });
  const client = createWorkspaceClient({ host: ws.url, credentials: bearerToken(ws.token, 'bench'), transport: inProcessTransport(ws.router), clock: { now: () => new Date(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) } });
  await client.workspace.mkdirs(ROOT);
  await client.workspace.importFile(`${ROOT}/pass.py`, '');
  const { job_id } = await client.jobs.create({ name: 'bench', environments: [{ environment_key: 'e', spec: { environment_version: '2' } }], tasks: dag() });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { run_id } = await client.jobs.runNow({ job_id });
  let run = ws.control.readRun(run_id as Int64);
  while (run && !isTerminal(run.state)) {
    await new Promise((r) => setTimeout(r, 5));
    run = ws.control.readRun(run_id as Int64);
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const result = run?.state.result_state ?? 'missing';
  // How busy the engine kept its P slots: task time (RUNNING to terminal, as runs/get shows it)
  // over the run's span times P. Unlike the wall ratio, it does not move with the machine's load.
  const tasks = run?.tasks ?? [];
  const busy = tasks.reduce((a, t) => a + ((t.end_time ?? 0) - (t.start_time ?? 0)), 0);
  const span = Math.max(...tasks.map((t) => t.end_time ?? 0)) - Math.min(...tasks.map((t) => t.start_time ?? Infinity));
  await client.close();
  await ws.close();
  return { wall, cpuMs: (cpu.user + cpu.system) / 1000, result, utilisation: busy / (span * P) };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const python = await realPython();
console.log(`node ${process.version}, ${N} tasks (${LAYERS} layers x ${WIDTH}), parallelism ${P}, ${ROUNDS} rounds, python ${python}`);
const floors: number[] = [];
const engine: number[] = [];
const cpus: number[] = [];
const ratios: number[] = [];
const utilisations: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const d1 = await mkdtemp(join(tmpdir(), 'bench-engine-floor-'));
  floors.push(await floor(python, d1));
  await rm(d1, { recursive: true, force: true });
  const d2 = await mkdtemp(join(tmpdir(), 'bench-engine-ours-'));
  const o = await ours(d2);
  await rm(d2, { recursive: true, force: true });
  if (o.result !== 'SUCCESS') throw new Error(`the benchmark run ended ${o.result}`);
  engine.push(o.wall);
  cpus.push(o.cpuMs);
  ratios.push(o.wall / (floors[r] as number));
  utilisations.push(o.utilisation);
  console.log(`round ${r + 1}: floor ${floors[r]?.toFixed(0)} ms, engine ${o.wall.toFixed(0)} ms, ratio ${(ratios[r] as number).toFixed(2)}; slots busy ${(o.utilisation * 100).toFixed(1)}%; engine process CPU ${o.cpuMs.toFixed(0)} ms`);
}
if (ROUNDS > 0) {
  const f = median(floors);
  const e = median(engine);
  console.log(`floor ${f.toFixed(0)} ms (${(f / N).toFixed(1)} ms/task); engine ${e.toFixed(0)} ms (${(e / N).toFixed(1)} ms/task); median per-round ratio ${median(ratios).toFixed(2)} (goal < 1.2); slots busy ${(median(utilisations) * 100).toFixed(1)}%`);
  console.log(`scheduling overhead ${((e - f) / N).toFixed(2)} ms/task wall; engine process CPU ${(median(cpus) / N).toFixed(2)} ms/task`);
}

// The engine alone: the same run with processes that end at once.
const d3 = await mkdtemp(join(tmpdir(), 'bench-engine-instant-'));
const alone = await ours(d3, instant);
await rm(d3, { recursive: true, force: true });
console.log(`engine alone (tasks that end at once): ${alone.wall.toFixed(0)} ms for ${N} tasks, ${(alone.wall / N).toFixed(2)} ms/task wall, ${(alone.cpuMs / N).toFixed(2)} ms/task CPU`);
