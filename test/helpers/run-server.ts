/**
 * Runs `jobs local serve` as a child process and waits for its URL. For tests that need a real
 * process: signals, kill -9, a second server on the same data dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { buildCli } from './build-cli.js';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once the process exited and its output pipes closed. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function runServer(args: string[], env: Record<string, string> = {}, globalArgs: string[] = []): Promise<ServerProcess> {
  const cli = await buildCli();
  const child = spawn(process.execPath, [cli, ...globalArgs, 'local', 'serve', '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  const url = await Promise.race([
    new Promise<string>((resolve) => {
      const check = (): void => {
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1] as string);
        else setTimeout(check, 10);
      };
      check();
    }),
    exited.then(() => ''),
  ]);
  return { child, url, stdout: () => out, stderr: () => err, exited };
}
