/**
 * How the job semantic checks see tasks: a flat list of located tasks (top-level tasks and the
 * task nested in each for_each_task), plus the task-type and compute catalogues they share.
 *
 * Everything here tolerates half-written configuration: a `tasks` that is a `${var.x}` string,
 * items that are not mappings, keys that are numbers. Such input yields fewer tasks, never a
 * throw; the schema stage reports the shapes.
 */
import type { ConfigPath } from '../diag/diagnostic.js';
import type { JobView } from './check.js';

export type Obj = Record<string, unknown>;

/** A task together with where it sits in the configuration. */
export interface LocatedTask {
  task: Obj;
  /** Path from the config root to the task mapping. */
  path: ConfigPath;
  /** `task_key` as a string, when it is a scalar. */
  key: string | undefined;
  /** For the task nested in a for_each_task: the for-each task that runs it. */
  parent?: LocatedTask;
  /** Index in `tasks` of the top-level task this one belongs to. */
  topIndex: number;
}

/** The Jobs API limit on tasks per job. */
export const MAX_TASKS = 1000;

/** Every `*_task` field of jobs.Task in the official bundle schema (jobs-fields.md). */
export const TASK_TYPES = [
  'ai_runtime_task',
  'alert_task',
  'clean_rooms_notebook_task',
  'condition_task',
  'dashboard_task',
  'dbt_cloud_task',
  'dbt_platform_task',
  'dbt_task',
  'for_each_task',
  'gen_ai_compute_task',
  'notebook_task',
  'pipeline_task',
  'power_bi_task',
  'python_operator_task',
  'python_wheel_task',
  'run_job_task',
  'spark_jar_task',
  'spark_python_task',
  'spark_submit_task',
  'sql_task',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];

const TASK_TYPE_SET: ReadonlySet<string> = new Set(TASK_TYPES);

/** The compute fields of a task, of which at most one may be set. */
export const COMPUTE_FIELDS = ['existing_cluster_id', 'new_cluster', 'job_cluster_key', 'environment_key'] as const;

/** Fields that give a task a classic cluster (where `libraries` are installed). */
export const CLUSTER_FIELDS = ['existing_cluster_id', 'new_cluster', 'job_cluster_key'] as const;

/** Task types that run code on a cluster or a serverless environment and have no default. */
export const NEEDS_COMPUTE: ReadonlySet<TaskType> = new Set([
  'spark_python_task',
  'python_wheel_task',
  'spark_jar_task',
  'spark_submit_task',
  'dbt_task',
]);

/**
 * Task types that take no compute field: they run on the service itself, on a SQL warehouse, on
 * the pipeline's own compute, or (for_each_task) through their nested task.
 */
export const NO_COMPUTE: ReadonlySet<TaskType> = new Set([
  'condition_task',
  'run_job_task',
  'pipeline_task',
  'sql_task',
  'dashboard_task',
  'alert_task',
  'power_bi_task',
  'for_each_task',
  'dbt_cloud_task',
  'dbt_platform_task',
  'clean_rooms_notebook_task',
]);

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A scalar used as a key (task_key, job_cluster_key), as a string; undefined otherwise. */
export function asKey(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}

/** Whether a string still holds a bundle `${…}` reference (resolved only at deploy time). */
export function hasInterpolation(v: unknown): boolean {
  return typeof v === 'string' && v.includes('${');
}

/** Whether `obj` sets `field` (present and not undefined; a YAML `field:` with no value counts). */
export function has(obj: Obj, field: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, field) && obj[field] !== undefined;
}

/** The task types a task sets, in schema order. */
export function taskTypesOf(task: Obj): TaskType[] {
  return TASK_TYPES.filter((t) => has(task, t));
}

/** The single task type of a task, or undefined when it has none or several. */
export function taskTypeOf(task: Obj): TaskType | undefined {
  const types = taskTypesOf(task);
  return types.length === 1 ? types[0] : undefined;
}

export function isTaskType(name: string): name is TaskType {
  return TASK_TYPE_SET.has(name);
}

/** The top-level tasks of a job, with paths. */
export function topTasks(job: JobView): LocatedTask[] {
  const tasks = job.settings.tasks;
  if (!Array.isArray(tasks)) return [];
  const out: LocatedTask[] = [];
  tasks.forEach((task, i) => {
    if (isObj(task)) out.push({ task, path: [...job.path, 'tasks', i], key: asKey(task.task_key), topIndex: i });
  });
  return out;
}

/** The task a for_each_task runs, if it is a mapping. */
export function nestedTask(t: LocatedTask): LocatedTask | undefined {
  const fe = t.task.for_each_task;
  if (!isObj(fe) || !isObj(fe.task)) return undefined;
  return { task: fe.task, path: [...t.path, 'for_each_task', 'task'], key: asKey(fe.task.task_key), parent: t, topIndex: t.topIndex };
}

/**
 * Every task a job defines: each top-level task followed by its nested for-each task (and, for
 * an invalid for-each inside a for-each, that one's nested task too, so its own rules still run).
 */
export function allTasks(job: JobView): LocatedTask[] {
  const out: LocatedTask[] = [];
  for (const top of topTasks(job)) {
    let t: LocatedTask | undefined = top;
    // Depth is bounded: the parser caps nesting, and each level is a distinct mapping.
    for (let depth = 0; t && depth < 8; depth++) {
      out.push(t);
      t = nestedTask(t);
    }
  }
  return out;
}
