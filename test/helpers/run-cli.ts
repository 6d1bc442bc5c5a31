/**
 * Runs the CLI in-process, as a user would from a shell, with captured output. Files are real
 * (tests build bundles in temp dirs); env, cwd and the clock are the test's.
 */
import { nodeIo } from '../../src/ports/node-io.js';
import type { Io } from '../../src/ports/io.js';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  now?: Date;
  /** Pretend stdout/stderr are terminals (colour and spinners stay off unless asked). */
  tty?: boolean;
  prompt?: Io['prompt'];
  /** Replace parts of the Io (e.g. a fake clock). */
  io?: Partial<Io>;
}

/** Builds an Io over the real file system whose output is captured. */
export function fakeIo(opts: RunCliOptions): Io & { out: string[]; err: string[] } {
  const real = nodeIo();
  const out: string[] = [];
  const err: string[] = [];
  const now = opts.now ?? new Date('2026-11-21T10:00:00Z');
  return {
    ...real,
    cwd: opts.cwd,
    env: { HOME: '/nonexistent-home', ...opts.env },
    homedir: '/nonexistent-home',
    clock: { now: () => now, sleep: real.clock.sleep },
    stdout: { write: (t) => void out.push(t), isTTY: opts.tty ?? false, columns: 100 },
    stderr: { write: (t) => void err.push(t), isTTY: opts.tty ?? false, columns: 100 },
    prompt: opts.prompt,
    ...opts.io,
    out,
    err,
  };
}

export async function runCli(argv: string[], opts: RunCliOptions): Promise<CliResult> {
  const io = fakeIo(opts);
  const code = await main(argv, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}
