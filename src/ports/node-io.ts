/** The real Io: node's fs, the process environment, the wall clock and the terminal. */
import { promises as fsp } from 'node:fs';
import { homedir } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { setTimeout as delay } from 'node:timers/promises';
import type { Io } from './io.js';

export function nodeIo(): Io {
  return {
    fs: {
      readFile: (p) => fsp.readFile(p),
      readdir: (p) => fsp.readdir(p, { withFileTypes: true }),
      stat: (p) => fsp.stat(p),
      lstat: (p) => fsp.lstat(p),
      realpath: (p) => fsp.realpath(p),
      writeFile: (p, d, o) => fsp.writeFile(p, d, o),
      mkdir: async (p, o) => {
        await fsp.mkdir(p, o);
      },
      rename: (a, b) => fsp.rename(a, b),
      rm: (p, o) => fsp.rm(p, o),
    },
    env: process.env,
    cwd: process.cwd(),
    homedir: homedir(),
    clock: {
      now: () => new Date(),
      sleep: async (ms, signal) => {
        await delay(ms, undefined, { signal });
      },
    },
    stdout: {
      write: (t) => void process.stdout.write(t),
      isTTY: process.stdout.isTTY === true,
      columns: process.stdout.columns,
    },
    stderr: {
      write: (t) => void process.stderr.write(t),
      isTTY: process.stderr.isTTY === true,
      columns: process.stderr.columns,
    },
    prompt: process.stdin.isTTY
      ? async (question) => {
          const rl = createInterface({ input: process.stdin, output: process.stderr });
          try {
            return await rl.question(question);
          } finally {
            rl.close();
          }
        }
      : undefined,
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      return () => void process.off('SIGINT', handler);
    },
  };
}
