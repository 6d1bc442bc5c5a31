/**
 * The seam where a run engine plugs in. The server creates runs and moves them through the
 * states that need no work (dependencies, run_if, literal condition tasks, cancellation); every
 * task that needs real execution is handed to the `RunExecutor`, which reports back through
 * `RunControl`. Without an executor those tasks stay PENDING, which is the truth: nothing runs.
 *
 * The division of labour: the server owns every state transition and what the API shows
 * (including the bookkeeping of retries, iterations and child runs); the executor owns
 * execution policy and effects (when to retry, timeouts, parallelism, processes).
 */
import type { Int64 } from '../../api/json.js';
import type { Loose } from '../../api/jobs.js';
import type { Run, RunNowRequest, RunTask, TriggerType } from '../../api/runs.js';
import type { StoredRun, TaskOutput } from './model.js';

export interface ReadyTask {
  /** The job run as runs/get would return it, without its task arrays. */
  run: Run;
  task: RunTask;
  /** Job parameter values for this run (defaults merged with run-now overrides). */
  parameters: Record<string, string>;
  /**
   * The committed run this task was handed over from: read-only (stored runs are never
   * mutated). The engine reads upstream results and task values from it.
   */
  stored: StoredRun;
}

/** A terminal report. */
export interface TaskResult {
  result_state: 'SUCCESS' | 'FAILED' | 'TIMEDOUT' | 'CANCELED' | 'EXCLUDED';
  message?: string;
  /** Condition tasks whose operands the engine resolved. */
  outcome?: 'true' | 'false';
  output?: TaskOutput;
  /** Task values the task set (JSON values by key). */
  values?: Record<string, unknown>;
  resolved_values?: Loose;
}

/** What an executor may report about a task run it was handed. */
export type TaskUpdate =
  | {
      life_cycle_state: 'RUNNING' | 'TERMINATING' | 'WAITING_FOR_RETRY';
      message?: string;
      resolved_values?: Loose;
      /** The task's process (group leader), so a restarted server can stop what is left of it. */
      pid?: number;
    }
  | TaskResult;

/** How a run came to be: run-now (ONE_TIME), a trigger, or a run_job_task. */
export interface RunOrigin {
  trigger: TriggerType;
  /** When the trigger fired (a schedule's fire time); default: now. */
  trigger_time?: number;
  /** RUN_JOB_TASK: the task run that starts this run. */
  parent_task_run_id?: Int64;
  /** FILE_ARRIVAL: the watched location. */
  file_arrival_location?: string;
}

/** A run started or ended (after the state saying so is durable). */
export interface RunEvent {
  type: 'started' | 'finished';
  run: StoredRun;
}

export interface RunControl {
  /** Records a task's progress durably and moves the run on; ignored once the task is terminal. */
  updateTask(taskRunId: Int64, update: TaskUpdate): Promise<void>;
  /**
   * Ends a failed attempt and creates the next one (a new task run id, `attempt_number` + 1,
   * WAITING_FOR_RETRY, owned by this executor). Undefined when the task run was already
   * terminal (canceled meanwhile): then there is nothing to retry.
   */
  retryTask(taskRunId: Int64, failure: TaskResult): Promise<Int64 | undefined>;
  /** Creates the iterations of a for-each task run (PENDING, owned by this executor), in order. */
  addIterations(taskRunId: Int64, inputs: string[]): Promise<Int64[]>;
  /** Starts a run of a job as run-now would (queueing, concurrency, parameters); its run id. */
  startRun(request: RunNowRequest, origin: RunOrigin): Promise<Int64>;
  /** Cancels a run (a run_job_task's child run when that task is canceled). */
  cancelRun(runId: Int64): Promise<void>;
  /** The job's `timeout_seconds` passed: the run ends TIMEDOUT and its tasks are stopped. */
  timeoutRun(runId: Int64): Promise<void>;
  /** The committed run (read-only), or undefined when it does not exist (deleted). */
  readRun(runId: Int64): StoredRun | undefined;
}

export interface RunExecutor {
  /** Tasks whose dependencies are satisfied. Called after the state that lists them is durable. */
  start(tasks: ReadyTask[], control: RunControl): void;
  /** These task runs were canceled (their state is already CANCELED or TIMEDOUT): stop their work. */
  cancel?(runId: Int64, taskRunIds: Int64[]): void;
  /** Runs started and finished: job timeouts, notifications, run_job_task waits. */
  onRunEvent?(event: RunEvent, control: RunControl): void;
  /**
   * After a restart: task runs that were handed over before it and never finished. Without this
   * method they are failed ("the workspace restarted"), so no run waits forever.
   */
  resume?(tasks: ReadyTask[], control: RunControl): void;
  /** The server is shutting down. */
  close?(): Promise<void>;
}
