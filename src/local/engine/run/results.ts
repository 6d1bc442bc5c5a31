/** Small builders of task results and the facts the engine hands to tasks. Pure. */
import type { RunState } from '../../../api/runs.js';
import type { TaskResult } from '../../runs/executor.js';
import type { StoredRun, StoredTaskRun } from '../../runs/model.js';

export function failure(message: string): TaskResult {
  return { result_state: 'FAILED', message, output: { error: message, error_trace: message } };
}

/** A task that cannot start because references in its fields could not be resolved. */
export function unresolved(errors: string[], resolved_values: Record<string, unknown>): TaskResult {
  const message = errors.length > 0 ? `Could not resolve ${errors.length === 1 ? 'a reference' : `${errors.length} references`}: ${errors.join('; ')}` : 'The task has nothing to run.';
  return { ...failure(message), resolved_values };
}

/** The state a result gives a task run (for notifications). */
export function stateOf(result: TaskResult): RunState {
  return { life_cycle_state: 'TERMINATED', result_state: result.result_state, ...(result.message ? { state_message: result.message } : {}) };
}

/** Task values set in this run, by task key (for dbutils.jobs.taskValues.get). */
export function valuesOf(run: StoredRun): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const t of run.tasks) if (t.values) out[t.task_key] = t.values;
  return out;
}

/** A for-each task succeeds when the latest attempt of every iteration succeeded. */
export function forEachResult(run: StoredRun | undefined, parent: StoredTaskRun, resolved_values: Record<string, unknown>): TaskResult {
  const latest = new Map<number, StoredTaskRun>();
  for (const it of run?.iterations ?? []) if (String(it.iteration?.parent) === String(parent.run_id)) latest.set(it.iteration?.index ?? 0, it);
  const failed = [...latest.values()].filter((it) => it.state.result_state !== 'SUCCESS');
  if (failed.length === 0) return { result_state: 'SUCCESS', resolved_values };
  return { ...failure(`${failed.length} of ${latest.size} iterations failed`), resolved_values };
}
