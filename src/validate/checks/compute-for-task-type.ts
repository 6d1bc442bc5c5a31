/**
 * Compute that matches the task type (job-settings.md §4, and the reference CLI's
 * job_task_cluster_spec):
 * - Python script, wheel, JAR, spark-submit and dbt tasks need a cluster field or an
 *   environment_key. Notebook tasks may omit all (serverless with the notebook's environment).
 * - Condition, run-job, pipeline, SQL, dashboard, alert, Power BI, dbt platform and clean-room
 *   tasks, and the for-each parent, run no code of their own and take no compute field.
 * - spark_submit_task runs only on a new_cluster.
 * Tasks with no or several types are task-type's finding and are skipped here.
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { spanAt } from '../../source/locations.js';
import type { BundleCheck } from '../check.js';
import { allTasks, COMPUTE_FIELDS, has, NEEDS_COMPUTE, NO_COMPUTE, taskTypeOf } from '../tasks.js';

const CERTAINLY_NO_COMPUTE = new Set(['condition_task', 'run_job_task', 'pipeline_task', 'for_each_task']);

export const computeForTaskType: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  for (const job of jobs) {
    for (const t of allTasks(job)) {
      const type = taskTypeOf(t.task);
      if (!type) continue;
      const set = COMPUTE_FIELDS.filter((f) => has(t.task, f));
      const name = `task "${t.key}"`;
      if (NEEDS_COMPUTE.has(type) && set.length === 0) {
        const path = [...t.path, type];
        out.push(
          diag('error', 'compute/missing', `${name} is a ${type} and needs compute: set job_cluster_key, new_cluster, existing_cluster_id or environment_key`, {
            path,
            span: spanAt(config, path, 'key'),
            detail: type === 'spark_submit_task' ? 'spark_submit_task runs only on a new_cluster.' : 'On serverless, point environment_key at an entry of the job\'s environments.',
          }),
        );
      }
      if (NO_COMPUTE.has(type)) {
        // Certain for tasks that never run code and for the for-each parent (a Databricks engineer
        // on databricks/cli#1357: "If foreach task is set, original task can't specify compute").
        // For warehouse tasks the API's answer (reject or ignore) is not documented: a warning.
        const severity = CERTAINLY_NO_COMPUTE.has(type) ? 'error' : 'warning';
        for (const field of set) {
          const path = [...t.path, field];
          const why = type === 'for_each_task' ? 'set compute on for_each_task.task instead' : 'it runs without a cluster';
          out.push(diag(severity, 'compute/not-allowed', `${name} is a ${type} and takes no ${field}: ${why}`, { path, span: spanAt(config, path, 'key') }));
        }
      }
      if (type === 'spark_submit_task') {
        for (const field of set.filter((f) => f !== 'new_cluster')) {
          const path = [...t.path, field];
          out.push(diag('error', 'compute/spark-submit-cluster', `spark_submit_task runs only on new_cluster, not on ${field}`, { path, span: spanAt(config, path, 'key') }));
        }
      }
    }
  }
  return out;
};
