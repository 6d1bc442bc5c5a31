/**
 * The spawn helper with real processes: no task outlives it, however it ends. A task is a
 * `sleep`, or a shell that starts one in the background and waits (then "gone" means the whole
 * group, not just the process the helper started; an orphaned zombie lasts until init reaps it,
 * which can take a second or two).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningProcess } from './engine.js';
import { signalGroup, SpawnHelper } from './spawn-helper.js';

const groupAlive = (pid: number): boolean => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(ok: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (ok()) return true;
  return ok();
}

let dir: string;
let helper: SpawnHelper;
const groups: number[] = [];
afterEach(async () => {
  for (const pid of groups.splice(0)) signalGroup(pid, 'SIGKILL');
  await helper.close();
  rmSync(dir, { recursive: true, force: true });
});

async function sleeper(script = 'exec sleep 30'): Promise<{ proc: RunningProcess; pid: number }> {
  dir = mkdtempSync(join(tmpdir(), 'spawn-helper-'));
  helper = new SpawnHelper(process.execPath);
  const proc = helper.spawn({ command: '/bin/sh', args: ['-c', script], cwd: dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, logFile: join(dir, 'log') });
  const pid = await proc.started;
  expect(pid).toBeTypeOf('number');
  groups.push(pid!);
  expect(groupAlive(pid!)).toBe(true);
  return { proc, pid: pid! };
}

describe('SpawnHelper', () => {
  it("kill() stops the task's whole process group", async () => {
    const { proc, pid } = await sleeper();
    proc.kill();
    expect(await proc.exited).toMatchObject({ code: null, signal: 'SIGTERM' });
    expect(await until(() => !groupAlive(pid), 2000)).toBe(true);
  });

  it('closing it (its stdin) stops the tasks still running, then it exits', async () => {
    const { proc, pid } = await sleeper('sleep 30 & wait');
    const helperPid = helper.helperPid!;
    await helper.close();
    expect(await proc.exited).toMatchObject({ signal: 'SIGTERM' });
    expect(groupAlive(pid)).toBe(false);
    expect(() => process.kill(helperPid, 0)).toThrow();
  });

  it('a helper told to stop (SIGTERM, SIGINT, SIGHUP sent to it) stops its tasks first', async () => {
    const { proc, pid } = await sleeper();
    process.kill(helper.helperPid!, 'SIGINT');
    expect(await proc.exited).toMatchObject({ signal: 'SIGTERM' });
    expect(await until(() => !groupAlive(pid), 2000)).toBe(true);
  });

  it("is not in this process's group: a signal to the group (a terminal's Ctrl-C) does not reach it", async () => {
    await sleeper();
    const helperPid = helper.helperPid!;
    // Its own session: its process group is its own pid.
    expect(groupAlive(helperPid)).toBe(true);
  });

  it("when the helper dies (SIGKILL), the task's group is stopped here and the task reported lost", async () => {
    const { proc, pid } = await sleeper('sleep 30 & wait');
    process.kill(helper.helperPid!, 'SIGKILL');
    const exit = await proc.exited;
    expect(exit.lost).toMatch(/process helper of the local engine stopped/);
    expect(groupAlive(pid)).toBe(false);
    // The next task gets a new helper.
    const next = helper.spawn({ command: '/bin/sh', args: ['-c', 'exit 3'], cwd: dir, env: {}, logFile: join(dir, 'log2') });
    expect(await next.exited).toMatchObject({ code: 3 });
  });
});
