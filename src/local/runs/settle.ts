/**
 * Moves a run forward as far as it can go without executing anything: blocked tasks whose
 * dependencies are all done get their `run_if` evaluated (job-settings.md §3), disabled tasks
 * become DISABLED, condition tasks with literal operands are evaluated, and once every task is
 * terminal the run's result is rolled up from its leaf tasks (§3.2). Tasks that need real work
 * are left PENDING for an executor: with none, they stay PENDING — never a fake success.
 *
 * Pure: it edits the run it is given (a draft, model.ts `draftRun`, whose task runs it copies
 * before changing them) and takes `now` as an argument.
 */
import type { ResultState, RunState } from '../../api/runs.js';
import { evaluateCondition } from './condition.js';
import { editTask, isTerminal, taskIndex, type StoredRun, type StoredTaskRun } from './model.js';

type Edge = 'success' | 'failed' | 'canceled' | 'excluded';

const SUCCESS_LIKE: ReadonlySet<string> = new Set(['SUCCESS', 'SUCCESS_WITH_FAILURES', 'EXCLUDED', 'DISABLED']);
const CANCELED: ReadonlySet<string> = new Set(['CANCELED', 'UPSTREAM_CANCELED']);

export function settleRun(run: StoredRun, now: number): void {
  if (isTerminal(run.state) || run.state.life_cycle_state === 'QUEUED') return;
  const index = taskIndex(run);
  const upstream = (key: string): StoredTaskRun | undefined => {
    const i = index.get(key);
    return i === undefined ? undefined : run.tasks[i];
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < run.tasks.length; i++) if (stepTask(run, i, upstream, now)) changed = true;
  }
  rollUp(run, now);
}

/** One step for one task; returns whether it changed. */
function stepTask(run: StoredRun, i: number, upstream: (key: string) => StoredTaskRun | undefined, now: number): boolean {
  const task = run.tasks[i] as StoredTaskRun;
  const lc = task.state.life_cycle_state;
  if (lc === 'BLOCKED') {
    const edges: Edge[] = [];
    for (const d of task.task.depends_on ?? []) {
      const edge = edgeOf(upstream(d.task_key), d.outcome);
      if (edge === 'pending') return false;
      edges.push(edge);
    }
    const verdict = decideRunIf(task.task.run_if ?? 'ALL_SUCCESS', edges);
    const w = editTask(run, i);
    if (verdict === 'run') w.state = { life_cycle_state: 'PENDING' };
    else finish(w, verdict, now, verdict === 'EXCLUDED' ? 'The task was excluded by its run_if condition or a condition branch.' : 'An upstream task did not succeed.');
    return true;
  }
  if (lc === 'PENDING' && !task.dispatched) {
    if (task.task.disabled) {
      finish(editTask(run, i), 'DISABLED', now, 'This task is disabled.');
      return true;
    }
    if (task.task.condition_task) {
      const result = evaluateCondition(task.task.condition_task);
      if (!result) return false;
      const w = editTask(run, i);
      w.start_time ??= now;
      if ('error' in result) finish(w, 'FAILED', now, result.error);
      else {
        w.outcome = result.outcome;
        finish(w, 'SUCCESS', now);
      }
      return true;
    }
  }
  return false;
}

function edgeOf(upstream: StoredTaskRun | undefined, outcome: string | undefined): Edge | 'pending' {
  // A dependency on a task outside this run (an `only` subset) was trimmed at creation.
  if (!upstream) return 'success';
  if (!isTerminal(upstream.state)) return 'pending';
  const r = upstream.state.result_state ?? 'FAILED';
  if (r === 'EXCLUDED' || r === 'DISABLED') return 'excluded';
  if (SUCCESS_LIKE.has(r)) return outcome !== undefined && upstream.outcome !== outcome ? 'excluded' : 'success';
  return CANCELED.has(r) ? 'canceled' : 'failed';
}

/** `run`, or the result a task gets when its run_if is not met. */
export function decideRunIf(runIf: string, edges: Edge[]): 'run' | ResultState {
  if (edges.length === 0) return 'run';
  if (edges.every((e) => e === 'excluded')) return 'EXCLUDED';
  const ok = edges.filter((e) => e === 'success' || e === 'excluded').length;
  const failed = edges.filter((e) => e === 'failed').length;
  const canceled = edges.filter((e) => e === 'canceled').length;
  const notMet = canceled > 0 ? 'UPSTREAM_CANCELED' : 'UPSTREAM_FAILED';
  switch (runIf) {
    case 'ALL_DONE':
      return 'run';
    case 'AT_LEAST_ONE_SUCCESS':
      return ok > 0 ? 'run' : notMet;
    case 'NONE_FAILED':
      return failed + canceled === 0 && ok > 0 ? 'run' : notMet;
    case 'AT_LEAST_ONE_FAILED':
      return failed > 0 ? 'run' : 'EXCLUDED';
    case 'ALL_FAILED':
      return failed === edges.length ? 'run' : 'EXCLUDED';
    default:
      return ok === edges.length ? 'run' : notMet;
  }
}

export function finish(task: StoredTaskRun, result: ResultState, now: number, message?: string): void {
  task.state = {
    life_cycle_state: 'TERMINATED',
    result_state: result,
    ...(message ? { state_message: message } : {}),
    ...(result === 'CANCELED' || result === 'TIMEDOUT' ? { user_cancelled_or_timedout: true } : {}),
  };
  task.end_time = now;
}

/** Sets the run's own state from its tasks. */
function rollUp(run: StoredRun, now: number): void {
  if (!run.tasks.every((t) => isTerminal(t.state))) {
    const started = run.tasks.some((t) => t.state.life_cycle_state === 'RUNNING' || isTerminal(t.state) || t.dispatched);
    run.state = { life_cycle_state: started ? 'RUNNING' : 'PENDING' };
    return;
  }
  run.state = runResult(run);
  run.end_time = now;
  const last = run.repairs.at(-1);
  if (last) Object.assign(last, { end_time: now, state: run.state });
  else Object.assign(run, { original_end_time: now, original_state: run.state });
}

function runResult(run: StoredRun): RunState {
  if (run.timed_out)
    return { life_cycle_state: 'TERMINATED', result_state: 'TIMEDOUT', state_message: 'The run exceeded the job timeout.', user_cancelled_or_timedout: true };
  if (run.cancel_requested)
    return { life_cycle_state: 'TERMINATED', result_state: 'CANCELED', state_message: 'Run was canceled.', user_cancelled_or_timedout: true };
  const downstream = new Set(run.tasks.flatMap((t) => (t.task.depends_on ?? []).map((d) => d.task_key)));
  const leaves = run.tasks.filter((t) => !downstream.has(t.task_key));
  const bad = (t: StoredTaskRun): boolean => !SUCCESS_LIKE.has(t.state.result_state ?? 'FAILED');
  const failedLeaf = leaves.find(bad);
  if (failedLeaf) {
    const culprit = run.tasks.find((t) => t.state.result_state === 'FAILED' || t.state.result_state === 'TIMEDOUT') ?? failedLeaf;
    const reason = culprit.state.state_message ?? culprit.state.result_state ?? 'FAILED';
    const canceledOnly = run.tasks.every((t) => !bad(t) || CANCELED.has(t.state.result_state ?? ''));
    if (canceledOnly) {
      // The task that was canceled, not a leaf that only did not run because of it.
      const canceled = run.tasks.find((t) => t.state.result_state === 'CANCELED') ?? failedLeaf;
      return { life_cycle_state: 'TERMINATED', result_state: 'CANCELED', state_message: `Task ${canceled.task_key} was canceled.`, user_cancelled_or_timedout: true };
    }
    // Observed on cloud: a multi-task job run whose task failed ends INTERNAL_ERROR / FAILED.
    return { life_cycle_state: 'INTERNAL_ERROR', result_state: 'FAILED', state_message: `Task ${culprit.task_key} failed with message: ${reason}.` };
  }
  if (run.tasks.some(bad)) return { life_cycle_state: 'TERMINATED', result_state: 'SUCCESS_WITH_FAILURES' };
  return { life_cycle_state: 'TERMINATED', result_state: 'SUCCESS' };
}
