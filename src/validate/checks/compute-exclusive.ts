/**
 * A task runs on one thing: at most one of existing_cluster_id, new_cluster, job_cluster_key and
 * environment_key, and a notebook's SQL warehouse (notebook_task.warehouse_id) excludes all of
 * them. Reported at the second field, with the first as related.
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { spanAt } from '../../source/locations.js';
import type { ConfigPath } from '../../diag/diagnostic.js';
import type { BundleCheck } from '../check.js';
import { allTasks, COMPUTE_FIELDS, has, isObj } from '../tasks.js';

export const computeExclusive: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  for (const job of jobs) {
    for (const t of allTasks(job)) {
      const set: ConfigPath[] = COMPUTE_FIELDS.filter((f) => has(t.task, f)).map((f) => [...t.path, f]);
      const nb = t.task.notebook_task;
      if (isObj(nb) && has(nb, 'warehouse_id')) set.push([...t.path, 'notebook_task', 'warehouse_id']);
      if (set.length < 2) continue;
      // Point at the field written second, whatever the order of COMPUTE_FIELDS.
      set.sort((a, b) => (spanAt(config, a, 'key')?.start.offset ?? 0) - (spanAt(config, b, 'key')?.start.offset ?? 0));
      const first = spanAt(config, set[0]!, 'key');
      const names = set.map((p) => p.slice(t.path.length).join('.'));
      out.push(
        diag('error', 'compute/conflicting', `task "${t.key}" sets ${names.join(' and ')}; a task runs on exactly one of them`, {
          path: set[1]!,
          span: spanAt(config, set[1]!, 'key'),
          related: first ? [{ message: `${names[0]} is set here`, span: first }] : [],
        }),
      );
    }
  }
  return out;
};
