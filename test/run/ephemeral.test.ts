/**
 * When `jobs run` itself starts the embedded workspace (no `jobs local serve` holds the bundle's
 * data dir), the workspace and its runs stop when the command ends. So `--no-wait` is refused
 * before anything starts, and a `--timeout` or Ctrl-C cancels the run instead of "leaving it
 * going", saying why.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { openBundleSession } from '../../src/workspace/bundle-session.js';
import { stringifyJson } from '../../src/api/json.js';
import type { CreateJobRequest } from '../../src/api/jobs.js';
import { localStatePath } from '../../src/run/deployed-job.js';
import { fakeClock } from '../helpers/fake-clock.js';
import { fakeIo, runCli } from '../helpers/run-cli.js';
import { writeTree } from '../helpers/temp-tree.js';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const bundle = `bundle: {name: eph}
targets:
  local: {default: true, workspace: {host: local}}
resources:
  jobs:
    slow:
      name: slow
      environments: [{environment_key: default, spec: {environment_version: "2"}}]
      tasks:
        - {task_key: sleep, environment_key: default, spark_python_task: {python_file: /Workspace/Shared/sleep.py}}
`;

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Creates the job and its state the way a deploy would (the session starts and stops its own workspace). */
async function deploy(): Promise<void> {
  const { session } = await openBundleSession(fakeIo({ cwd: root }), {});
  try {
    expect(session!.ephemeral).toBe(true);
    const settings = (session!.bundle.config.resources as { jobs: Record<string, unknown> }).jobs.slow as CreateJobRequest;
    const { job_id } = await session!.client.jobs.create(settings);
    await session!.client.workspace.importFile('/Shared/sleep.py', 'import time\ntime.sleep(120)\n', { overwrite: true });
    const path = localStatePath(root, 'local');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, stringifyJson({ state_version: 1, cli_version: 't', lineage: 'l', serial: 1, state: { 'resources.jobs.slow': { __id__: String(job_id), state: {} } } }));
  } finally {
    await session!.close();
  }
}

describe('a workspace that lives inside the command', () => {
  it('refuses --no-wait before starting anything, with the way out', async () => {
    root = writeTree({ 'databricks.yml': bundle });
    await deploy();
    const r = await runCli(['run', '--no-wait'], { cwd: root });
    expect(r.code).toBe(ExitCode.USAGE);
    expect(r.stderr).toContain('jobs local serve --data-dir');
    const list = await runCli(['runs', 'list', '-o', 'json'], { cwd: root });
    expect(JSON.parse(list.stdout)).toEqual({ runs: [] });
  });

  it('cancels the run when --timeout is reached, and on Ctrl-C without asking', async () => {
    root = writeTree({ 'databricks.yml': bundle });
    await deploy();
    const clock = fakeClock();
    const timeout = await runCli(['run', '--timeout', '3s'], { cwd: root, io: { clock } });
    expect(timeout.code).toBe(ExitCode.RUN_TIMEOUT);
    expect(timeout.stderr).toMatch(/Canceling run \d+ \(the embedded workspace runs inside this command and stops with it\)/);
    expect(timeout.stdout).toMatch(/: CANCELED/);

    let fire: (() => void) | undefined;
    clock.onSleep = () => fire?.();
    const questions: string[] = [];
    const interrupted = await runCli(['run'], {
      cwd: root, tty: true, env: { CI: 'true' }, prompt: async (q) => (questions.push(q), 'n'),
      io: { clock, onInterrupt: (h) => ((fire = h), () => void (fire = undefined)) },
    });
    expect(questions).toEqual([]);
    expect(interrupted.code).toBe(ExitCode.RUN_CANCELED);
  });
});
