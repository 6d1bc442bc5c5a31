/**
 * Jobs API 2.2 run types: runs and task runs in both state models (v1 `state`, v2 `status`),
 * repair history, run output, and the run endpoints' requests/responses.
 * See ../shared/reference/jobs-api-2.2.md §2–3.
 */
import type { Int64 } from './json.js';
import type { Loose, TaskFields } from './jobs.js';

export const LIFE_CYCLE_STATES = [
  'QUEUED', 'PENDING', 'BLOCKED', 'RUNNING', 'WAITING_FOR_RETRY', 'TERMINATING', 'TERMINATED', 'SKIPPED', 'INTERNAL_ERROR',
] as const;
export type LifeCycleState = (typeof LIFE_CYCLE_STATES)[number];

export const RESULT_STATES = [
  'SUCCESS', 'FAILED', 'TIMEDOUT', 'CANCELED', 'MAXIMUM_CONCURRENT_RUNS_REACHED', 'EXCLUDED', 'SUCCESS_WITH_FAILURES',
  'UPSTREAM_FAILED', 'UPSTREAM_CANCELED', 'DISABLED',
] as const;
export type ResultState = (typeof RESULT_STATES)[number];

/** Terminal v1 life cycle states: a run or task in one of these will not change again. */
export const TERMINAL_LIFE_CYCLE: ReadonlySet<LifeCycleState> = new Set(['TERMINATED', 'SKIPPED', 'INTERNAL_ERROR']);

/** v1 state (deprecated but what the SDK waiters and the reference CLI poll). */
export interface RunState {
  life_cycle_state: LifeCycleState;
  result_state?: ResultState;
  state_message?: string;
  queue_reason?: string;
  user_cancelled_or_timedout?: boolean;
}

export type RunStatusState = 'QUEUED' | 'PENDING' | 'BLOCKED' | 'RUNNING' | 'WAITING' | 'TERMINATING' | 'TERMINATED';
export type TerminationType = 'SUCCESS' | 'INTERNAL_ERROR' | 'CLIENT_ERROR' | 'CLOUD_FAILURE';

/** v2 status. */
export interface RunStatus {
  state: RunStatusState;
  termination_details?: { code: string; type: TerminationType; message?: string };
  queue_details?: { code: string; message?: string };
}

export type TriggerType =
  | 'PERIODIC' | 'ONE_TIME' | 'RETRY' | 'RUN_JOB_TASK' | 'FILE_ARRIVAL' | 'CONTINUOUS' | 'TABLE' | 'CONTINUOUS_RESTART' | 'MODEL';

export interface RunJobParameter {
  name: string;
  default?: string;
  value?: string;
}

/** A task run: the task's settings plus its run fields. */
export interface RunTask extends Omit<TaskFields, 'condition_task' | 'for_each_task'> {
  run_id: Int64;
  attempt_number?: number;
  original_attempt_run_id?: Int64;
  state?: RunState;
  status?: RunStatus;
  start_time?: number;
  end_time?: number;
  setup_duration?: number;
  execution_duration?: number;
  cleanup_duration?: number;
  run_duration?: number;
  queue_duration?: number;
  run_page_url?: string;
  condition_task?: TaskFields['condition_task'] & { outcome?: 'true' | 'false' };
  /** `stats` summarises the iterations (runs/get of the for-each task run lists them). */
  for_each_task?: TaskFields['for_each_task'] & { stats?: Loose };
  resolved_values?: Loose;
  [other: string]: unknown;
}

export interface RepairHistoryItem {
  type: 'ORIGINAL' | 'REPAIR';
  id?: Int64;
  start_time?: number;
  end_time?: number;
  state?: RunState;
  status?: RunStatus;
  task_run_ids?: Int64[];
}

/** runs/get response (one page) and runs/list element. */
export interface Run {
  job_id?: Int64;
  run_id: Int64;
  number_in_job?: Int64;
  original_attempt_run_id?: Int64;
  job_run_id?: Int64;
  run_name?: string;
  run_type?: 'JOB_RUN' | 'WORKFLOW_RUN' | 'SUBMIT_RUN';
  trigger?: TriggerType;
  run_page_url?: string;
  creator_user_name?: string;
  start_time?: number;
  end_time?: number;
  run_duration?: number;
  queue_duration?: number;
  setup_duration?: number;
  execution_duration?: number;
  cleanup_duration?: number;
  state?: RunState;
  status?: RunStatus;
  tasks?: RunTask[];
  iterations?: RunTask[];
  job_clusters?: Loose[];
  job_parameters?: RunJobParameter[];
  overriding_parameters?: Loose;
  repair_history?: RepairHistoryItem[];
  /** RUN_JOB_TASK runs: the task run that started this run. */
  trigger_info?: { run_id?: Int64 };
  description?: string;
  has_more?: boolean;
  next_page_token?: string;
  [other: string]: unknown;
}

export interface RunNowRequest {
  job_id: Int64;
  job_parameters?: Record<string, string>;
  idempotency_token?: string;
  only?: string[];
  queue?: { enabled: boolean };
  performance_target?: string;
  pipeline_params?: Loose;
  notebook_params?: Record<string, string>;
  python_params?: string[];
  python_named_params?: Record<string, string>;
  jar_params?: string[];
  spark_submit_params?: string[];
  sql_params?: Record<string, string>;
  dbt_commands?: string[];
}
export interface RunNowResponse {
  run_id: Int64;
  number_in_job?: Int64;
}
export interface GetRunRequest {
  run_id: Int64;
  include_history?: boolean;
  include_resolved_values?: boolean;
  page_token?: string;
}
export interface ListRunsRequest {
  job_id?: Int64;
  active_only?: boolean;
  completed_only?: boolean;
  run_type?: string;
  start_time_from?: number;
  start_time_to?: number;
  expand_tasks?: boolean;
  limit?: number;
  page_token?: string;
}
export interface ListRunsResponse {
  runs?: Run[];
  has_more?: boolean;
  next_page_token?: string;
  prev_page_token?: string;
}
export interface RepairRunRequest {
  run_id: Int64;
  rerun_tasks?: string[];
  rerun_all_failed_tasks?: boolean;
  rerun_dependent_tasks?: boolean;
  latest_repair_id?: Int64;
  job_parameters?: Record<string, string>;
  [legacy: string]: unknown;
}
export interface RepairRunResponse {
  repair_id: Int64;
}
export interface CancelAllRunsRequest {
  job_id?: Int64;
  all_queued_runs?: boolean;
}

/** runs/get-output response. */
export interface RunOutput {
  metadata?: Run;
  error?: string;
  error_trace?: string;
  info?: string;
  logs?: string;
  logs_truncated?: boolean;
  notebook_output?: { result?: string; truncated?: boolean };
  run_job_output?: { run_id: Int64 };
  sql_output?: Loose;
  dbt_output?: Loose;
  [other: string]: unknown;
}
