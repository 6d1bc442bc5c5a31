/**
 * How the store holds a run. The stored shape is close to the wire `Run` but keeps only what
 * cannot be derived: the v2 `status`, run page URLs, durations and pagination are computed on
 * read (view.ts), so they can never disagree with the v1 state that the run model drives.
 */
import type { Int64 } from '../../api/json.js';
import type { Loose, Task } from '../../api/jobs.js';
import type { RepairHistoryItem, RunJobParameter, RunState, TriggerType } from '../../api/runs.js';

export interface TaskOutput {
  error?: string;
  error_trace?: string;
  logs?: string;
  notebook_result?: string;
  info?: string;
}

export interface StoredTaskRun {
  run_id: Int64;
  task_key: string;
  attempt_number: number;
  /** The task's settings when the run (or repair) started; `depends_on` trimmed to the run's tasks. */
  task: Task;
  state: RunState;
  start_time?: number;
  end_time?: number;
  /** Condition tasks: the evaluated outcome. */
  outcome?: 'true' | 'false';
  /** Handed to the executor; it owns the task until it reports a terminal state. */
  dispatched?: boolean;
  output?: TaskOutput;
}

export interface StoredRun {
  run_id: Int64;
  job_id: Int64;
  run_name: string;
  creator_user_name: string;
  trigger: TriggerType;
  start_time: number;
  end_time?: number;
  state: RunState;
  tasks: StoredTaskRun[];
  job_parameters: RunJobParameter[];
  /** The job's clusters when the run started (runs/get pages them like tasks). */
  job_clusters?: Loose[];
  overriding_parameters?: Loose;
  idempotency_token?: string;
  /** The run was canceled as a whole (decides the run's own result). */
  cancel_requested?: boolean;
  /** REPAIR entries (the ORIGINAL entry is derived on read). */
  repairs: RepairHistoryItem[];
  /** Task run ids of the original attempt, for the ORIGINAL history item. */
  original_task_run_ids: Int64[];
  /** The end of the original attempt, once it ended. */
  original_end_time?: number;
  original_state?: RunState;
}

export const isTerminal = (s: RunState): boolean =>
  s.life_cycle_state === 'TERMINATED' || s.life_cycle_state === 'SKIPPED' || s.life_cycle_state === 'INTERNAL_ERROR';

/** Active in the API's sense (runs/list active_only): queued, pending, running, terminating. */
export const isActive = (s: RunState): boolean => !isTerminal(s);
