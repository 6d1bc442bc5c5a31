/**
 * `libraries` are installed on a cluster, so they only work on a task that has one
 * (existing_cluster_id, new_cluster or job_cluster_key) and runs code on it. Elsewhere they are
 * rejected or silently ignored:
 * - serverless tasks (no compute field, or environment_key) take dependencies from the
 *   environment spec instead;
 * - tasks that run no code of their own (condition, pipeline, SQL, for-each parent, …);
 * - spark_submit_task, which passes jars with --jars / --py-files instead;
 * - job_clusters entries, which have no libraries field (put them on the tasks).
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { spanAt } from '../../source/locations.js';
import type { BundleCheck } from '../check.js';
import { allTasks, CLUSTER_FIELDS, has, isObj, NO_COMPUTE, taskTypeOf } from '../tasks.js';

export const librariesPlacement: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  for (const job of jobs) {
    for (const t of allTasks(job)) {
      if (!has(t.task, 'libraries')) continue;
      const reason = whyNot(t.task);
      if (!reason) continue;
      const path = [...t.path, 'libraries'];
      out.push(diag('error', 'compute/libraries-not-allowed', `task "${t.key}" sets libraries, but ${reason}`, { path, span: spanAt(config, path, 'key') }));
    }
    const clusters = job.settings.job_clusters;
    if (!Array.isArray(clusters)) continue;
    clusters.forEach((c, i) => {
      if (!isObj(c) || !has(c, 'libraries')) return;
      const path = [...job.path, 'job_clusters', i, 'libraries'];
      out.push(
        diag('error', 'compute/libraries-not-allowed', 'job_clusters entries take no libraries; set them on the tasks that use the cluster', {
          path,
          span: spanAt(config, path, 'key'),
        }),
      );
    });
  }
  return out;
};

/** Preview task types with their own compute model: not judged. */
const OWN_COMPUTE = new Set(['ai_runtime_task', 'gen_ai_compute_task', 'python_operator_task']);

function whyNot(task: Record<string, unknown>): string | undefined {
  const type = taskTypeOf(task);
  if (type && OWN_COMPUTE.has(type)) return undefined;
  if (type && NO_COMPUTE.has(type)) return type === 'for_each_task' ? 'libraries belong on for_each_task.task' : `a ${type} runs no code of its own`;
  if (type === 'spark_submit_task') return 'spark_submit_task takes jars and files through --jars and --py-files in its parameters';
  if (CLUSTER_FIELDS.some((f) => has(task, f))) return undefined;
  if (has(task, 'environment_key')) return 'it runs on a serverless environment: add the packages to that environment\'s dependencies';
  if (type === 'notebook_task') return 'without a cluster it runs on serverless: use an environment (environment_key) for dependencies';
  return undefined;
}
