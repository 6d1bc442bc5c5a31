/**
 * Transitions the executor asks for about one task run: a progress report, a retry (the failed
 * attempt is kept and a new task run takes its place), and the iterations of a for-each task.
 * Task runs live in `run.tasks` (current attempts) or `run.iterations`; retried top-level
 * attempts move to `run.history` so that the DAG logic sees one task run per task key.
 */
import type { Int64 } from '../../api/json.js';
import type { TaskResult, TaskUpdate } from '../runs/executor.js';
import { draftRun, editIteration, editTask, findTaskRun, isTerminal, type StoredRun, type StoredTaskRun } from '../runs/model.js';
import { finish } from '../runs/settle.js';
import type { State } from '../store/model.js';
import { allocateIds, type WorkspaceContext } from './context.js';
import { emptyTransition, progress, type Transition } from './runs-actions.js';

interface Located {
  run: StoredRun;
  /** The draft's copy of the task run; already placed in the draft. */
  task: StoredTaskRun;
  where: 'tasks' | 'iterations';
  index: number;
}

/** A draft of the run holding `taskRunId` with a writable copy of that task run, if current. */
function locateLive(state: State, taskRunId: Int64): Located | undefined {
  const runId = state.taskRuns.get(String(taskRunId));
  const stored = runId === undefined ? undefined : state.runs.get(runId);
  const found = stored ? findTaskRun(stored, taskRunId) : undefined;
  if (!stored || !found || found.where === 'history' || isTerminal(found.task.state)) return undefined;
  const run = draftRun(stored);
  const task = found.where === 'tasks' ? editTask(run, found.index) : editIteration(run, found.index);
  return { run, task, where: found.where, index: found.index };
}

/** Applies an executor's report to a task run (or iteration). */
export function applyTaskUpdate(ctx: WorkspaceContext, state: State, taskRunId: Int64, update: TaskUpdate): Transition {
  const at = locateLive(state, taskRunId);
  if (!at) return emptyTransition();
  const { run, task } = at;
  const now = ctx.now();
  task.start_time ??= now;
  if (update.resolved_values) task.resolved_values = update.resolved_values;
  if ('life_cycle_state' in update) {
    task.state = { life_cycle_state: update.life_cycle_state, ...(update.message ? { state_message: update.message } : {}) };
    if (update.pid !== undefined) task.pid = update.pid;
  } else {
    if (update.outcome) task.outcome = update.outcome;
    if (update.output) task.output = update.output;
    if (update.values && Object.keys(update.values).length > 0) task.values = update.values;
    finish(task, update.result_state, now, update.message);
  }
  return progress(ctx, state, run, emptyTransition());
}

/** Ends a failed attempt and puts a new attempt (WAITING_FOR_RETRY, executor-owned) in its place. */
export function retryTask(ctx: WorkspaceContext, state: State, taskRunId: Int64, failure: TaskResult): { t: Transition; result: Int64 | undefined } {
  const at = locateLive(state, taskRunId);
  if (!at) return { t: emptyTransition(), result: undefined };
  const { run, task: failed } = at;
  const now = ctx.now();
  failed.start_time ??= now;
  if (failure.output) failed.output = failure.output;
  if (failure.resolved_values) failed.resolved_values = failure.resolved_values;
  finish(failed, failure.result_state, now, failure.message);
  const ids = allocateIds(ctx, state);
  const next: StoredTaskRun = {
    run_id: ids.run(), task_key: failed.task_key, attempt_number: failed.attempt_number + 1,
    original_attempt_run_id: failed.original_attempt_run_id ?? failed.run_id, task: failed.task,
    state: { life_cycle_state: 'WAITING_FOR_RETRY' }, dispatched: true,
    ...(failed.iteration ? { iteration: failed.iteration } : {}),
  };
  if (at.where === 'tasks') {
    run.history = [...(run.history ?? []), { ...failed, superseded: 'retry' }];
    run.tasks[at.index] = next;
  } else {
    (run.iterations as StoredTaskRun[]).push(next);
  }
  const t = progress(ctx, state, run, emptyTransition());
  t.ops.unshift({ op: 'counters', counters: ids.counters() });
  return { t, result: next.run_id };
}

/** Creates the iterations of a running for-each task run: one PENDING task run per input. */
export function addIterations(ctx: WorkspaceContext, state: State, taskRunId: Int64, inputs: readonly string[]): { t: Transition; result: Int64[] } {
  const at = locateLive(state, taskRunId);
  const nested = at?.task.task.for_each_task?.task;
  if (!at || at.where !== 'tasks' || !nested) return { t: emptyTransition(), result: [] };
  const ids = allocateIds(ctx, state);
  const iterations = (at.run.iterations ??= []);
  const created = inputs.map((input, index): StoredTaskRun => ({
    run_id: ids.run(), task_key: nested.task_key, attempt_number: 0, task: nested,
    state: { life_cycle_state: 'PENDING' }, dispatched: true, iteration: { parent: at.task.run_id, index, input },
  }));
  iterations.push(...created);
  at.task.start_time ??= ctx.now();
  const t = progress(ctx, state, at.run, emptyTransition());
  t.ops.unshift({ op: 'counters', counters: ids.counters() });
  return { t, result: created.map((c) => c.run_id) };
}
