/**
 * Jobs API 2.2 wire types: job settings, tasks, jobs and the request/response of each job
 * endpoint. Precise where the tool computes (ids, task keys, depends_on, run_if, parameters,
 * queue, concurrency); loose (`Record<string, unknown>`) where the schema is huge and we only
 * pass values through (cluster specs, notifications, triggers, task payloads we do not read).
 * See ../shared/reference/jobs-api-2.2.md §1 and job-settings.md.
 */
import type { Int64 } from './json.js';

export type Loose = Record<string, unknown>;

export const RUN_IF = ['ALL_SUCCESS', 'AT_LEAST_ONE_SUCCESS', 'NONE_FAILED', 'ALL_DONE', 'AT_LEAST_ONE_FAILED', 'ALL_FAILED'] as const;
export type RunIf = (typeof RUN_IF)[number];

export const CONDITION_OPS = ['EQUAL_TO', 'NOT_EQUAL', 'GREATER_THAN', 'GREATER_THAN_OR_EQUAL', 'LESS_THAN', 'LESS_THAN_OR_EQUAL'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** Every task-type field; a task sets exactly one. */
export const TASK_TYPES = [
  'notebook_task', 'spark_python_task', 'python_wheel_task', 'spark_jar_task', 'spark_submit_task', 'sql_task',
  'dbt_task', 'pipeline_task', 'run_job_task', 'condition_task', 'for_each_task', 'dashboard_task', 'alert_task',
  'power_bi_task', 'clean_rooms_notebook_task', 'dbt_platform_task', 'dbt_cloud_task', 'ai_runtime_task',
  'gen_ai_compute_task', 'python_operator_task',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export interface TaskDependency {
  task_key: string;
  /** Only when the upstream task is a condition task: "true" | "false". */
  outcome?: string;
}

export interface ConditionTask {
  left: string;
  op: ConditionOp;
  right: string;
}

export interface ForEachTask {
  inputs: string;
  concurrency?: number;
  task: Task;
}

export interface NotebookTask extends Loose {
  notebook_path: string;
  base_parameters?: Record<string, string>;
  source?: 'WORKSPACE' | 'GIT';
  warehouse_id?: string;
}

/** Task fields without the catch-all, so `Omit<TaskFields, …>` keeps them (RunTask). */
export interface TaskFields {
  task_key: string;
  description?: string;
  depends_on?: TaskDependency[];
  run_if?: RunIf;
  disabled?: boolean;
  timeout_seconds?: number;
  max_retries?: number;
  min_retry_interval_millis?: number;
  retry_on_timeout?: boolean;
  existing_cluster_id?: string;
  new_cluster?: Loose;
  job_cluster_key?: string;
  environment_key?: string;
  libraries?: Loose[];
  email_notifications?: Loose;
  webhook_notifications?: Loose;
  notification_settings?: Loose;
  health?: Loose;
  condition_task?: ConditionTask;
  for_each_task?: ForEachTask;
  notebook_task?: NotebookTask;
  run_job_task?: Loose & { job_id: Int64; job_parameters?: Record<string, string> };
  spark_python_task?: Loose;
  python_wheel_task?: Loose;
  spark_jar_task?: Loose;
  spark_submit_task?: Loose;
  sql_task?: Loose;
  dbt_task?: Loose;
  pipeline_task?: Loose;
}

export interface Task extends TaskFields {
  [other: string]: unknown;
}

export interface JobParameterDefinition {
  name: string;
  default: string;
}

export interface JobCluster {
  job_cluster_key: string;
  new_cluster?: Loose;
  [other: string]: unknown;
}

export interface JobEnvironment {
  environment_key: string;
  spec?: Loose;
}

export interface RunAs {
  user_name?: string;
  service_principal_name?: string;
  group_name?: string;
}

export interface JobSettings {
  name?: string;
  description?: string;
  tags?: Record<string, string>;
  tasks?: Task[];
  job_clusters?: JobCluster[];
  environments?: JobEnvironment[];
  parameters?: JobParameterDefinition[];
  schedule?: Loose;
  trigger?: Loose;
  continuous?: Loose;
  email_notifications?: Loose;
  webhook_notifications?: Loose;
  notification_settings?: Loose;
  health?: Loose;
  timeout_seconds?: number;
  max_concurrent_runs?: number;
  queue?: { enabled: boolean };
  run_as?: RunAs;
  git_source?: Loose;
  edit_mode?: 'UI_LOCKED' | 'EDITABLE';
  deployment?: Loose;
  format?: 'MULTI_TASK' | 'SINGLE_TASK';
  budget_policy_id?: string;
  performance_target?: 'PERFORMANCE_OPTIMIZED' | 'STANDARD';
  [other: string]: unknown;
}

/** One entry of an access control list on write (create, permissions PUT/PATCH). */
export interface AccessControlRequest {
  user_name?: string;
  group_name?: string;
  service_principal_name?: string;
  permission_level: PermissionLevel;
}

export type PermissionLevel = 'CAN_VIEW' | 'CAN_MANAGE_RUN' | 'CAN_MANAGE' | 'IS_OWNER';

/** jobs/list element: a job without `run_as_user_name`; settings lack tasks unless expanded. */
export interface BaseJob {
  job_id: Int64;
  creator_user_name?: string;
  created_time?: number;
  settings?: JobSettings;
  effective_budget_policy_id?: string;
  /** With expand_tasks: some array was truncated at 100 (fetch the rest with jobs/get). */
  has_more?: boolean;
  trigger_state?: Loose;
}

/** jobs/get response (one page). */
export interface Job extends BaseJob {
  run_as_user_name?: string;
  next_page_token?: string;
}

export type CreateJobRequest = JobSettings & { access_control_list?: AccessControlRequest[] };
export interface CreateJobResponse {
  job_id: Int64;
}
export interface ResetJobRequest {
  job_id: Int64;
  new_settings: JobSettings;
}
export interface UpdateJobRequest {
  job_id: Int64;
  new_settings?: JobSettings;
  fields_to_remove?: string[];
}
export interface DeleteJobRequest {
  job_id: Int64;
}
export interface GetJobRequest {
  job_id: Int64;
  page_token?: string;
  include_trigger_state?: boolean;
}
export interface ListJobsRequest {
  limit?: number;
  page_token?: string;
  name?: string;
  expand_tasks?: boolean;
  offset?: number;
}
export interface ListJobsResponse {
  jobs?: BaseJob[];
  has_more?: boolean;
  next_page_token?: string;
  prev_page_token?: string;
}
