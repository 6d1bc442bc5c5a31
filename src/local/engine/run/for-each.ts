/**
 * A for_each_task: resolve the inputs, create one iteration per element (task runs listed in
 * the parent's `iterations`), run at most `concurrency` at once (each iteration is a task of its
 * own: retries, timeouts), and fail when any iteration's latest attempt failed. Canceling the
 * parent stops iterations that did not start; the server cancels the running ones.
 */
import type { Int64 } from '../../../api/json.js';
import type { RunControl, TaskResult } from '../../runs/executor.js';
import { findTaskRun, isTerminal, type StoredRun, type StoredTaskRun } from '../../runs/model.js';
import { forEachConcurrency, parseForEachInputs, type ForEachLimits } from '../plan/policy.js';
import type { Resolved } from '../plan/resolve-fields.js';
import type { RunWatch } from '../run-watch.js';
import type { CancelToken } from './cancel.js';
import { failure, forEachResult, stateOf, unresolved } from './results.js';

export interface ForEachDeps {
  resolve(t: StoredTaskRun): Resolved;
  limits: ForEachLimits;
  watch: RunWatch;
  register(taskRunId: Int64): CancelToken;
  unregister(taskRunId: Int64): void;
  /** Runs one iteration to its final report. */
  execute(iteration: StoredTaskRun): Promise<unknown>;
  closed(): boolean;
}

/** The parent's result (CANCELED when it was canceled); the caller reports it. */
export async function forEachTask(d: ForEachDeps, run: StoredRun, parent: StoredTaskRun, control: RunControl): Promise<TaskResult> {
  const r = d.resolve(parent);
  if (r.errors.length > 0 || r.task?.kind !== 'for_each') return unresolved(r.errors, r.resolved_values);
  const parsed = parseForEachInputs(r.task.inputs, d.limits);
  if ('error' in parsed) return { ...failure(parsed.error), resolved_values: r.resolved_values };
  const token = d.register(parent.run_id);
  try {
    await control.updateTask(parent.run_id, { life_cycle_state: 'RUNNING', resolved_values: r.resolved_values });
    d.watch.taskStarted(run, parent);
    const ids = await control.addIterations(parent.run_id, parsed.inputs);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length && !token.canceled && !d.closed()) {
        const id = ids[next++] as Int64;
        const latest = control.readRun(run.run_id);
        const iteration = latest && findTaskRun(latest, id)?.task;
        if (iteration && !isTerminal(iteration.state)) await d.execute(iteration);
      }
    };
    await Promise.all(Array.from({ length: Math.min(forEachConcurrency(parent.task, d.limits), ids.length) }, worker));
  } finally {
    d.unregister(parent.run_id);
  }
  if (token.canceled) return { result_state: 'CANCELED' };
  const result = forEachResult(control.readRun(run.run_id), parent, r.resolved_values);
  d.watch.taskEnded(run, parent, stateOf(result), true);
  return result;
}
