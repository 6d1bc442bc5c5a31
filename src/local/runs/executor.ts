/**
 * The seam where a run engine plugs in. The server creates runs and moves them through the
 * states that need no work (dependencies, run_if, literal condition tasks, cancellation); every
 * task that needs real execution is handed to the `RunExecutor`, which reports back through
 * `RunControl`. Without an executor those tasks stay PENDING, which is the truth: nothing runs.
 */
import type { Int64 } from '../../api/json.js';
import type { Run, RunTask } from '../../api/runs.js';
import type { TaskOutput } from './model.js';

export interface ReadyTask {
  /** The job run as runs/get would return it (first page). */
  run: Run;
  task: RunTask;
  /** Job parameter values for this run (defaults merged with run-now overrides). */
  parameters: Record<string, string>;
}

/** What an executor may report about a task run it was handed. */
export type TaskUpdate =
  | { life_cycle_state: 'RUNNING' | 'TERMINATING' | 'WAITING_FOR_RETRY'; message?: string }
  | {
      result_state: 'SUCCESS' | 'FAILED' | 'TIMEDOUT' | 'CANCELED' | 'EXCLUDED';
      message?: string;
      /** Condition tasks whose operands the engine resolved. */
      outcome?: 'true' | 'false';
      output?: TaskOutput;
    };

export interface RunControl {
  /** Records a task's progress durably and moves the run on; ignored once the task is terminal. */
  updateTask(taskRunId: Int64, update: TaskUpdate): Promise<void>;
}

export interface RunExecutor {
  /** Tasks whose dependencies are satisfied. Called after the state that lists them is durable. */
  start(tasks: ReadyTask[], control: RunControl): void;
  /** These task runs were canceled (their state is already CANCELED): stop their work. */
  cancel?(runId: Int64, taskRunIds: Int64[]): void;
  /**
   * After a restart: task runs that were handed over before it and never finished. Without this
   * method they are failed ("the workspace restarted"), so no run waits forever.
   */
  resume?(tasks: ReadyTask[], control: RunControl): void;
  /** The server is shutting down. */
  close?(): Promise<void>;
}
