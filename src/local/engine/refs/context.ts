/**
 * Builds the `RefContext` a task resolves its references in, from the committed run it was
 * handed over from (read-only) and the workspace's identity. Pure.
 */
import type { StoredRun, StoredTaskRun } from '../../runs/model.js';
import { isTerminal, taskIndex } from '../../runs/model.js';
import { toStatus } from '../../runs/status.js';
import type { RefContext, UpstreamFacts } from './resolve.js';

export interface ContextInput {
  run: StoredRun;
  /** The task run (or iteration) that is starting. */
  task: StoredTaskRun;
  workspace: { id: string; url: string };
  /** Job parameter values of the run. */
  parameters: Readonly<Record<string, string>>;
}

/** How many times a task key ran in this run: earlier attempts and repairs, plus the current one. */
export function executionCount(run: StoredRun, key: string, current: StoredTaskRun | undefined): number {
  const earlier = (run.history ?? []).filter((h) => h.task_key === key && h.start_time !== undefined).length;
  return earlier + (current && (current.start_time !== undefined || !isTerminal(current.state)) ? 1 : 0);
}

export function refContext(input: ContextInput): RefContext {
  const { run, task } = input;
  const index = taskIndex(run);
  const iteration = task.iteration;
  return {
    job: {
      id: String(run.job_id), name: run.run_name, run_id: String(run.run_id), repair_count: run.repairs.length,
      start_time: run.start_time, trigger_type: run.trigger, trigger_time: run.trigger_time ?? run.start_time,
      ...(run.file_arrival_location !== undefined ? { file_arrival_location: run.file_arrival_location } : {}),
      parameters: input.parameters,
    },
    task: {
      name: task.task_key, run_id: String(task.run_id),
      // An iteration counts its own attempts; a task every execution of its key (retries, repairs).
      execution_count: iteration ? task.attempt_number + 1 : executionCount(run, task.task_key, undefined) + 1,
      ...(task.task.notebook_task ? { notebook_path: task.task.notebook_task.notebook_path } : {}),
    },
    tasks: (key) => {
      const i = index.get(key);
      const t = i === undefined ? undefined : run.tasks[i];
      return t ? upstreamFacts(run, t) : undefined;
    },
    workspace: input.workspace,
    ...(iteration ? { input: iteration.input } : {}),
  };
}

function upstreamFacts(run: StoredRun, t: StoredTaskRun): UpstreamFacts {
  const result = t.state.result_state;
  const ok = result === undefined || result === 'SUCCESS' || result === 'EXCLUDED' || result === 'DISABLED';
  return {
    run_id: String(t.run_id),
    result_state: result?.toLowerCase() ?? '',
    error_code: ok ? '' : (toStatus(t.state).termination_details?.code ?? ''),
    execution_count: executionCount(run, t.task_key, t),
    ...(t.task.notebook_task ? { notebook_path: t.task.notebook_task.notebook_path } : {}),
    values: t.values ?? {},
  };
}
