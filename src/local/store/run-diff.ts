/**
 * What the journal records when a run changes. A run is written whole when it is new or was
 * reorganised (a repair replaces task runs), and otherwise as a patch: the run's own fields plus
 * the task runs that changed or were appended. Executing a 1,000-task run moves one task at a
 * time; writing the whole run for each move would make the journal grow with the square of the
 * run's size. Pure.
 */
import type { HistoricTaskRun, StoredRun, StoredTaskRun } from '../runs/model.js';

/** The run without its task arrays. */
export type RunHead = Omit<StoredRun, 'tasks' | 'iterations' | 'history'>;

/** `[index, element]`: replace the element at index, or append when index is the length. */
export type ArrayPatch<T> = [number, T][];

export interface RunPatch {
  op: 'run.patch';
  run_id: StoredRun['run_id'];
  head: RunHead;
  tasks?: ArrayPatch<StoredTaskRun>;
  iterations?: ArrayPatch<StoredTaskRun>;
  history?: ArrayPatch<HistoricTaskRun>;
}

export function headOf(run: StoredRun): RunHead {
  const { tasks: _t, iterations: _i, history: _h, ...head } = run;
  return head;
}

/** A patch from `before` to `after`, or undefined when only a whole-run write can express it. */
export function diffRun(before: StoredRun, after: StoredRun): RunPatch | undefined {
  const tasks = diffArray(before.tasks, after.tasks);
  const iterations = diffArray(before.iterations ?? [], after.iterations ?? []);
  const history = diffArray(before.history ?? [], after.history ?? []);
  if (!tasks || !iterations || !history) return undefined;
  return {
    op: 'run.patch', run_id: after.run_id, head: headOf(after),
    ...(tasks.length > 0 ? { tasks } : {}),
    ...(iterations.length > 0 ? { iterations } : {}),
    ...(history.length > 0 ? { history } : {}),
  };
}

/** Changed (shallowly different) and appended elements; undefined if the array shrank or moved. */
function diffArray<T extends StoredTaskRun>(before: readonly T[], after: readonly T[]): ArrayPatch<T> | undefined {
  if (after.length < before.length) return undefined;
  const out: ArrayPatch<T> = [];
  for (let i = 0; i < after.length; i++) {
    const b = before[i];
    const a = after[i] as T;
    if (b === a) continue; // copy-on-write drafts share every task run they did not change
    if (b === undefined) out.push([i, a]);
    else if (String(b.run_id) !== String(a.run_id)) return undefined;
    else if (!shallowEqual(b, a)) out.push([i, a]);
  }
  return out;
}

function shallowEqual(a: object, b: object): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}

/** The run a patch produces from `prev` (a new object; `prev` is left as it was). */
export function applyRunPatch(prev: StoredRun, patch: RunPatch): StoredRun {
  const next: StoredRun = { ...patch.head, tasks: patchArray(prev.tasks, patch.tasks) };
  const iterations = patchArray(prev.iterations ?? [], patch.iterations);
  const history = patchArray(prev.history ?? [], patch.history);
  if (iterations.length > 0) next.iterations = iterations;
  if (history.length > 0) next.history = history;
  return next;
}

function patchArray<T>(prev: readonly T[], patch: ArrayPatch<T> | undefined): T[] {
  if (!patch || patch.length === 0) return prev as T[];
  const out = prev.slice();
  for (const [i, t] of patch) out[i] = t;
  return out;
}
