/**
 * Task processes are started by a small helper process, not by the server itself. Starting a
 * process forks the process that asks, and a fork costs time in proportion to the asker's memory
 * (page tables): measured here, 1 ms of CPU from a 56 MB process, 2.4 ms from 670 MB. The
 * workspace server is large (jobs, runs, schemas), so a helper of ~40 MB starts every task
 * instead, as Python's multiprocessing "forkserver" does. Its children write stdout and stderr
 * straight to a log file (no pipes through the server), in their own process groups.
 *
 * Protocol, one JSON object per line: requests `{id, command, args, cwd, env, logFile}` on the
 * helper's stdin; answers `{id, pid}` or `{id, error}`, then `{id, exit: {code, signal}}`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Exit, RunningProcess, SpawnRequest } from './engine.js';

/** The helper, run with `node -e` (CommonJS, no dependencies, nothing to locate on disk). */
export const HELPER_SOURCE = `
const { spawn } = require('child_process');
const fs = require('fs');
const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
  let r;
  try { r = JSON.parse(line); } catch { return; }
  let fd;
  try { fd = fs.openSync(r.logFile, 'w'); } catch (e) { send({ id: r.id, error: e.message }); return; }
  let child;
  try {
    child = spawn(r.command, r.args, { cwd: r.cwd, env: r.env, detached: true, stdio: ['ignore', fd, fd] });
  } catch (e) {
    fs.closeSync(fd);
    send({ id: r.id, error: e.message });
    return;
  }
  fs.closeSync(fd);
  child.on('spawn', () => send({ id: r.id, pid: child.pid }));
  child.on('error', (e) => send({ id: r.id, error: e.message }));
  child.on('exit', (code, signal) => send({ id: r.id, exit: { code, signal } }));
}).on('close', () => process.exit(0));
`;

interface Pending {
  started(pid: number | undefined): void;
  exited(exit: Exit): void;
}

export class SpawnHelper {
  private child: ChildProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private buffer = '';

  constructor(private readonly nodePath: string) {}

  spawn(req: SpawnRequest, signalGroup: (pid: number, sig: NodeJS.Signals) => void): RunningProcess {
    const id = this.nextId++;
    let pid: number | undefined;
    let killed = false;
    let done = false;
    let onStart: (pid: number | undefined) => void = () => undefined;
    let onExit: (e: Exit) => void = () => undefined;
    const started = new Promise<number | undefined>((r) => (onStart = r));
    const exited = new Promise<Exit>((r) => (onExit = r));
    const kill = (): void => {
      if (pid === undefined || done) return;
      signalGroup(pid, 'SIGTERM');
      setTimeout(() => !done && pid !== undefined && signalGroup(pid, 'SIGKILL'), 1000).unref();
    };
    this.pending.set(id, {
      started: (p) => {
        pid = p;
        onStart(p);
        if (killed) kill();
      },
      exited: (e) => {
        done = true;
        onStart(pid);
        onExit(e);
      },
    });
    this.helper().stdin?.write(`${JSON.stringify({ id, command: req.command, args: req.args, cwd: req.cwd, env: req.env, logFile: req.logFile })}\n`);
    this.keepAlive();
    return {
      started, exited,
      kill() {
        killed = true;
        kill();
      },
    };
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.ref(); // wait for it even though no task is running
    child.stdin?.end();
    await gone;
  }

  private helper(): ChildProcess {
    if (this.child && this.child.exitCode === null && !this.child.killed) return this.child;
    const child = spawn(this.nodePath, ['-e', HELPER_SOURCE], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => this.receive(chunk));
    child.on('exit', () => {
      if (this.child === child) this.child = undefined;
      // Tasks whose helper died cannot be followed any more.
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        p.exited({ code: null, signal: null, spawnError: 'the process helper of the local engine stopped' });
      }
    });
    this.child = child;
    return child;
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    for (let nl = this.buffer.indexOf('\n'); nl >= 0; nl = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      let m: { id: number; pid?: number; error?: string; exit?: { code: number | null; signal: string | null } };
      try {
        m = JSON.parse(line) as typeof m;
      } catch {
        continue;
      }
      const p = this.pending.get(m.id);
      if (!p) continue;
      if (m.pid !== undefined) p.started(m.pid);
      if (m.error !== undefined || m.exit) {
        this.pending.delete(m.id);
        p.exited(m.exit ? { code: m.exit.code, signal: m.exit.signal } : { code: null, signal: null, spawnError: m.error });
      }
    }
    this.keepAlive();
  }

  /** The helper keeps the event loop alive only while tasks are running. */
  private keepAlive(): void {
    const c = this.child;
    if (!c) return;
    const handles = [c, c.stdin, c.stdout] as ({ ref(): void; unref(): void } | null)[];
    for (const h of handles) {
      if (this.pending.size > 0) h?.ref();
      else h?.unref();
    }
  }
}
