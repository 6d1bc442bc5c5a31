/**
 * Task processes are started by a small helper process, not by the server itself. Starting a
 * process forks the process that asks, and a fork costs time in proportion to the asker's memory
 * (page tables): measured here, 1 ms of CPU from a 56 MB process, 2.4 ms from 670 MB. The
 * workspace server is large (jobs, runs, schemas), so a helper of ~40 MB starts every task
 * instead, as Python's multiprocessing "forkserver" does. Its children write stdout and stderr
 * straight to a log file (no pipes through the server), in their own process groups.
 *
 * No task outlives the workspace: the helper stops its tasks when this process closes it or
 * dies, and if the helper itself dies first, this side stops the groups of the tasks it knew.
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
  /** The helper that started it. */
  helper: ChildProcess;
  /** Its pid once it runs. */
  pid?: number;
  started(pid: number | undefined): void;
  exited(exit: Exit): void;
}

/** Signals a process group by its leader's pid; a group that is gone is fine. */
export function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // Already gone.
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How long a task's group gets between SIGTERM and SIGKILL. */
const GRACE_MS = 1000;

export class SpawnHelper {
  private child: ChildProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly nodePath: string) {}

  /** The helper's pid while it runs (tests). */
  get helperPid(): number | undefined {
    return this.child?.pid;
  }

  spawn(req: SpawnRequest): RunningProcess {
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
      // The group, even when its leader went at once: what it started may ignore SIGTERM.
      const group = pid;
      setTimeout(() => groupAlive(group) && signalGroup(group, 'SIGKILL'), GRACE_MS).unref();
    };
    const helper = this.helper();
    const entry: Pending = {
      helper,
      started: (p) => {
        pid = entry.pid = p;
        onStart(p);
        if (killed) kill();
      },
      exited: (e) => {
        done = true;
        onStart(pid);
        onExit(e);
      },
    };
    this.pending.set(id, entry);
    helper.stdin?.write(`${JSON.stringify({ id, command: req.command, args: req.args, cwd: req.cwd, env: req.env, logFile: req.logFile })}\n`);
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
    const gone = new Promise((r) => child.once('close', r));
    child.ref(); // wait for it even though no task is running
    child.stdin?.end();
    await gone;
  }

  private helper(): ChildProcess {
    if (this.child && this.child.exitCode === null && !this.child.killed) return this.child;
    // Its own session (detached): the terminal's Ctrl-C and hang-up, and signals to this
    // process's group, do not reach it; it follows this process through its stdin instead.
    const child = spawn(this.nodePath, ['-e', HELPER_SOURCE], { stdio: ['pipe', 'pipe', 'inherit'], detached: true });
    let buffer = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        this.receive(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
      }
      this.keepAlive();
    });
    // An error on the pipes means the helper is gone; 'close' follows and handles it.
    child.stdin?.on('error', () => undefined);
    child.on('error', () => undefined);
    // 'close', not 'exit': the answers it wrote before it ended are read first.
    child.on('close', () => {
      if (this.child === child) this.child = undefined;
      for (const [id, p] of this.pending) {
        if (p.helper !== child) continue;
        this.pending.delete(id);
        void this.lost(p);
      }
      this.keepAlive();
    });
    this.child = child;
    return child;
  }

  /**
   * A task whose helper died (killed, crashed) can no longer be followed, and its own process
   * group outlives the helper: stop the group here, and report the task ended once it is gone.
   */
  private async lost(p: Pending): Promise<void> {
    const pid = p.pid;
    if (pid === undefined) {
      p.exited({ code: null, signal: null, spawnError: 'the process helper of the local engine stopped' });
      return;
    }
    signalGroup(pid, 'SIGTERM');
    const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
    for (let waited = 0; waited < GRACE_MS && groupAlive(pid); waited += 20) await sleep(20);
    if (groupAlive(pid)) {
      signalGroup(pid, 'SIGKILL');
      // Wait a little for the kill to land (a group whose leader is a zombie nobody reaps stays "alive").
      for (let waited = 0; waited < GRACE_MS && groupAlive(pid); waited += 20) await sleep(20);
    }
    p.exited({ code: null, signal: null, lost: 'The process helper of the local engine stopped; the task was stopped with it' });
  }

  private receive(line: string): void {
    let m: { id: number; pid?: number; error?: string; exit?: { code: number | null; signal: string | null } };
    try {
      m = JSON.parse(line) as typeof m;
    } catch {
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.pid !== undefined) p.started(m.pid);
    if (m.error !== undefined || m.exit) {
      this.pending.delete(m.id);
      p.exited(m.exit ? { code: m.exit.code, signal: m.exit.signal } : { code: null, signal: null, spawnError: m.error });
    }
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
