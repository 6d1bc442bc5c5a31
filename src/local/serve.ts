/**
 * `jobs local serve`: the embedded workspace as a long-running server. Prints where it listens
 * and where the token is (never the token itself unless `--print-token`), then runs until
 * SIGINT/SIGTERM and shuts down cleanly (in-flight requests finish, the store is closed, the
 * data-dir lock is released).
 */
import { join } from 'node:path';
import type { Io } from '../ports/io.js';
import type { HostProcess } from '../ports/host-process.js';
import { startLocalWorkspace, type LocalWorkspace, type LocalWorkspaceOptions } from './start.js';

export interface ServeOptions {
  host: string;
  port: number;
  dataDir?: string;
  token?: string;
  allowRemote: boolean;
  idBase?: string;
  faults?: string;
  faultSeed?: string;
  printToken: boolean;
  user?: string;
  compactAfter?: string;
  /** Log every request (method, path, status, duration) to stderr. */
  debug?: boolean;
  /** Task processes at once (default: the machine's available parallelism). */
  maxParallel?: number;
  /** Do not start runs from triggers (schedules, file arrival, continuous). */
  noTriggers?: boolean;
}

/** Starts, reports, waits for a shutdown signal, closes. Returns the exit code. */
export async function serveLocalWorkspace(io: Io, opts: ServeOptions, host: HostProcess, extra: Partial<LocalWorkspaceOptions> = {}): Promise<number> {
  const dataDir = opts.dataDir ?? join(io.homedir, '.jobs-as-code', 'local-workspace');
  const faults = opts.faults ?? io.env.JOBS_LOCAL_FAULTS;
  let ws: LocalWorkspace;
  try {
    await io.fs.mkdir(dataDir, { recursive: true });
    ws = await startLocalWorkspace({ ...toStartOptions(io, opts, dataDir, faults), hostProcess: host, ...extra });
  } catch (err) {
    // Refusals with a code (lock held, non-loopback bind, bad fault rules) are user errors.
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('local/')) throw err;
    io.stderr.write(`error ${code}: ${(err as Error).message}\n`);
    return 1;
  }
  const stopped = new Promise<string>((resolve) => {
    const off = host.onShutdownSignal((signal) => {
      off();
      resolve(signal);
    });
  });
  io.stdout.write(`Local workspace listening on ${ws.url}\n`);
  io.stderr.write(`data: ${dataDir}\n`);
  io.stderr.write(ws.tokenFile ? `token: in ${ws.tokenFile} (mode 0600)\n` : 'token: the one given with --token\n');
  if (opts.printToken) io.stdout.write(`${ws.token}\n`);
  io.stderr.write(`use it: DATABRICKS_HOST=${ws.url} DATABRICKS_TOKEN=${ws.tokenFile ? `$(cat ${ws.tokenFile})` : '<your --token>'}\n`);
  if (faults) io.stderr.write(`fault injection: ${faults}\n`);
  io.stderr.write(`engine: runs tasks on this machine (${opts.maxParallel ?? 'one per CPU'} at once); triggers ${opts.noTriggers ? 'off' : 'on'}\n`);
  const signal = await stopped;
  io.stderr.write(`${signal}: shutting down\n`);
  await ws.close();
  return 0;
}

function toStartOptions(io: Io, opts: ServeOptions, dataDir: string, faults: string | undefined): LocalWorkspaceOptions {
  const seed = opts.faultSeed ?? io.env.JOBS_LOCAL_FAULTS_SEED;
  return {
    // A long-running server runs the jobs' schedules, periodic, file-arrival and continuous triggers.
    dataDir, host: opts.host, port: opts.port, allowRemote: opts.allowRemote, triggers: !opts.noTriggers,
    ...(opts.maxParallel !== undefined ? { engine: { maxParallel: opts.maxParallel, env: io.env } } : { engine: { env: io.env } }),
    ...(opts.token !== undefined ? { token: opts.token } : {}),
    ...(opts.idBase !== undefined ? { idBase: opts.idBase } : {}),
    ...(faults ? { faults, faultSeed: seed !== undefined ? Number(seed) : 1 } : {}),
    ...(opts.user ? { userName: opts.user } : {}),
    ...(opts.compactAfter ? { compactAfterBytes: Number(opts.compactAfter) } : {}),
    ...(opts.debug ? { requestLog: (line: string) => io.stderr.write(`debug: ${line}\n`) } : {}),
    now: () => io.clock.now().getTime(),
    warn: (m) => io.stderr.write(`warning: ${m}\n`),
  };
}
