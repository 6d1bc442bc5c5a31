/**
 * Which kind of work a task is, and the specific message for the kinds that cannot run on this
 * machine. A task the engine cannot run always fails with that message: never a silent success.
 * Pure.
 */
import type { Task } from '../../../api/jobs.js';

export type TaskKind = 'notebook' | 'python' | 'wheel' | 'condition' | 'for_each' | 'run_job';

const CANNOT: Record<string, string> = {
  spark_jar_task: 'spark_jar_task needs a JVM with Spark, which is a Databricks cluster',
  spark_submit_task: 'spark_submit_task needs spark-submit on a Databricks cluster',
  pipeline_task: 'pipeline_task refreshes a Lakeflow Declarative Pipeline, and the local workspace has no pipelines',
  sql_task: 'sql_task runs on a SQL warehouse, and the local workspace has none (SQL notebooks do run locally, on SQLite)',
  dbt_task: 'dbt_task needs the dbt CLI and a SQL warehouse',
  dashboard_task: 'dashboard_task refreshes a dashboard on a SQL warehouse',
  alert_task: 'alert_task evaluates an alert on a SQL warehouse',
  power_bi_task: 'power_bi_task publishes to Power BI through a SQL warehouse',
  clean_rooms_notebook_task: 'clean_rooms_notebook_task runs inside a clean room',
  dbt_platform_task: 'dbt_platform_task calls dbt Cloud',
  dbt_cloud_task: 'dbt_cloud_task calls dbt Cloud',
  ai_runtime_task: 'ai_runtime_task needs serverless GPU compute',
  gen_ai_compute_task: 'gen_ai_compute_task needs serverless GPU compute',
  python_operator_task: 'python_operator_task is a preview task type the local workspace does not implement',
};

const KINDS: [keyof Task & string, TaskKind][] = [
  ['notebook_task', 'notebook'], ['spark_python_task', 'python'], ['python_wheel_task', 'wheel'],
  ['condition_task', 'condition'], ['for_each_task', 'for_each'], ['run_job_task', 'run_job'],
];

export type Classified = { kind: TaskKind } | { unsupported: string };

/** `gitSource`: the job has `git_source` (tasks without `source: WORKSPACE` then read from Git). */
export function classifyTask(task: Task, gitSource: boolean): Classified {
  for (const [field, kind] of KINDS) {
    const payload = task[field] as { source?: string } | undefined;
    if (!payload) continue;
    const fromGit = payload.source === 'GIT' || (payload.source === undefined && gitSource && (kind === 'notebook' || kind === 'python'));
    if (fromGit) return { unsupported: cannotRun(field, 'it reads its code from Git (git_source), and the local workspace runs code from workspace files only; deploy the files and use source: WORKSPACE') };
    return { kind };
  }
  const field = Object.keys(CANNOT).find((f) => task[f] !== undefined);
  if (field) return { unsupported: cannotRun(field, CANNOT[field] as string) };
  return { unsupported: `Task ${task.task_key} has no task type the local workspace knows.` };
}

export function cannotRun(field: string, why: string): string {
  return `This ${field} cannot run in the local workspace: ${why}. Deploy the job to a Databricks workspace to run it.`;
}
