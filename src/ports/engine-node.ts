/**
 * Node implementations of the local engine's ports (engine.ts). Tasks run in a new process group (`detached`)
 * so that a timeout or cancel can kill the whole tree a task started (a notebook's `%sh`, a
 * script's subprocesses), not just the interpreter.
 */
import { execFile } from 'node:child_process';
import { appendFile, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EngineClock, EngineFs, HttpPort, ProcessPort, RunningProcess, SpawnRequest } from './engine.js';
import { signalGroup, SpawnHelper } from './spawn-helper.js';

/** Task processes through the spawn helper (spawn-helper.ts); group kills from here. */
export function nodeProcessPort(): ProcessPort {
  const helper = new SpawnHelper(process.execPath);
  return {
    spawn: (req: SpawnRequest): RunningProcess => helper.spawn(req),
    killGroup: (pid) => signalGroup(pid, 'SIGKILL'),
    capture: (command, args, env) =>
      new Promise((resolve) => {
        execFile(command, args, { env, timeout: 30_000 }, (err, stdout) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout: String(stdout) }));
      }),
    close: () => helper.close(),
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
    rename: (from, to) => rename(from, to),
    readTail: async (p, maxBytes) => {
      let fh;
      try {
        fh = await open(p, 'r');
      } catch {
        return { data: Buffer.alloc(0), truncated: false };
      }
      try {
        const { size } = await fh.stat();
        const length = Math.min(size, maxBytes);
        const data = Buffer.alloc(length);
        await fh.read(data, 0, length, size - length);
        return { data, truncated: size > maxBytes };
      } finally {
        await fh.close();
      }
    },
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
