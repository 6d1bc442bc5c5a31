/**
 * Builds the default engine of an embedded workspace: the node ports, the Python runtime
 * (interpreter, runtime directory, secrets, SQLite database) and the view of the workspace's
 * files and jobs, all from the store of the workspace it serves.
 *
 * Data-dir layout the engine adds (see docs/local-engine.md):
 *   engine/workspace/       the local mirror of the workspace files tasks run from (persists)
 *   engine/runs/<run id>-<n>/ task descriptions, logs and results of an active execution
 *   engine/pycache/         Python bytecode caches, kept out of the copied sources
 *   sql/local.sqlite        the SQLite database SQL cells run against
 *   secrets.json            {"scope": {"key": "value"}} for dbutils.secrets
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunControl, RunEvent } from '../runs/executor.js';
import type { Store } from '../store/store.js';
import { LocalEngine } from './engine.js';
import type { ForEachLimits } from './plan/policy.js';
import { nodeEngineClock, nodeEngineFs, nodeEnv, nodeHttpPort, nodeProcessPort } from '../../ports/engine-node.js';
import type { EngineClock, EngineFs, HttpPort, ProcessPort } from '../../ports/engine.js';
import { Notifier } from './notify/deliver.js';
import type { PythonRuntime } from './run/process-attempt.js';
import { pythonRuntimeDir } from './runtime-dir.js';

export interface EngineOptions {
  /** Task processes at once (default: the machine's available parallelism). */
  maxParallel?: number;
  /** The Python interpreter (default: `JOBS_LOCAL_PYTHON`, else `python3`). */
  python?: string;
  /** Environment the task processes inherit (default: this process's). */
  env?: Readonly<Record<string, string | undefined>>;
  keepWorkDirs?: boolean;
  forEachLimits?: ForEachLimits;
  processes?: ProcessPort;
  fs?: EngineFs;
  clock?: EngineClock;
  http?: HttpPort;
  onRunEvent?: (event: RunEvent, control: RunControl) => void;
}

export interface EngineContext {
  store: Store;
  dataDir?: string;
  workspaceId: string;
  url(): string;
  warn(message: string): void;
}

export interface CreatedEngine {
  engine: LocalEngine;
  /** Stops the engine and removes a temporary work root. */
  close(): Promise<void>;
}

export async function createEngine(ctx: EngineContext, options: EngineOptions = {}): Promise<CreatedEngine> {
  const fs = options.fs ?? nodeEngineFs();
  const processes = options.processes ?? nodeProcessPort();
  const temporary = ctx.dataDir === undefined ? await mkdtemp(join(tmpdir(), 'jobs-local-engine-')) : undefined;
  const workRoot = temporary ?? join(ctx.dataDir as string, 'engine');
  const env = Object.fromEntries(Object.entries(options.env ?? nodeEnv()).filter((e): e is [string, string] => e[1] !== undefined));
  const runtime = pythonRuntime({ fs, processes, env, workRoot, dataDir: ctx.dataDir, python: options.python ?? env.JOBS_LOCAL_PYTHON ?? 'python3' });
  await fs.mkdir(join(workRoot, 'runs'));
  if (ctx.dataDir) await fs.mkdir(join(ctx.dataDir, 'sql'));
  const state = ctx.store.state;
  const clock = options.clock ?? nodeEngineClock();
  const notifier = new Notifier({ fs, http: options.http ?? nodeHttpPort(), clock, ...(ctx.dataDir ? { dir: ctx.dataDir } : {}), warn: ctx.warn });
  const engine = new LocalEngine({
    workspace: {
      get: (path) => state.ws.get(path),
      below: (dir) => {
        const prefix = dir === '/' ? '/' : `${dir}/`;
        return [...state.ws].filter(([p]) => p.startsWith(prefix) && p !== dir);
      },
      readBlob: (sha) => ctx.store.readBlob(sha),
      job: (id) => state.jobs.get(String(id)),
      id: ctx.workspaceId,
      url: ctx.url,
    },
    workRoot, runtime, processes, fs, clock, notifier,
    maxParallel: options.maxParallel ?? Number(env.JOBS_LOCAL_MAX_PARALLEL ?? availableParallelism()),
    ...(options.keepWorkDirs ?? env.JOBS_LOCAL_KEEP_WORK === '1' ? { keepWorkDirs: true } : {}),
    ...(options.forEachLimits ? { forEachLimits: options.forEachLimits } : {}),
    ...(options.onRunEvent ? { onRunEvent: options.onRunEvent } : {}),
    warn: ctx.warn,
  });
  return {
    engine,
    async close() {
      await engine.close();
      await processes.close?.();
      if (temporary) await rm(temporary, { recursive: true, force: true });
    },
  };
}

interface RuntimeInput {
  fs: EngineFs;
  processes: ProcessPort;
  env: Record<string, string>;
  workRoot: string;
  dataDir?: string;
  python: string;
}

function pythonRuntime(i: RuntimeInput): PythonRuntime {
  let interpreter: Promise<string> | undefined;
  const secretsFile = i.dataDir ? join(i.dataDir, 'secrets.json') : undefined;
  return {
    // Version managers put a shell shim first on PATH (pyenv's costs ~80 ms per start); ask the
    // interpreter once for its real path and start that.
    python: () => (interpreter ??= realInterpreter(i.python, i.processes, i.env)),
    runtimeDir: pythonRuntimeDir,
    pycacheDir: join(i.workRoot, 'pycache'),
    baseEnv: i.env,
    ...(secretsFile ? { secretsFile } : {}),
    sqlDatabase: i.dataDir ? join(i.dataDir, 'sql', 'local.sqlite') : join(i.workRoot, 'local.sqlite'),
    async secretValues() {
      const raw = secretsFile ? await i.fs.readFile(secretsFile) : undefined;
      if (!raw) return [];
      try {
        const scopes = JSON.parse(raw.toString('utf8')) as Record<string, Record<string, unknown>>;
        return Object.values(scopes).flatMap((s) => Object.values(s ?? {})).filter((v): v is string => typeof v === 'string');
      } catch {
        return [];
      }
    },
  };
}

async function realInterpreter(command: string, processes: ProcessPort, env: Record<string, string>): Promise<string> {
  const r = await processes.capture(command, ['-c', 'import sys; print(sys.executable)'], env);
  const path = r.stdout.trim();
  return r.code === 0 && path ? path : command;
}
