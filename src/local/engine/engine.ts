/**
 * The local engine: the `RunExecutor` that really runs a job's tasks on this machine.
 *
 * The server decides *what* may run (dependencies, run_if, condition branches, queueing) and
 * hands ready tasks over; the engine decides *how*: it resolves `{{…}}` references, runs Python
 * scripts, wheels and notebooks as processes (at most `maxParallel` at once), evaluates
 * condition tasks, fans out for-each iterations, starts and waits for run_job_task children,
 * retries failed attempts, enforces task and job timeouts, and stops processes on cancel. Every
 * change is reported through `RunControl`, so runs/get shows exactly what happened.
 */
import { join } from 'node:path';
import type { Int64 } from '../../api/json.js';
import type { JobSettings } from '../../api/jobs.js';
import type { ReadyTask, RunControl, RunEvent, RunExecutor, TaskResult } from '../runs/executor.js';
import { findTaskRun, isTerminal, taskIndex, type StoredRun, type StoredTaskRun } from '../runs/model.js';
import type { StoredJob } from '../store/model.js';
import { refContext } from './refs/context.js';
import { classifyTask } from './plan/task-kind.js';
import { resolveTaskFields, type Overrides, type ResolvedTask } from './plan/resolve-fields.js';
import { decideCondition, DEFAULT_FOR_EACH_LIMITS, forEachConcurrency, parseForEachInputs, retryDelay, type ForEachLimits } from './plan/policy.js';
import type { EngineClock, EngineFs, ProcessPort } from '../../ports/engine.js';
import { CancelToken } from './run/cancel.js';
import { startAttempt, type PythonRuntime } from './run/process-attempt.js';
import { RunFiles, type WorkspaceView } from './run/run-files.js';
import { Slots } from './run/slots.js';
import { RunWatch } from './run-watch.js';
import type { Notifier } from './notify/deliver.js';
import { runPageUrl } from '../runs/view.js';
import type { RunState } from '../../api/runs.js';

export interface EngineWorkspace extends WorkspaceView {
  job(jobId: Int64 | string): StoredJob | undefined;
  id: string;
  url(): string;
}

export interface LocalEngineOptions {
  workspace: EngineWorkspace;
  /** Per-run working directories go below this (`runs/<run id>`). */
  workRoot: string;
  /** Task processes at once. */
  maxParallel: number;
  runtime: PythonRuntime;
  processes: ProcessPort;
  fs: EngineFs;
  clock: EngineClock;
  /** Keep each run's directory after it ends (debugging); default: removed. */
  keepWorkDirs?: boolean;
  forEachLimits?: ForEachLimits;
  /** Delivers job and task notifications (notify/deliver.ts). */
  notifier: Notifier;
  /** Also told about every run event (after the engine's own handling). */
  onRunEvent?: (event: RunEvent, control: RunControl) => void;
  warn(message: string): void;
}

/** A task run or iteration the engine is working on: stop it on cancel. */
type Live = CancelToken;

interface RunSpace {
  files: RunFiles;
  tasksDir: Promise<string>;
}

export class LocalEngine implements RunExecutor {
  private readonly slots: Slots;
  private readonly live = new Map<string, Live>();
  private readonly spaces = new Map<string, RunSpace>();
  private readonly childWaiters = new Map<string, (run: StoredRun) => void>();
  private readonly work = new Set<Promise<unknown>>();
  private closed = false;
  private readonly watch: RunWatch;

  constructor(private readonly o: LocalEngineOptions) {
    this.slots = new Slots(o.maxParallel);
    this.watch = new RunWatch({
      clock: o.clock, notifier: o.notifier, job: (id) => o.workspace.job(id), workspaceId: o.workspace.id,
      runPageUrl: (jobId, runId) => runPageUrl({ url: o.workspace.url(), workspaceId: o.workspace.id }, jobId, runId),
      track: (p) => this.track(p),
    });
  }

  start(tasks: ReadyTask[], control: RunControl): void {
    for (const ready of tasks) {
      const i = taskIndex(ready.stored).get(ready.task.task_key);
      const at = i === undefined ? undefined : ready.stored.tasks[i];
      const taskRun = at && String(at.run_id) === String(ready.task.run_id) ? at : findTaskRun(ready.stored, ready.task.run_id)?.task;
      if (taskRun) this.track(this.execute(ready.stored.run_id, taskRun, control));
    }
  }

  cancel(_runId: Int64, taskRunIds: Int64[]): void {
    for (const id of taskRunIds) this.live.get(String(id))?.cancel();
  }

  onRunEvent(event: RunEvent, control: RunControl): void {
    const key = String(event.run.run_id);
    // A repair starts over with the workspace's current files.
    if (event.type === 'started') this.spaces.delete(key);
    if (event.type === 'finished') {
      this.childWaiters.get(key)?.(event.run);
      this.spaces.delete(key);
      if (!this.o.keepWorkDirs) this.track(this.o.fs.rm(this.runDir(event.run.run_id)).catch(() => undefined));
    }
    this.watch.onRunEvent(event, control);
    this.o.onRunEvent?.(event, control);
  }

  /**
   * Tasks that were running when the server stopped: what is left of their processes (their
   * own process groups outlive a crashed server) is killed, then they fail.
   */
  resume(tasks: ReadyTask[], control: RunControl): void {
    for (const { task, stored } of tasks) {
      const pid = findTaskRun(stored, task.run_id)?.task.pid;
      if (pid !== undefined) this.o.processes.killGroup(pid);
      this.track(control.updateTask(task.run_id, { result_state: 'FAILED', message: 'The local workspace restarted while this task was running.' }));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watch.close();
    for (const l of this.live.values()) l.cancel();
    await this.idle();
  }

  /** Resolves when no task work is in flight (tests, benchmarks, shutdown). */
  async idle(): Promise<void> {
    while (this.work.size > 0) await Promise.allSettled([...this.work]);
  }

  private track(p: Promise<unknown>): void {
    const tracked = p.catch((err: unknown) => this.o.warn(`engine: ${err instanceof Error ? err.stack ?? err.message : String(err)}`)).finally(() => this.work.delete(tracked));
    this.work.add(tracked);
  }

  private runDir(runId: Int64): string {
    return join(this.o.workRoot, 'runs', String(runId));
  }

  /** A run's copied workspace files and its task directory, made once per run (or repair). */
  private space(runId: Int64): RunSpace {
    const key = String(runId);
    let s = this.spaces.get(key);
    if (!s) {
      const tasksDir = join(this.runDir(runId), 'tasks');
      s = { files: new RunFiles(join(this.runDir(runId), 'ws'), this.o.workspace, this.o.fs), tasksDir: this.o.fs.mkdir(tasksDir).then(() => tasksDir) };
      this.spaces.set(key, s);
    }
    return s;
  }

  private jobSettings(run: StoredRun): JobSettings | undefined {
    return this.o.workspace.job(run.job_id)?.settings;
  }

  /** Runs one task run or iteration to its final report (retries included). */
  private async execute(runId: Int64, first: StoredTaskRun, control: RunControl): Promise<TaskResult | undefined> {
    const run = control.readRun(runId);
    if (!run || this.closed) return undefined;
    const classified = classifyTask(first.task, !!this.jobSettings(run)?.git_source);
    if ('unsupported' in classified) return this.report(control, first.run_id, failure(classified.unsupported));
    if (classified.kind === 'condition') return this.condition(run, first, control);
    if (classified.kind === 'for_each') return this.forEach(runId, first, control);
    return this.withRetries(runId, first, control);
  }

  private async report(control: RunControl, taskRunId: Int64, result: TaskResult): Promise<TaskResult> {
    await control.updateTask(taskRunId, result);
    return result;
  }

  /** Resolves a task's fields in the current state of its run. */
  private resolve(run: StoredRun, t: StoredTaskRun): { task?: ResolvedTask; resolved_values: Record<string, unknown>; errors: string[] } {
    const parameters = Object.fromEntries(run.job_parameters.map((p) => [p.name, p.value ?? p.default ?? '']));
    const ctx = refContext({ run, task: t, workspace: { id: this.o.workspace.id, url: this.o.workspace.url() }, parameters });
    return resolveTaskFields(t.task, ctx, parameters, (run.overriding_parameters ?? {}) as Overrides);
  }

  private async condition(run: StoredRun, t: StoredTaskRun, control: RunControl): Promise<TaskResult> {
    const r = this.resolve(run, t);
    if (r.errors.length > 0 || r.task?.kind !== 'condition') return this.report(control, t.run_id, unresolved(r.errors, r.resolved_values));
    const decided = decideCondition(r.task.left, r.task.op, r.task.right);
    const result: TaskResult = 'error' in decided
      ? { ...failure(decided.error), resolved_values: r.resolved_values }
      : { result_state: 'SUCCESS', outcome: decided.outcome, resolved_values: r.resolved_values };
    return this.report(control, t.run_id, result);
  }

  /**
   * Attempts until one succeeds or the retry policy says stop. Each retry is a new task run
   * (the server records the failed attempt and creates the next); the wait between attempts
   * counts from the failed attempt's start and can be canceled.
   */
  private async withRetries(runId: Int64, first: StoredTaskRun, control: RunControl): Promise<TaskResult | undefined> {
    let current = first;
    for (;;) {
      const run = control.readRun(runId);
      if (!run) return undefined;
      const token = this.register(current.run_id);
      const startedAt = this.o.clock.now();
      let result: TaskResult;
      try {
        result = await this.attempt(run, current, control, token);
      } finally {
        this.live.delete(String(current.run_id));
      }
      if (token.canceled || result.result_state === 'CANCELED') return this.report(control, current.run_id, this.canceled());
      const delay = retryDelay(current.task, current.attempt_number, result.result_state as 'FAILED', startedAt, this.o.clock.now());
      this.watch.taskEnded(run, current, stateOf(result), delay === undefined || this.closed);
      if (delay === undefined || this.closed) return this.report(control, current.run_id, result);
      const next = await control.retryTask(current.run_id, result);
      if (next === undefined) return result;
      // The interval counts from the failed attempt's start as runs/get shows it.
      const recorded = findTaskRun(control.readRun(runId) ?? run, current.run_id)?.task.start_time;
      const wait = recorded === undefined ? delay : (retryDelay(current.task, current.attempt_number, result.result_state as 'FAILED', recorded, this.o.clock.now()) ?? 0);
      const waitToken = this.register(next);
      const waited = await this.sleep(wait, waitToken);
      this.live.delete(String(next));
      if (!waited) return this.report(control, next, this.canceled());
      const after = control.readRun(runId);
      const nextRun = after && findTaskRun(after, next)?.task;
      if (!nextRun || isTerminal(nextRun.state)) return undefined;
      current = nextRun;
    }
  }

  /** A canceled attempt; at shutdown it says so (a user's cancel has already ended the task). */
  private canceled(): TaskResult {
    return this.closed ? { result_state: 'CANCELED', message: 'The local workspace was shut down while this task was running.' } : { result_state: 'CANCELED' };
  }

  private register(taskRunId: Int64): CancelToken {
    const token = new CancelToken();
    this.live.set(String(taskRunId), token);
    return token;
  }

  /** Waits `ms`; false when canceled first. */
  private sleep(ms: number, token: CancelToken): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(!token.canceled);
    return new Promise((resolve) => {
      const stopTimer = this.o.clock.setTimer(() => (off(), resolve(true)), ms);
      const off = token.onCancel(() => (stopTimer(), resolve(false)));
    });
  }

  /** One attempt of a task that does work: a process, or a run_job_task's child run. */
  private async attempt(run: StoredRun, t: StoredTaskRun, control: RunControl, token: CancelToken): Promise<TaskResult> {
    const r = this.resolve(run, t);
    if (r.errors.length > 0 || !r.task) return unresolved(r.errors, r.resolved_values);
    if (r.task.kind === 'run_job') return this.runJob(run, t, r.task, r.resolved_values, control, token);
    if (r.task.kind !== 'python' && r.task.kind !== 'wheel' && r.task.kind !== 'notebook') return failure(`Unexpected task kind ${r.task.kind}.`);
    const release = await this.slots.acquire(token.whenCanceled);
    if (!release) return { result_state: 'CANCELED' };
    try {
      const space = this.space(run.run_id);
      const handle = startAttempt({
        resolved: r.task, task: t.task, job: this.jobSettings(run), taskKey: t.task_key, taskRunId: String(t.run_id),
        jobRunId: String(run.run_id), jobId: String(run.job_id), taskValues: valuesOf(run), files: space.files, dir: await space.tasksDir,
      }, { runtime: this.o.runtime, processes: this.o.processes, fs: this.o.fs, clock: this.o.clock });
      const off = token.onCancel(() => handle.cancel());
      void handle.started.then((pid) => {
        if (pid === undefined) return;
        this.watch.taskStarted(run, t);
        void control.updateTask(t.run_id, { life_cycle_state: 'RUNNING', resolved_values: r.resolved_values, pid }).catch((e: unknown) => this.o.warn(String(e)));
      });
      const result = await handle.result;
      off();
      return { ...result, resolved_values: r.resolved_values };
    } finally {
      release();
    }
  }

  /** run_job_task: start the other job's run (trigger RUN_JOB_TASK) and wait for it to end. */
  private async runJob(run: StoredRun, t: StoredTaskRun, r: Extract<ResolvedTask, { kind: 'run_job' }>, resolved_values: Record<string, unknown>, control: RunControl, token: CancelToken): Promise<TaskResult> {
    const child = this.o.workspace.job(r.jobId);
    if (!child) return { ...failure(`run_job_task: job ${r.jobId} does not exist in this workspace.`), resolved_values };
    // Job parameters push down to the child where it defines a parameter of the same name.
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
    this.watch.taskStarted(run, t);
    const output = { run_job_run_id: childId };
    const ended = new Promise<StoredRun>((resolve) => this.childWaiters.set(String(childId), resolve));
    const now = control.readRun(childId);
    const timeoutMs = (t.task.timeout_seconds ?? 0) * 1000;
    let timedOut = false;
    const stopTimer = timeoutMs > 0 ? this.o.clock.setTimer(() => ((timedOut = true), void control.cancelRun(childId)), timeoutMs) : () => undefined;
    const off = token.onCancel(() => void control.cancelRun(childId));
    const done = now && isTerminal(now.state) ? now : await ended;
    this.childWaiters.delete(String(childId));
    stopTimer();
    off();
    if (token.canceled) return { result_state: 'CANCELED', output };
    if (timedOut) return { result_state: 'TIMEDOUT', message: `Task timed out after ${String(t.task.timeout_seconds)} seconds.`, output, resolved_values };
    const result = done.state.result_state;
    if (result === 'SUCCESS' || result === 'SUCCESS_WITH_FAILURES') return { result_state: 'SUCCESS', output, resolved_values };
    const message = `The run ${String(childId)} of job ${r.jobId} ended ${result ?? done.state.life_cycle_state}${done.state.state_message ? `: ${done.state.state_message}` : ''}`;
    return { result_state: 'FAILED', message, output: { ...output, error: message }, resolved_values };
  }

  /** for_each_task: one iteration per input, at most `concurrency` at once; fails if any failed. */
  private async forEach(runId: Int64, parent: StoredTaskRun, control: RunControl): Promise<TaskResult | undefined> {
    const run = control.readRun(runId);
    if (!run) return undefined;
    const r = this.resolve(run, parent);
    if (r.errors.length > 0 || r.task?.kind !== 'for_each') return this.report(control, parent.run_id, unresolved(r.errors, r.resolved_values));
    const limits = this.o.forEachLimits ?? DEFAULT_FOR_EACH_LIMITS;
    const parsed = parseForEachInputs(r.task.inputs, limits);
    if ('error' in parsed) return this.report(control, parent.run_id, { ...failure(parsed.error), resolved_values: r.resolved_values });
    const token = this.register(parent.run_id);
    try {
      await control.updateTask(parent.run_id, { life_cycle_state: 'RUNNING', resolved_values: r.resolved_values });
      this.watch.taskStarted(run, parent);
      const ids = await control.addIterations(parent.run_id, parsed.inputs);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < ids.length && !token.canceled && !this.closed) {
          const id = ids[next++] as Int64;
          const latest = control.readRun(runId);
          const iteration = latest && findTaskRun(latest, id)?.task;
          if (iteration && !isTerminal(iteration.state)) await this.execute(runId, iteration, control);
        }
      };
      await Promise.all(Array.from({ length: Math.min(forEachConcurrency(parent.task, limits), ids.length) }, worker));
    } finally {
      this.live.delete(String(parent.run_id));
    }
    if (token.canceled) return this.report(control, parent.run_id, this.canceled());
    const result = forEachResult(control.readRun(runId), parent, r.resolved_values);
    this.watch.taskEnded(run, parent, stateOf(result), true);
    return this.report(control, parent.run_id, result);
  }
}

function stateOf(result: TaskResult): RunState {
  return { life_cycle_state: 'TERMINATED', result_state: result.result_state, ...(result.message ? { state_message: result.message } : {}) };
}

function failure(message: string): TaskResult {
  return { result_state: 'FAILED', message, output: { error: message, error_trace: message } };
}

function unresolved(errors: string[], resolved_values: Record<string, unknown>): TaskResult {
  const message = errors.length > 0 ? `Could not resolve ${errors.length === 1 ? 'a reference' : `${errors.length} references`}: ${errors.join('; ')}` : 'The task has nothing to run.';
  return { ...failure(message), resolved_values };
}

/** Task values set in this run, by task key (for dbutils.jobs.taskValues.get). */
function valuesOf(run: StoredRun): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const t of run.tasks) if (t.values) out[t.task_key] = t.values;
  return out;
}

/** SUCCESS when the latest attempt of every iteration succeeded. */
function forEachResult(run: StoredRun | undefined, parent: StoredTaskRun, resolved_values: Record<string, unknown>): TaskResult {
  const latest = new Map<number, StoredTaskRun>();
  for (const it of run?.iterations ?? []) if (String(it.iteration?.parent) === String(parent.run_id)) latest.set(it.iteration?.index ?? 0, it);
  const failed = [...latest.values()].filter((it) => it.state.result_state !== 'SUCCESS');
  if (failed.length === 0) return { result_state: 'SUCCESS', resolved_values };
  const message = `${failed.length} of ${latest.size} iterations failed`;
  return { ...failure(message), resolved_values };
}
