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

/**
 * The helper, run with `node -e` (CommonJS, no dependencies, nothing to locate on disk).
 *
 * It lives exactly as long as the process that started it, and no task outlives it. It runs in
 * its own session (see `helper()`), so a terminal's Ctrl-C or hang-up, and signals to the
 * starter's process group, never reach it: the starter decides what happens to running tasks
 * (cancel them and record why). When its stdin closes (the starter closed it, or died, even by
 * SIGKILL), or when it is sent SIGINT, SIGTERM or SIGHUP itself, it stops: every task still
 * running gets SIGTERM to its process group, SIGKILL a second later, and the helper exits once
 * the groups are empty (2 s at most).
 */
export const HELPER_SOURCE = `
const { spawn } = require('child_process');
const fs = require('fs');
const running = new Map();
const stopped = new Set();
let stopping = false;
// The starter may be gone: a write to the closed pipe must not kill the helper before it stops the tasks.
process.stdout.on('error', () => undefined);
const send = (m) => { if (process.stdout.writable) process.stdout.write(JSON.stringify(m) + '\\n'); };
const group = (pid, sig) => { try { process.kill(-pid, sig); return true; } catch { return false; } };
const stop = () => {
  if (stopping) return;
  stopping = true;
  // A group is done when nothing is left in it, not when its leader exits.
  for (const pid of running.values()) if (group(pid, 'SIGTERM')) stopped.add(pid);
  const started = Date.now();
  const check = () => {
    for (const pid of stopped) if (!group(pid, 0)) stopped.delete(pid);
    if (running.size === 0 && stopped.size === 0) process.exit(0);
    if (Date.now() - started >= 2000) process.exit(0);
    setTimeout(check, 20);
  };
  setTimeout(() => { for (const pid of stopped) group(pid, 'SIGKILL'); }, 1000);
  check();
};
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, stop);
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
  let r;
  try { r = JSON.parse(line); } catch { return; }
  if (stopping) { send({ id: r.id, error: 'the process helper of the local engine is stopping' }); return; }
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
  child.on('spawn', () => {
    running.set(r.id, child.pid);
    send({ id: r.id, pid: child.pid });
    // Asked for just before the helper was told to stop.
    if (stopping && group(child.pid, 'SIGTERM')) stopped.add(child.pid);
  });
  child.on('error', (e) => { running.delete(r.id); send({ id: r.id, error: e.message }); });
  child.on('exit', (code, signal) => {
    running.delete(r.id);
    send({ id: r.id, exit: { code, signal } });
  });
}).on('close', stop);
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
    // Its own session (detached): the terminal's Ctrl-C and hang-up, and signals to this
    // process's group, do not reach it; it follows this process through its stdin instead.
    const child = spawn(this.nodePath, ['-e', HELPER_SOURCE], { stdio: ['pipe', 'pipe', 'inherit'], detached: true });
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
