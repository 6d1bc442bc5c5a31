/**
 * Node implementations of the local engine's ports (engine.ts). Tasks run in a new process group (`detached`)
 * so that a timeout or cancel can kill the whole tree a task started (a notebook's `%sh`, a
 * script's subprocesses), not just the interpreter.
 */
import { spawn } from 'node:child_process';
import { appendFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EngineClock, EngineFs, Exit, HttpPort, ProcessPort, RunningProcess, SpawnRequest } from './engine.js';

const KILL_GRACE_MS = 1000;

export function nodeProcessPort(): ProcessPort {
  return {
    spawn(req: SpawnRequest): RunningProcess {
      const child = spawn(req.command, req.args, { cwd: req.cwd, env: req.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (c: Buffer) => req.onOutput(c, 'stdout'));
      child.stderr.on('data', (c: Buffer) => req.onOutput(c, 'stderr'));
      let done = false;
      const exited = new Promise<Exit>((resolve) => {
        child.on('error', (err) => {
          done = true;
          resolve({ code: null, signal: null, spawnError: err.message });
        });
        // 'close' (not 'exit'): by then both pipes are drained.
        child.on('close', (code, signal) => {
          done = true;
          resolve({ code, signal });
        });
      });
      const signalGroup = (sig: NodeJS.Signals): void => {
        if (child.pid === undefined) return;
        try {
          process.kill(-child.pid, sig);
        } catch {
          // Already gone.
        }
      };
      return {
        pid: child.pid,
        exited,
        kill() {
          if (done) return;
          signalGroup('SIGTERM');
          setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS).unref();
        },
      };
    },
    killGroup(pid: number) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Not running any more.
      }
    },
  };
}

export function nodeEngineFs(): EngineFs {
  return {
    mkdir: async (p) => void (await mkdir(p, { recursive: true })),
    writeFile: (p, d) => writeFile(p, d),
    readFile: async (p) => {
      try {
        return await readFile(p);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    appendFile: (p, d) => appendFile(p, d),
    rm: (p) => rm(p, { recursive: true, force: true }),
    exists: async (p) => {
      try {
        await stat(p);
        return true;
      } catch {
        return false;
      }
    },
    listFiles: async (dir) => {
      const out: { path: string; size: number; mtimeMs: number }[] = [];
      const walk = async (d: string): Promise<void> => {
        let entries;
        try {
          entries = await readdir(d, { withFileTypes: true });
        } catch {
          return;
        }
        for (const e of entries) {
          const p = join(d, e.name);
          if (e.isDirectory()) await walk(p);
          else if (e.isFile()) {
            const s = await stat(p).catch(() => undefined);
            if (s) out.push({ path: p, size: s.size, mtimeMs: s.mtimeMs });
          }
        }
      };
      await walk(dir);
      return out;
    },
  };
}

export function nodeEngineClock(): EngineClock {
  return {
    now: () => Date.now(),
    setTimer(fn, ms) {
      // setTimeout takes at most 2^31-1 ms; longer waits re-arm.
      const max = 2 ** 31 - 1;
      let handle: NodeJS.Timeout;
      const arm = (left: number): void => {
        handle = setTimeout(() => (left > max ? arm(left - max) : fn()), Math.min(Math.max(0, left), max));
      };
      arm(ms);
      return () => clearTimeout(handle);
    },
  };
}

export function nodeHttpPort(): HttpPort {
  return {
    async postJson(url, body, timeoutMs) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
      await res.arrayBuffer();
      return res.status;
    },
  };
}

/** The environment task processes inherit by default: this process's. */
export function nodeEnv(): Record<string, string | undefined> {
  return process.env;
}
