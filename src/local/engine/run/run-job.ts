/**
 * A run_job_task attempt: start the other job of the workspace (trigger RUN_JOB_TASK, the parent
 * run's job parameters pushed down where the child defines them), wait for its run to end, and
 * succeed when it succeeded (SUCCESS_WITH_FAILURES included). Canceling the task or its timeout
 * cancels the child run; the child's run id is the task's `run_job_output.run_id`.
 */
import type { Int64 } from '../../../api/json.js';
import type { EngineClock } from '../../../ports/engine.js';
import type { RunControl, TaskResult } from '../../runs/executor.js';
import { isTerminal, type StoredRun, type StoredTaskRun } from '../../runs/model.js';
import type { StoredJob } from '../../store/model.js';
import type { ResolvedTask } from '../plan/resolve-fields.js';
import type { RunWatch } from '../run-watch.js';
import type { CancelToken } from './cancel.js';
import { failure } from './results.js';

export interface RunJobDeps {
  job(jobId: string): StoredJob | undefined;
  clock: EngineClock;
  watch: RunWatch;
  /** Resolves when that run ends (the engine hears run events). */
  waitFor(runId: Int64): Promise<StoredRun>;
  forget(runId: Int64): void;
}

export interface RunJobInput {
  run: StoredRun;
  t: StoredTaskRun;
  r: Extract<ResolvedTask, { kind: 'run_job' }>;
  resolved_values: Record<string, unknown>;
  control: RunControl;
  token: CancelToken;
}

export async function runJobAttempt(d: RunJobDeps, i: RunJobInput): Promise<TaskResult> {
  const { run, t, r, resolved_values, control, token } = i;
  const child = d.job(r.jobId);
  if (!child) return { ...failure(`run_job_task: job ${r.jobId} does not exist in this workspace.`), resolved_values };
  const defined = new Set((child.settings.parameters ?? []).map((p) => p.name));
  const pushed = Object.fromEntries(run.job_parameters.filter((p) => defined.has(p.name)).map((p) => [p.name, p.value ?? p.default ?? '']));
  const job_parameters = { ...pushed, ...r.jobParameters };
  let childId: Int64;
  try {
    childId = await control.startRun({ job_id: child.job_id, ...(Object.keys(job_parameters).length > 0 ? { job_parameters } : {}) }, { trigger: 'RUN_JOB_TASK', parent_task_run_id: t.run_id });
  } catch (err) {
    return { ...failure(`run_job_task could not start job ${r.jobId}: ${err instanceof Error ? err.message : String(err)}`), resolved_values };
  }
  void control.updateTask(t.run_id, { life_cycle_state: 'RUNNING', resolved_values });
  d.watch.taskStarted(run, t);
  const output = { run_job_run_id: childId };
  // Registered before looking: a child that already ended (skipped at its concurrency limit) is seen either way.
  const ended = d.waitFor(childId);
  const now = control.readRun(childId);
  const seconds = t.task.timeout_seconds ?? 0;
  let timedOut = false;
  const stopTimer = seconds > 0 ? d.clock.setTimer(() => ((timedOut = true), void control.cancelRun(childId)), seconds * 1000) : () => undefined;
  const off = token.onCancel(() => void control.cancelRun(childId));
  const done = now && isTerminal(now.state) ? now : await ended;
  d.forget(childId);
  stopTimer();
  off();
  if (token.canceled) return { result_state: 'CANCELED', output };
  if (timedOut) return { result_state: 'TIMEDOUT', message: `Task timed out after ${String(seconds)} seconds.`, output, resolved_values };
  const result = done.state.result_state;
  if (result === 'SUCCESS' || result === 'SUCCESS_WITH_FAILURES') return { result_state: 'SUCCESS', output, resolved_values };
  const message = `The run ${String(childId)} of job ${r.jobId} ended ${result ?? done.state.life_cycle_state}${done.state.state_message ? `: ${done.state.state_message}` : ''}`;
  return { result_state: 'FAILED', message, output: { ...output, error: message }, resolved_values };
}
