/**
 * A scripted run engine for the embedded workspace: each task key has a list of steps (what the
 * task reports on each tick), and `tick()` applies one step to every task in flight. Driven by a
 * fake clock's sleeps, a followed run moves exactly one step per poll, so the follow loop's output
 * is the same on every machine. Tasks without a script run for one tick and succeed.
 *
 * Until the real engine lands, this is how tests make tasks that need work (notebooks, Python)
 * move at all; condition tasks with literal operands are settled by the server itself.
 */
import type { Int64 } from '../../src/api/json.js';
import type { ReadyTask, RunControl, RunExecutor, TaskUpdate } from '../../src/local/runs/executor.js';

/** `null`: nothing to report on this tick (the task keeps its state). */
export type Step = TaskUpdate | null;
/**
 * Per task key: the steps of every start, or one list per start (the k-th start of the task, e.g.
 * by a repair, uses the k-th list; the last one repeats).
 */
export type EngineScript = Record<string, Step[] | Step[][]>;

function stepsFor(script: EngineScript, key: string, start: number): Step[] {
  const s = script[key];
  if (!s) return [RUNNING, SUCCESS];
  if (s.length > 0 && Array.isArray(s[0])) {
    const per = s as Step[][];
    return [...per[Math.min(start, per.length - 1)]!];
  }
  return [...(s as Step[])];
}

export const RUNNING: TaskUpdate = { life_cycle_state: 'RUNNING' };
export const SUCCESS: TaskUpdate = { result_state: 'SUCCESS' };

export function fail(error: string, trace?: string): Step {
  return {
    result_state: 'FAILED', message: 'Workload failed, see run output for details',
    output: { error, ...(trace ? { error_trace: trace } : {}) },
  };
}

interface InFlight {
  key: string;
  runId: Int64;
  steps: Step[];
}

export interface ScriptedEngine {
  executor: RunExecutor;
  /** One step for every task in flight (in the order they were handed over). */
  tick(): Promise<void>;
  /** Task keys in the order they were started. */
  started: string[];
  /** Replace the script (e.g. a repair that now succeeds). */
  script: EngineScript;
}

export function scriptedEngine(initial: EngineScript = {}): ScriptedEngine {
  const inFlight: InFlight[] = [];
  let control: RunControl | undefined;
  const engine: ScriptedEngine = {
    script: initial,
    started: [],
    executor: {
      start(tasks: ReadyTask[], c: RunControl) {
        control = c;
        for (const { task } of tasks) {
          const start = engine.started.filter((k) => k === task.task_key).length;
          engine.started.push(task.task_key);
          inFlight.push({ key: task.task_key, runId: task.run_id, steps: stepsFor(engine.script, task.task_key, start) });
        }
      },
      cancel(_runId, taskRunIds) {
        const gone = new Set(taskRunIds.map(String));
        for (let i = inFlight.length - 1; i >= 0; i--) if (gone.has(String(inFlight[i]!.runId))) inFlight.splice(i, 1);
      },
    },
    async tick() {
      for (const t of [...inFlight]) {
        const step = t.steps.shift();
        if (t.steps.length === 0 && (step === undefined || (step !== null && 'result_state' in step))) inFlight.splice(inFlight.indexOf(t), 1);
        if (step) await control!.updateTask(t.runId, step);
      }
    },
  };
  return engine;
}
