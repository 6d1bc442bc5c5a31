/**
 * The run transitions shared by several endpoints and by the executor's reports: settle a run
 * (runs/settle.ts), start queued runs when a slot frees up, cancel or time out, and hand newly
 * ready tasks to the executor once the state naming them is durable. Each function returns ops
 * for the caller's `store.mutate` plus the follow-up work to do after the commit.
 */
import type { Int64 } from '../../api/json.js';
import type { ReadyTask, RunControl, RunEvent } from '../runs/executor.js';
import { draftRun, editIteration, editTask, isActive, isTerminal, type StoredRun, type StoredTaskRun } from '../runs/model.js';
import { finish, settleRun } from '../runs/settle.js';
import { startTasks } from '../runs/create-run.js';
import { runView, taskView } from '../runs/view.js';
import { diffRun } from '../store/run-diff.js';
import type { Op, State } from '../store/model.js';
import type { WorkspaceContext } from './context.js';

export interface Transition {
  ops: Op[];
  /** Task runs that go to the executor after the commit. */
  dispatch: { run: StoredRun; taskRunIds: Int64[] }[];
  /** Task runs the executor must stop. */
  canceled: { runId: Int64; taskRunIds: Int64[] }[];
  /** Runs that started or finished, for the executor (notifications, timeouts, child runs). */
  events: RunEvent[];
  /** Runs this transition already wrote: a second write of the same run is a whole-run write. */
  written: Set<string>;
}

export const emptyTransition = (): Transition => ({ ops: [], dispatch: [], canceled: [], events: [], written: new Set() });

/** Records `run` as the new state of its run: a patch against the committed run when possible. */
function writeRun(state: State, run: StoredRun, into: Transition): void {
  const key = String(run.run_id);
  const before = into.written.has(key) ? undefined : state.runs.get(key);
  into.ops.push((before && diffRun(before, run)) ?? { op: 'run.put', run });
  into.written.add(key);
}

/** Settles a draft run, marks what goes to the executor, and starts queued runs of its job. */
export function progress(ctx: WorkspaceContext, state: State, run: StoredRun, into: Transition = emptyTransition()): Transition {
  settleRun(run, ctx.now());
  const ready: StoredTaskRun[] = [];
  if (ctx.executor)
    run.tasks.forEach((t, i) => {
      if (t.state.life_cycle_state !== 'PENDING' || t.dispatched) return;
      const w = editTask(run, i);
      w.dispatched = true;
      ready.push(w);
    });
  if (ready.length > 0) settleRun(run, ctx.now());
  const before = state.runs.get(String(run.run_id));
  writeRun(state, run, into);
  noteEvents(before, run, into);
  if (ready.length > 0) into.dispatch.push({ run, taskRunIds: ready.map((t) => t.run_id) });
  if (isTerminal(run.state)) dequeue(ctx, state, run.job_id, run.run_id, into);
  return into;
}

/** `started` when a run leaves the queue, is created running or is repaired; `finished` once. */
function noteEvents(before: StoredRun | undefined, run: StoredRun, into: Transition): void {
  const waiting = (r: StoredRun | undefined): boolean => !r || r.state.life_cycle_state === 'QUEUED' || isTerminal(r.state);
  if (waiting(before) && run.state.life_cycle_state !== 'QUEUED' && run.state.life_cycle_state !== 'SKIPPED') into.events.push({ type: 'started', run });
  if (isTerminal(run.state) && (!before || !isTerminal(before.state))) into.events.push({ type: 'finished', run });
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
    const run = draftRun(q);
    startTasks(run);
    run.dequeued_at = ctx.now();
    progress(ctx, state, run, into);
    active++;
  }
}

export type StopReason = 'canceled' | 'timedout';

/**
 * Cancels a whole run (or ends it at the job timeout): active tasks and iterations become
 * CANCELED (TIMEDOUT), waiting ones UPSTREAM_CANCELED.
 */
export function cancelRun(ctx: WorkspaceContext, state: State, stored: StoredRun, into: Transition = emptyTransition(), reason: StopReason = 'canceled'): Transition {
  if (isTerminal(stored.state)) return into;
  const run = draftRun(stored);
  const now = ctx.now();
  if (reason === 'timedout') run.timed_out = true;
  else run.cancel_requested = true;
  const stopped: Int64[] = [];
  for (let i = 0; i < run.tasks.length; i++) {
    if (isTerminal((run.tasks[i] as StoredTaskRun).state)) continue;
    const t = editTask(run, i);
    if (t.dispatched) stopped.push(t.run_id);
    const waiting = t.state.life_cycle_state === 'BLOCKED' || t.state.life_cycle_state === 'QUEUED';
    if (waiting) finish(t, 'UPSTREAM_CANCELED', now, 'An upstream task was canceled.');
    else stopTask(t, reason, now);
  }
  stopped.push(...stopIterations(run, undefined, reason, now));
  if (run.state.life_cycle_state === 'QUEUED') run.state = { life_cycle_state: 'PENDING' };
  if (stopped.length > 0) into.canceled.push({ runId: run.run_id, taskRunIds: stopped });
  return progress(ctx, state, run, into);
}

function stopTask(t: StoredTaskRun, reason: StopReason, now: number): void {
  if (reason === 'timedout') finish(t, 'TIMEDOUT', now, 'The run exceeded the job timeout.');
  else finish(t, 'CANCELED', now, 'The task was canceled.');
}

/** Stops the unfinished iterations of one for-each task run (or of all, without `parent`). */
function stopIterations(run: StoredRun, parent: Int64 | undefined, reason: StopReason, now: number): Int64[] {
  const stopped: Int64[] = [];
  (run.iterations ?? []).forEach((it, i) => {
    if (isTerminal(it.state) || (parent !== undefined && String(it.iteration?.parent) !== String(parent))) return;
    stopTask(editIteration(run, i), reason, now);
    stopped.push(it.run_id);
  });
  return stopped;
}

/** Cancels one task run (or one iteration); downstream tasks then follow their run_if. */
export function cancelTaskRun(ctx: WorkspaceContext, state: State, stored: StoredRun, taskRunId: Int64): Transition {
  const run = draftRun(stored);
  const into = emptyTransition();
  const now = ctx.now();
  const at = run.tasks.findIndex((t) => String(t.run_id) === String(taskRunId));
  if (at >= 0) {
    const task = editTask(run, at);
    if (isTerminal(task.state)) return into;
    finish(task, 'CANCELED', now, 'The task was canceled.');
    // A for-each task's iterations stop with it.
    const stopped = [...(task.dispatched ? [task.run_id] : []), ...stopIterations(run, task.run_id, 'canceled', now)];
    if (stopped.length > 0) into.canceled.push({ runId: run.run_id, taskRunIds: stopped });
    return progress(ctx, state, run, into);
  }
  const index = (run.iterations ?? []).findIndex((t) => String(t.run_id) === String(taskRunId));
  const iteration = run.iterations?.[index];
  if (!iteration || isTerminal(iteration.state)) return into;
  finish(editIteration(run, index), 'CANCELED', now, 'The iteration was canceled.');
  into.canceled.push({ runId: run.run_id, taskRunIds: [iteration.run_id] });
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

/** What the executor receives for some task runs of one run. */
export function readyTasks(ctx: WorkspaceContext, stored: StoredRun, tasks: readonly StoredTaskRun[]): ReadyTask[] {
  const view = { url: ctx.url(), workspaceId: ctx.workspaceId };
  const { run } = runView(view, stored, { withTasks: false });
  const parameters = Object.fromEntries(stored.job_parameters.map((p) => [p.name, p.value ?? p.default ?? '']));
  return tasks.map((t) => ({ run, task: taskView(view, stored, t), parameters, stored }));
}

/** Task runs (and iterations) handed to an executor before a restart and still not finished. */
export function orphanedTasks(ctx: WorkspaceContext, state: State): ReadyTask[] {
  return [...state.runs.values()].flatMap((stored) =>
    readyTasks(ctx, stored, [...stored.tasks, ...(stored.iterations ?? [])].filter((t) => t.dispatched && !isTerminal(t.state))));
}

/** After a commit: tell the executor about canceled and newly ready tasks, then run events. */
export function afterCommit(ctx: WorkspaceContext, t: Transition, control: RunControl): void {
  const executor = ctx.executor;
  if (!executor) return;
  for (const c of t.canceled) executor.cancel?.(c.runId, c.taskRunIds);
  for (const { run, taskRunIds } of t.dispatch) {
    const wanted = new Set(taskRunIds.map(String));
    executor.start(readyTasks(ctx, run, run.tasks.filter((task) => wanted.has(String(task.run_id)))), control);
  }
  for (const e of t.events) executor.onRunEvent?.(e, control);
}
