import { describe, expect, it } from 'vitest';
import type { Int64 } from '../../api/json.js';
import type { EngineClock, EngineFs, ProcessPort } from '../../ports/engine.js';
import type { ReadyTask, RunControl, TaskUpdate } from '../runs/executor.js';
import type { StoredRun } from '../runs/model.js';
import { LocalEngine } from './engine.js';
import { Notifier } from './notify/deliver.js';

describe('LocalEngine.resume', () => {
  it('kills what is left of a task from before a restart (its process group) and fails it', async () => {
    const killed: number[] = [];
    const updates: [Int64, TaskUpdate][] = [];
    const processes = { spawn: () => { throw new Error('unused'); }, killGroup: (pid: number) => void killed.push(pid), capture: async () => ({ code: 0, stdout: '' }) } as ProcessPort;
    const clock: EngineClock = { now: () => 0, setTimer: () => () => undefined };
    const fs = {} as EngineFs;
    const engine = new LocalEngine({
      workspace: { get: () => undefined, below: () => [], readBlob: async () => Buffer.alloc(0), job: () => undefined, id: '1', url: () => 'u' },
      workRoot: '/nonexistent', maxParallel: 1, processes, fs, clock, warn: () => undefined,
      runtime: { python: async () => 'python3', runtimeDir: () => '/r', pycacheDir: '/p', baseEnv: {}, sqlDatabase: '/db', secretValues: async () => [] },
      notifier: new Notifier({ fs, http: { postJson: async () => 200 }, clock, warn: () => undefined }),
    });
    const stored = {
      run_id: 10, job_id: 1, repairs: [], tasks: [{ run_id: 11, task_key: 't', attempt_number: 0, task: { task_key: 't' }, state: { life_cycle_state: 'RUNNING' }, dispatched: true, pid: 4242 }],
    } as unknown as StoredRun;
    const control = { updateTask: async (id: Int64, u: TaskUpdate) => void updates.push([id, u]) } as unknown as RunControl;
    engine.resume([{ stored, task: { run_id: 11, task_key: 't' } } as unknown as ReadyTask], control);
    await engine.idle();
    expect(killed).toEqual([4242]);
    expect(updates).toEqual([[11, { result_state: 'FAILED', message: 'The local workspace restarted while this task was running.' }]]);
  });
});
