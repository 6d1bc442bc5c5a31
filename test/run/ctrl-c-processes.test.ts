/**
 * Ctrl-C on a terminal signals the whole foreground process group, not only `jobs`. When `jobs
 * run` starts the embedded workspace itself, the task's Python process must not outlive the
 * command: the CLI runs in its own process group here (as a shell job does), the group gets
 * SIGINT while a task sleeps, and the task's process (which wrote its pid) must be gone soon after
 * the CLI exits. Real processes: the built CLI (bin/jobs.js: `npm run build` first; it resolves
 * the config loader from node_modules, which a bundle in a temp dir cannot), the spawn helper
 * and python3.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { writeTree } from '../helpers/temp-tree.js';

const bundle = `bundle: {name: sleepy}
targets:
  local: {default: true, workspace: {host: local}}
resources:
  jobs:
    sleepy:
      name: sleepy
      environments: [{environment_key: e, spec: {environment_version: "2"}}]
      tasks:
        - {task_key: sleep, environment_key: e, spark_python_task: {python_file: ./sleep.py, parameters: ["30"]}}
`;

// The task says it runs by writing its pid (beside the bundle: the task's cwd is the engine's mirror).
const script = (pidFile: string): string => `import os, sys, time
with open(${JSON.stringify(`${pidFile}.tmp`)}, "w") as f:
    f.write(str(os.getpid()))
os.rename(${JSON.stringify(`${pidFile}.tmp`)}, ${JSON.stringify(pidFile)})
time.sleep(float(sys.argv[1]))
`;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function until(ok: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 25))) if (ok()) return true;
  return ok();
}

let root: string | undefined;
let taskPid: number | undefined;
afterEach(() => {
  // Never leave a sleeping python behind, whatever the outcome.
  if (taskPid !== undefined && alive(taskPid)) process.kill(taskPid, 'SIGKILL');
  if (root) rmSync(root, { recursive: true, force: true });
  root = taskPid = undefined;
});

describe('Ctrl-C on `jobs run` against the embedded workspace (real processes)', () => {
  it('SIGINT to the whole process group cancels the run and leaves no task process behind', async () => {
    const cli = resolve('bin/jobs.js');
    expect(existsSync(resolve('dist/cli.js')), 'run `npm run build` first').toBe(true);
    root = writeTree({ 'databricks.yml': bundle }, 'jobs-ctrl-c-');
    const pidFile = join(root, 'task.pid');
    writeFileSync(join(root, 'sleep.py'), script(pidFile)); // it needs the temp dir's path
    const env = { ...process.env, NO_COLOR: '1', CI: 'true' };
    await promisify(execFile)(process.execPath, [cli, '-C', root, 'deploy'], { env });

    // detached: its own process group, like a job a shell starts; the group's id is its pid.
    const child = spawn(process.execPath, [cli, '-C', root, 'run'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

    expect(await until(() => existsSync(pidFile), 8000), `the task never started:\n${output}`).toBe(true);
    taskPid = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(taskPid)).toBe(true);

    process.kill(-child.pid!, 'SIGINT');
    const code = await exited;
    expect(code, output).toBe(ExitCode.RUN_CANCELED);
    expect(output).toMatch(/sleep\s+CANCELED/);
    expect(await until(() => !alive(taskPid!), 3000), `python (pid ${String(taskPid)}) outlived \`jobs run\``).toBe(true);
  }, 20_000);
});
