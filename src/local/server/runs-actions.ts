/**
 * The run transitions shared by several endpoints and by the executor's reports: settle a run
 * (runs/settle.ts), start queued runs when a slot frees up, cancel, and hand newly ready tasks to
 * the executor once the state naming them is durable. Each function returns ops for the caller's
 * `store.mutate` plus the follow-up work to do after the commit.
 */
import type { Int64 } from '../../api/json.js';
import type { ReadyTask, RunControl, TaskUpdate } from '../runs/executor.js';
import { isActive, isTerminal, type StoredRun, type StoredTaskRun } from '../runs/model.js';
import { finish, settleRun } from '../runs/settle.js';
import { startTasks } from '../runs/create-run.js';
import { runView, taskView } from '../runs/view.js';
import type { Op, State } from '../store/model.js';
import type { WorkspaceContext } from './context.js';

export interface Transition {
  ops: Op[];
  /** Task runs that go to the executor after the commit. */
  dispatch: { run: StoredRun; taskRunIds: Int64[] }[];
  /** Task runs the executor must stop. */
  canceled: { runId: Int64; taskRunIds: Int64[] }[];
}

export const emptyTransition = (): Transition => ({ ops: [], dispatch: [], canceled: [] });

export function cloneRun(run: StoredRun): StoredRun {
  return structuredClone(run);
}

/** Settles a (copied) run, marks what goes to the executor, and starts queued runs of its job. */
export function progress(ctx: WorkspaceContext, state: State, run: StoredRun, into: Transition = emptyTransition()): Transition {
  settleRun(run, ctx.now());
  const ready = ctx.executor ? run.tasks.filter((t) => t.state.life_cycle_state === 'PENDING' && !t.dispatched) : [];
  for (const t of ready) t.dispatched = true;
  if (ready.length > 0) settleRun(run, ctx.now());
  into.ops.push({ op: 'run.put', run });
  if (ready.length > 0) into.dispatch.push({ run, taskRunIds: ready.map((t) => t.run_id) });
  if (isTerminal(run.state)) dequeue(ctx, state, run.job_id, run.run_id, into);
  return into;
}

/** Starts the oldest queued runs of a job while it has free slots. */
function dequeue(ctx: WorkspaceContext, state: State, jobId: Int64, justEnded: Int64, into: Transition): void {
  const job = state.jobs.get(String(jobId));
  if (!job) return;
  const runs = [...state.runs.values()].filter((r) => String(r.job_id) === String(jobId) && String(r.run_id) !== String(justEnded));
  let active = runs.filter((r) => isActive(r.state) && r.state.life_cycle_state !== 'QUEUED').length;
  const queued = runs.filter((r) => r.state.life_cycle_state === 'QUEUED').sort((a, b) => a.start_time - b.start_time);
  for (const q of queued) {
    if (active >= (job.settings.max_concurrent_runs ?? 1)) break;
    const run = cloneRun(q);
    startTasks(run);
    progress(ctx, state, run, into);
    active++;
  }
}

/** Cancels a whole run: active tasks CANCELED, waiting ones UPSTREAM_CANCELED. */
export function cancelRun(ctx: WorkspaceContext, state: State, stored: StoredRun, into: Transition = emptyTransition()): Transition {
  if (isTerminal(stored.state)) return into;
  const run = cloneRun(stored);
  const now = ctx.now();
  run.cancel_requested = true;
  const stopped: Int64[] = [];
  for (const t of run.tasks) {
    if (isTerminal(t.state)) continue;
    if (t.dispatched) stopped.push(t.run_id);
    const waiting = t.state.life_cycle_state === 'BLOCKED' || t.state.life_cycle_state === 'QUEUED';
    finish(t, waiting ? 'UPSTREAM_CANCELED' : 'CANCELED', now, waiting ? 'An upstream task was canceled.' : 'The task was canceled.');
  }
  if (run.state.life_cycle_state === 'QUEUED') run.state = { life_cycle_state: 'PENDING' };
  if (stopped.length > 0) into.canceled.push({ runId: run.run_id, taskRunIds: stopped });
  return progress(ctx, state, run, into);
}

/** Cancels one task run; downstream tasks then follow their run_if. */
export function cancelTaskRun(ctx: WorkspaceContext, state: State, stored: StoredRun, taskRunId: Int64): Transition {
  const run = cloneRun(stored);
  const task = run.tasks.find((t) => String(t.run_id) === String(taskRunId));
  const into = emptyTransition();
  if (!task || isTerminal(task.state)) return into;
  if (task.dispatched) into.canceled.push({ runId: run.run_id, taskRunIds: [task.run_id] });
  finish(task, 'CANCELED', ctx.now(), 'The task was canceled.');
  return progress(ctx, state, run, into);
}

export function cancelActiveRuns(ctx: WorkspaceContext, state: State, jobId: Int64 | undefined, queuedOnly = false): Transition {
  const into = emptyTransition();
  for (const run of state.runs.values()) {
    if (jobId !== undefined && String(run.job_id) !== String(jobId)) continue;
    if (queuedOnly && run.state.life_cycle_state !== 'QUEUED') continue;
    cancelRun(ctx, state, run, into);
  }
  return into;
}

/** Applies an executor's report to a task run. */
export function applyTaskUpdate(ctx: WorkspaceContext, state: State, taskRunId: Int64, update: TaskUpdate): Transition {
  const runId = state.taskRuns.get(String(taskRunId));
  const stored = runId === undefined ? undefined : state.runs.get(runId);
  const into = emptyTransition();
  if (!stored) return into;
  const run = cloneRun(stored);
  const task = run.tasks.find((t) => String(t.run_id) === String(taskRunId));
  if (!task || isTerminal(task.state)) return into;
  const now = ctx.now();
  if ('life_cycle_state' in update) {
    task.state = { life_cycle_state: update.life_cycle_state, ...(update.message ? { state_message: update.message } : {}) };
    task.start_time ??= now;
  } else {
    task.start_time ??= now;
    if (update.outcome) task.outcome = update.outcome;
    if (update.output) task.output = update.output;
    finish(task, update.result_state, now, update.message);
  }
  return progress(ctx, state, run, into);
}

/** What the executor receives for some task runs of one run. */
function readyTasks(ctx: WorkspaceContext, stored: StoredRun, tasks: readonly StoredTaskRun[]): ReadyTask[] {
  const view = { url: ctx.url(), workspaceId: ctx.workspaceId };
  const { run } = runView(view, stored);
  const parameters = Object.fromEntries(stored.job_parameters.map((p) => [p.name, p.value ?? p.default ?? '']));
  return tasks.map((t) => ({ run, task: taskView(view, stored, t), parameters }));
}

/** Task runs handed to an executor before a restart and still not finished. */
export function orphanedTasks(ctx: WorkspaceContext, state: State): ReadyTask[] {
  return [...state.runs.values()].flatMap((stored) => readyTasks(ctx, stored, stored.tasks.filter((t) => t.dispatched && !isTerminal(t.state))));
}

/** After a commit: tell the executor about canceled and newly ready tasks. */
export function afterCommit(ctx: WorkspaceContext, t: Transition, control: RunControl): void {
  const executor = ctx.executor;
  if (!executor) return;
  for (const c of t.canceled) executor.cancel?.(c.runId, c.taskRunIds);
  for (const { run, taskRunIds } of t.dispatch) {
    const wanted = new Set(taskRunIds.map(String));
    executor.start(readyTasks(ctx, run, run.tasks.filter((task) => wanted.has(String(task.run_id)))), control);
  }
}
