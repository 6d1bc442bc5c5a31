/**
 * `startLocalWorkspace`: the embedded workspace as a library call. Opens (and locks) the data
 * directory, replays the store, resolves the access token, builds the router and listens on
 * loopback. `jobs local serve` and the `workspace.host: local` targets both use it.
 *
 * @example
 *   const ws = await startLocalWorkspace({ dataDir: '.databricks/local', port: 0 });
 *   // DATABRICKS_HOST=ws.url DATABRICKS_TOKEN=ws.token …
 *   await ws.close();
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { nodeHostProcess, type HostProcess } from '../ports/host-process.js';
import { parseFaults } from './faults.js';
import type { JobSettingsValidator } from './jobs/validate.js';
import type { RunControl, RunExecutor } from './runs/executor.js';
import { MAX_ID_BASE, type WorkspaceContext } from './server/context.js';
import { listen } from './server/http-server.js';
import { createRouter, type Receipt, type Router } from './server/router.js';
import { createRunControl } from './server/run-control.js';
import { orphanedTasks } from './server/runs-actions.js';
import { mkdirOps } from './server/workspace-handlers.js';
import { isErrno, writeFileAtomic } from './store/files.js';
import { acquireDirLock } from './store/lock.js';
import { Store } from './store/store.js';
import { createEngine, type CreatedEngine, type EngineOptions } from './engine/create.js';
import type { LocalEngine } from './engine/engine.js';
import { TriggerService } from './triggers/service.js';
import { nodeEngineClock, nodeEngineFs } from '../ports/engine-node.js';
import type { EngineClock } from '../ports/engine.js';

export interface TriggerSettings {
  clock?: EngineClock;
  tickMs?: number;
  filePollMs?: number;
}

export interface LocalWorkspaceOptions {
  /** Where jobs, runs and files persist; omit for a memory-only workspace. */
  dataDir?: string;
  /** The bearer token clients must send; else `<dataDir>/token` (created 0600 when missing). */
  token?: string;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Listen on a non-loopback address. Off by default: this server runs code on request. */
  allowRemote?: boolean;
  /** Do not listen at all: use `router` in-process. */
  noListen?: boolean;
  userName?: string;
  workspaceId?: string;
  /** Ids are `idBase + n`. Default 0 (small readable ids); use > 2^53 to test int64 paths. */
  idBase?: bigint | number | string;
  validateJobSettings?: JobSettingsValidator;
  /**
   * Who runs tasks. Default: the local engine (engine/), which really runs them on this
   * machine. `false`: nobody; tasks that need work stay PENDING (tests of the run model).
   */
  executor?: RunExecutor | false;
  /** Settings of the default engine (parallelism, interpreter, environment, ports). */
  engine?: EngineOptions;
  /**
   * Start runs from the jobs' triggers (schedules, periodic, file arrival, continuous), as
   * `jobs local serve` does. Off by default: a workspace opened for one command must not
   * start runs by itself.
   */
  triggers?: boolean | TriggerSettings;
  /** Fault rules (faults.ts syntax) and their seed. */
  faults?: string;
  faultSeed?: number;
  onReceipt?: (r: Receipt) => void;
  /** Request log lines (`jobs local serve --debug`). */
  requestLog?: (line: string) => void;
  now?: () => number;
  hostProcess?: HostProcess;
  warn?: (message: string) => void;
  /** Fold the journal into a snapshot past this many bytes (tests use a small value). */
  compactAfterBytes?: number;
}

export interface LocalWorkspace {
  /** `http://127.0.0.1:<port>`; for an unlistened workspace, `http://local.invalid`. */
  url: string;
  token: string;
  /** Where the token was written, when it was generated into the data dir. */
  tokenFile?: string;
  router: Router;
  /** For executors and tests: report task progress as an engine would. */
  control: RunControl;
  /** The default engine, when it runs this workspace's tasks. */
  engine?: LocalEngine;
  /** The trigger loop, when `triggers` was asked for. */
  triggers?: TriggerService;
  close(): Promise<void>;
}

export async function startLocalWorkspace(options: LocalWorkspaceOptions = {}): Promise<LocalWorkspace> {
  const host = options.host ?? '127.0.0.1';
  const processPort = options.hostProcess ?? nodeHostProcess();
  const now = options.now ?? (() => Date.now());
  const idBase = BigInt(options.idBase ?? 0);
  if (idBase < 0n || idBase > MAX_ID_BASE) throw new RangeError(`idBase must be between 0 and ${MAX_ID_BASE}`);
  const lock = options.dataDir ? await acquireDirLock(options.dataDir, processPort, () => new Date(now())) : undefined;
  let store: Store | undefined;
  let engine: CreatedEngine | undefined;
  try {
    store = await Store.open({ dataDir: options.dataDir, warn: options.warn, compactAfterBytes: options.compactAfterBytes });
    const base = await pinIdBase(store, idBase, options.idBase !== undefined, options.warn);
    const { token, tokenFile } = await resolveToken(options);
    let url = 'http://local.invalid';
    const workspaceId = options.workspaceId ?? '1';
    if (options.executor === undefined) {
      const warn = options.warn ?? (() => undefined);
      engine = await createEngine({ store, dataDir: options.dataDir, workspaceId, url: () => url, warn }, options.engine);
    }
    const executor = options.executor === false ? undefined : (options.executor ?? engine?.engine);
    const ctx: WorkspaceContext = {
      store, now, userName: options.userName ?? 'local-user@jobs.local', workspaceId,
      url: () => url, idBase: base, validateJobSettings: options.validateJobSettings, executor,
    };
    const control = createRunControl(ctx);
    await store.mutate((state) => ({ ops: mkdirOps(ctx, state, `/Users/${ctx.userName}`, `/Users/${ctx.userName}`).concat(mkdirOps(ctx, state, '/Shared', '/Shared')), result: undefined }));
    const faults = options.faults ? parseFaults(options.faults, options.faultSeed ?? 1) : undefined;
    const router = createRouter(ctx, control, { token, faults, sleep: (ms) => delay(ms), onReceipt: options.onReceipt, log: options.requestLog, now });
    const binding = options.noListen ? undefined : await listen(router, host, options.port ?? 0, options.allowRemote ?? false);
    if (binding) url = `http://${host.includes(':') ? `[${host}]` : host}:${binding.port}`;
    if (binding) await lock?.announce(url);
    await recoverOrphans(ctx, control);
    const triggers = options.triggers ? startTriggers(ctx, control, options.triggers === true ? {} : options.triggers, options) : undefined;
    const opened = store;
    return {
      url, token, ...(tokenFile ? { tokenFile } : {}), router, control, ...(engine ? { engine: engine.engine } : {}), ...(triggers ? { triggers } : {}),
      async close() {
        await triggers?.stop();
        await binding?.close();
        if (engine) await engine.close();
        else await executor?.close?.();
        await opened.close();
        await lock?.release();
      },
    };
  } catch (err) {
    await engine?.close();
    await store?.close();
    await lock?.release();
    throw err;
  }
}

function startTriggers(ctx: WorkspaceContext, control: RunControl, t: TriggerSettings, options: LocalWorkspaceOptions): TriggerService {
  const state = ctx.store.state;
  const service = new TriggerService({
    jobs: () => state.jobs.values(), runs: () => state.runs.values(), control,
    clock: t.clock ?? options.engine?.clock ?? nodeEngineClock(), fs: options.engine?.fs ?? nodeEngineFs(),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(t.tickMs !== undefined ? { tickMs: t.tickMs } : {}), ...(t.filePollMs !== undefined ? { filePollMs: t.filePollMs } : {}),
    warn: options.warn ?? (() => undefined),
  });
  service.start();
  return service;
}

/** Hands unfinished task runs from before a restart back to the executor, or fails them. */
async function recoverOrphans(ctx: WorkspaceContext, control: RunControl): Promise<void> {
  const orphans = orphanedTasks(ctx, ctx.store.state);
  if (orphans.length === 0) return;
  if (ctx.executor?.resume) return ctx.executor.resume(orphans, control);
  for (const { task } of orphans)
    await control.updateTask(task.run_id, { result_state: 'FAILED', message: 'The local workspace restarted while this task was running.' });
}

/** The first start of a data dir fixes its id base; later starts keep it, so ids never repeat. */
async function pinIdBase(store: Store, requested: bigint, explicit: boolean, warn?: (m: string) => void): Promise<bigint> {
  const stored = store.state.counters.base;
  if (stored !== undefined) {
    if (explicit && BigInt(stored) !== requested) warn?.(`this data dir was created with id base ${stored}; keeping it (requested ${requested})`);
    return BigInt(stored);
  }
  await store.mutate((state) => ({ ops: [{ op: 'counters', counters: { ...state.counters, base: String(requested) } }], result: undefined }));
  return requested;
}

async function resolveToken(options: LocalWorkspaceOptions): Promise<{ token: string; tokenFile?: string }> {
  if (options.token !== undefined) {
    if (options.token.length < 8) throw new RangeError('the local workspace token must be at least 8 characters');
    return { token: options.token };
  }
  const generated = `dapi-local-${randomBytes(24).toString('hex')}`;
  if (!options.dataDir) return { token: generated };
  const tokenFile = join(options.dataDir, 'token');
  try {
    // Reuse the token of an earlier start so configured clients keep working.
    const existing = (await readFile(tokenFile, 'utf8')).trim();
    if (existing.length >= 8) return { token: existing, tokenFile };
  } catch (err) {
    if (!isErrno(err, 'ENOENT')) throw err;
  }
  await writeFileAtomic(tokenFile, `${generated}\n`, 0o600);
  return { token: generated, tokenFile };
}
