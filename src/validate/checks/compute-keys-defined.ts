/**
 * `job_cluster_key` names an entry of the job's `job_clusters`, and `environment_key` one of its
 * `environments` (nested for-each tasks included), with a suggestion for near misses. Keys are
 * compared as written; a `${…}` key that matches nothing literally is the loader's finding. Keys
 * defined twice are reported too: bundles merge such entries, but raw job files keep both.
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { didYouMean, suggest } from '../../diag/suggest.js';
import { spanAt } from '../../source/locations.js';
import type { DiagCode } from '../../diag/codes.js';
import type { BundleCheck, JobView } from '../check.js';
import { allTasks, asKey, hasInterpolation, isObj } from '../tasks.js';

interface KeyedList {
  list: 'job_clusters' | 'environments';
  field: 'job_cluster_key' | 'environment_key';
  code: DiagCode;
}

const LISTS: readonly KeyedList[] = [
  { list: 'job_clusters', field: 'job_cluster_key', code: 'compute/unknown-job-cluster' },
  { list: 'environments', field: 'environment_key', code: 'compute/unknown-environment' },
];

export const computeKeysDefined: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  for (const job of jobs) {
    for (const kl of LISTS) {
      const defined = definitions(config, job, kl, out);
      if (!defined) continue;
      for (const t of allTasks(job)) {
        const key = asKey(t.task[kl.field]);
        if (key === undefined || defined.has(key) || hasInterpolation(key)) continue;
        const path = [...t.path, kl.field];
        const hint = didYouMean(suggest(key, defined.keys()));
        const none = defined.size === 0 ? ` (job "${job.key}" defines no ${kl.list})` : '';
        out.push(diag('error', kl.code, `${kl.field} "${key}" is not defined in ${kl.list}${none}.${hint}`, { path, span: spanAt(config, path) }));
      }
    }
  }
  return out;
};

/** The keys a job defines in one list, reporting duplicates; undefined if the list is unknown. */
function definitions(config: unknown, job: JobView, kl: KeyedList, out: Diagnostic[]): Set<string> | undefined {
  const list = job.settings[kl.list];
  if (list === undefined || list === null) return new Set();
  if (!Array.isArray(list)) return undefined; // a ${var.x} still to be resolved: nothing to compare
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const key = isObj(item) ? asKey(item[kl.field]) : undefined;
    if (key === undefined) return;
    if (seen.has(key)) {
      const path = [...job.path, kl.list, i, kl.field];
      out.push(diag('error', 'compute/duplicate-key', `${kl.list} defines "${key}" more than once`, { path, span: spanAt(config, path) }));
    }
    seen.add(key);
  });
  return seen;
}
