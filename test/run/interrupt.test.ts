/**
 * Ctrl-C while a run is followed: `--cancel-on-interrupt` cancels, a terminal asks, and without
 * either (or when the answer is no) the run is left running with exit code 130. The interrupt is
 * delivered through the Io's `onInterrupt` port by the fake clock, after a few polls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { RUNNING } from '../helpers/fake-engine.js';
import { startRunWorkspace, type RunWorkspace } from '../helpers/run-workspace.js';
import { writeTree } from '../helpers/temp-tree.js';

const bundle = `bundle: {name: hang}
targets:
  local: {default: true, workspace: {host: local}}
resources:
  jobs:
    slow:
      name: slow
      tasks:
        - {task_key: wait, notebook_task: {notebook_path: /Shared/wait}}
        - {task_key: after, depends_on: [{task_key: wait}], notebook_task: {notebook_path: /Shared/after}}
`;

let w: RunWorkspace;
afterEach(() => w?.close());

/** Starts the workspace and arranges a Ctrl-C after `polls` sleeps of the follow loop. */
async function setup(polls = 3) {
  w = await startRunWorkspace(writeTree({ 'databricks.yml': bundle }), { script: { wait: [RUNNING] } });
  await w.deploy();
  let handler: (() => void) | undefined;
  let sleeps = 0;
  const tick = w.clock.onSleep!;
  w.clock.onSleep = async (ms) => {
    await tick(ms);
    if (++sleeps === polls) handler?.();
  };
  const onInterrupt = (h: () => void) => {
    handler = h;
    sleeps = 0;
    return () => void (handler = undefined);
  };
  return { onInterrupt };
}

async function runState(runId: number): Promise<string> {
  const r = await w.cli(['runs', 'get', String(runId), '-o', 'json']);
  return JSON.parse(r.stdout).state.result_state ?? JSON.parse(r.stdout).state.life_cycle_state;
}

describe('Ctrl-C', () => {
  it('--cancel-on-interrupt cancels the run and waits for it to stop: exit 5', async () => {
    const { onInterrupt } = await setup();
    const r = await w.cli(['run', '--cancel-on-interrupt'], { io: { onInterrupt } });
    expect(r.code).toBe(ExitCode.RUN_CANCELED);
    expect(r.stderr).toContain('Canceling run 1001…');
    expect(r.stdout).toMatch(/^Run 1001 of slow: CANCELED/);
    expect(await runState(1001)).toBe('CANCELED');
  });

  it('on a terminal it asks; "y" cancels', async () => {
    const { onInterrupt } = await setup();
    const questions: string[] = [];
    const prompt = async (q: string) => (questions.push(q), 'y');
    const r = await w.cli(['run'], { tty: true, env: { CI: 'true' }, prompt, io: { onInterrupt } });
    expect(questions).toEqual(['\nCancel run 1001? [y/N] ']);
    expect(r.code).toBe(ExitCode.RUN_CANCELED);
  });

  it('answering no (or no terminal, or --no-cancel-on-interrupt) leaves the run running: exit 130', async () => {
    const { onInterrupt } = await setup();
    const no = await w.cli(['run'], { tty: true, env: { CI: 'true' }, prompt: async () => '', io: { onInterrupt } });
    expect(no.code).toBe(ExitCode.INTERRUPTED);
    expect(no.stderr).toContain('Stopped following run 1001; it goes on.');
    expect(await runState(1001)).toBe('RUNNING');
    const piped = await w.cli(['run', 'slow', '--no-cancel-on-interrupt'], { io: { onInterrupt } });
    expect(piped.code).toBe(ExitCode.INTERRUPTED);
  });
});
