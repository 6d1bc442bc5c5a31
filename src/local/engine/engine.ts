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
import { resolveTaskFields, type Overrides, type Resolved, type ResolvedTask } from './plan/resolve-fields.js';
import { decideCondition, DEFAULT_FOR_EACH_LIMITS, retryDelay, type ForEachLimits } from './plan/policy.js';
import type { EngineClock, EngineFs, ProcessPort } from '../../ports/engine.js';
import { CancelToken } from './run/cancel.js';
import { startAttempt, type PythonRuntime } from './run/process-attempt.js';
import { RunFiles, type WorkspaceView } from './run/run-files.js';
import { Slots } from './run/slots.js';
import { forEachTask } from './run/for-each.js';
import { failure, stateOf, unresolved, valuesOf } from './run/results.js';
import { runJobAttempt } from './run/run-job.js';
import { RunWatch } from './run-watch.js';
import type { Notifier } from './notify/deliver.js';
import { runPageUrl } from '../runs/view.js';

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
  /** Secrets to redact, read once per execution rather than once per task. */
  secrets?: Promise<string[]>;
}

export class LocalEngine implements RunExecutor {
  private readonly slots: Slots;
  private readonly live = new Map<string, Live>();
  private readonly spaces = new Map<string, RunSpace>();
  /** The workspace mirror every execution syncs into (run/run-files.ts). */
  private readonly mirror = new Map<string, string>();
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
    if (event.type === 'finished') {
      this.childWaiters.get(key)?.(event.run);
      const dir = this.runDir(event.run);
      this.spaces.delete(dir);
      if (!this.o.keepWorkDirs) this.track(this.o.fs.rm(dir).catch(() => undefined));
    }
    this.watch.onRunEvent(event, control);
    this.o.onRunEvent?.(event, control);
  }

  /**
   * Tasks that were running when the server stopped: what is left of their processes is killed,
   * then they fail. (The spawn helper stops them when the server dies; their groups outlive it
   * only when the helper was killed as well.)
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

  /**
   * The directory of a run's current execution (task descriptions, logs, results): each repair
   * gets a fresh one, so removing the directory of an execution that ended can never touch the
   * next one's. Code lives in the workspace mirror, not here.
   */
  private runDir(run: StoredRun): string {
    return join(this.o.workRoot, 'runs', `${String(run.run_id)}-${run.repairs.length}`);
  }

  /** A run's copied workspace files and its task directory, made once per execution. */
  private space(run: StoredRun): RunSpace {
    const dir = this.runDir(run);
    let s = this.spaces.get(dir);
    if (!s) {
      const tasksDir = join(dir, 'tasks');
      s = { files: new RunFiles(join(this.o.workRoot, 'workspace'), this.o.workspace, this.o.fs, this.mirror), tasksDir: this.o.fs.mkdir(tasksDir).then(() => tasksDir) };
      this.spaces.set(dir, s);
    }
    return s;
  }

  private jobSettings(run: StoredRun): JobSettings | undefined {
    return this.o.workspace.job(run.job_id)?.settings;
  }

  /**
   * Runs one task run or iteration to its final report (retries included). Whatever goes wrong
   * inside the engine ends the task FAILED with the reason: a task is never left running.
   */
  private async execute(runId: Int64, first: StoredTaskRun, control: RunControl): Promise<TaskResult | undefined> {
    try {
      return await this.executeOrThrow(runId, first, control);
    } catch (err) {
      // Attempts turn their own errors into results (withRetries); this is the last resort.
      return this.report(control, first.run_id, this.internalFailure(first.run_id, err));
    }
  }

  private internalFailure(taskRunId: Int64, err: unknown): TaskResult {
    this.o.warn(`engine: task run ${String(taskRunId)}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return failure(`The local engine failed to run this task: ${err instanceof Error ? err.message : String(err)}`);
  }

  private async executeOrThrow(runId: Int64, first: StoredTaskRun, control: RunControl): Promise<TaskResult | undefined> {
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
  private resolve(run: StoredRun, t: StoredTaskRun): Resolved {
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
        result = await this.attempt(run, current, control, token).catch((err: unknown) => this.internalFailure(current.run_id, err));
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
      const space = this.space(run);
      const handle = startAttempt({
        resolved: r.task, task: t.task, job: this.jobSettings(run), taskKey: t.task_key, taskRunId: String(t.run_id),
        jobRunId: String(run.run_id), jobId: String(run.job_id), taskValues: valuesOf(run), files: space.files, dir: await space.tasksDir,
        secrets: (space.secrets ??= this.o.runtime.secretValues()),
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

  /** run_job_task: see run/run-job.ts. */
  private runJob(run: StoredRun, t: StoredTaskRun, r: Extract<ResolvedTask, { kind: 'run_job' }>, resolved_values: Record<string, unknown>, control: RunControl, token: CancelToken): Promise<TaskResult> {
    return runJobAttempt({
      job: (id) => this.o.workspace.job(id), clock: this.o.clock, watch: this.watch,
      waitFor: (childId) => new Promise<StoredRun>((resolve) => this.childWaiters.set(String(childId), resolve)),
      forget: (childId) => this.childWaiters.delete(String(childId)),
    }, { run, t, r, resolved_values, control, token });
  }

  /** for_each_task: see run/for-each.ts. */
  private async forEach(runId: Int64, parent: StoredTaskRun, control: RunControl): Promise<TaskResult | undefined> {
    const run = control.readRun(runId);
    if (!run) return undefined;
    const result = await forEachTask({
      resolve: (at) => this.resolve(run, at), limits: this.o.forEachLimits ?? DEFAULT_FOR_EACH_LIMITS, watch: this.watch,
      register: (id) => this.register(id), unregister: (id) => this.live.delete(String(id)),
      execute: (iteration) => this.execute(runId, iteration, control), closed: () => this.closed,
    }, run, parent, control);
    return this.report(control, parent.run_id, result.result_state === 'CANCELED' ? this.canceled() : result);
  }
}
