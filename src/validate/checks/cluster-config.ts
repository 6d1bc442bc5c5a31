/**
 * Cluster settings the reference CLI warns or errors about before deploy: a `num_workers: 0`
 * cluster that is not configured as single-node, and Python wheel tasks with local libraries on
 * a runtime older than 13.3 (which cannot install them without the wrapper).
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { spanAt } from '../../source/locations.js';
import type { BundleCheck } from '../check.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const SINGLE_NODE_DETAIL = `num_workers should be 0 only for single-node clusters. To create a
valid single node cluster please ensure that the following properties
are correctly set in the cluster specification:

  spark_conf:
    spark.databricks.cluster.profile: singleNode
    spark.master: local[*]

  custom_tags:
    ResourceClass: SingleNode`;

function isBadSingleNode(c: Obj): boolean {
  if (c.num_workers !== 0 || c.autoscale !== undefined || c.is_single_node === true) return false;
  const conf = obj(c.spark_conf) ? c.spark_conf : {};
  const tags = obj(c.custom_tags) ? c.custom_tags : {};
  const ok = conf['spark.databricks.cluster.profile'] === 'singleNode' && String(conf['spark.master'] ?? '').startsWith('local') && tags.ResourceClass === 'SingleNode';
  return !ok && typeof c.policy_id !== 'string';
}

export const singleNodeClusters: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  const warn = (path: (string | number)[]) =>
    out.push(diag('warning', 'cluster/single-node', 'Single node cluster is not correctly configured', { path, span: spanAt(config, path), detail: SINGLE_NODE_DETAIL }));
  for (const job of jobs) {
    const clusters = Array.isArray(job.settings.job_clusters) ? job.settings.job_clusters : [];
    clusters.forEach((jc, i) => {
      if (obj(jc) && obj(jc.new_cluster) && isBadSingleNode(jc.new_cluster)) warn([...job.path, 'job_clusters', i, 'new_cluster']);
    });
    const tasks = Array.isArray(job.settings.tasks) ? job.settings.tasks : [];
    tasks.forEach((t, i) => {
      if (obj(t) && obj(t.new_cluster) && isBadSingleNode(t.new_cluster)) warn([...job.path, 'tasks', i, 'new_cluster']);
    });
  }
  return out;
};

/** Runtime version from `13.3.x-scala2.12` style strings, as [major, minor]. */
function dbrVersion(v: unknown): [number, number] | undefined {
  const m = typeof v === 'string' ? /^(\d+)\.(\d+)\./.exec(v) : null;
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export const wheelRuntime: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  const experimental = obj(config.experimental) ? config.experimental : {};
  if (experimental.python_wheel_wrapper === true) return out;
  const clusters = obj(config.resources) && obj(config.resources.clusters) ? config.resources.clusters : {};
  const jobClusters = (job: Obj) => new Map((Array.isArray(job.job_clusters) ? job.job_clusters : []).filter(obj).map((jc) => [jc.job_cluster_key, jc.new_cluster]));
  for (const job of jobs) {
    const tasks = Array.isArray(job.settings.tasks) ? job.settings.tasks : [];
    tasks.forEach((t, i) => {
      if (!obj(t) || !obj(t.python_wheel_task)) return;
      const libs = Array.isArray(t.libraries) ? t.libraries : [];
      const local = libs.some((l) => obj(l) && typeof l.whl === 'string' && !/^(\/|[a-z]+:)/i.test(l.whl));
      if (!local) return;
      let spec: unknown = t.new_cluster;
      if (typeof t.job_cluster_key === 'string') spec = jobClusters(job.settings).get(t.job_cluster_key);
      const ref = typeof t.existing_cluster_id === 'string' ? /^\$\{resources\.clusters\.([^.}]+)\.id\}$/.exec(t.existing_cluster_id) : null;
      if (ref) spec = clusters[ref[1]!];
      const version = obj(spec) ? spec.spark_version : undefined;
      const v = dbrVersion(version);
      if (!v || v[0] > 13 || (v[0] === 13 && v[1] >= 3)) return;
      const path = [...job.path, 'tasks', i];
      out.push(diag('error', 'cluster/wheel-runtime', `task ${String(t.task_key)} uses cluster with incompatible DBR version ${String(version)}`, { path, span: spanAt(config, path) }));
      out.push(diag('error', 'cluster/wheel-runtime', "Python wheel tasks require compute with DBR 13.3+ to include local libraries. Please change your cluster configuration or use the experimental 'python_wheel_wrapper' setting. See https://docs.databricks.com/dev-tools/bundles/python-wheel.html for more information.", { path, span: spanAt(config, [...path, 'libraries']) }));
    });
  }
  return out;
};
