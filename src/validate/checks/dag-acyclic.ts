/**
 * Task dependencies form no cycle. Each strongly connected group of tasks is reported once, as
 * one concrete cycle `a → b → c → a`, at the dependency that closes it, with a related location
 * for every edge so an editor can walk the loop. Self-dependencies are depends-on-exists' job.
 */
import { diag, type Diagnostic, type Related } from '../../diag/diagnostic.js';
import { spanAt } from '../../source/locations.js';
import type { BundleCheck } from '../check.js';
import { buildTaskGraph, cycleThrough, cyclicComponents } from '../dag.js';

export const dagAcyclic: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  for (const job of jobs) {
    const g = buildTaskGraph(job);
    for (const comp of cyclicComponents(g.deps)) {
      const cycle = cycleThrough(g.deps, comp);
      if (cycle.length === 0) continue;
      const edgePath = (i: number) => [...g.nodes[cycle[i]!.from]!.path, 'depends_on', cycle[i]!.entry, 'task_key'];
      const keys = cycle.map((e) => g.nodes[e.from]!.key);
      const loop = [...keys, keys[0]].join(' → ');
      const related: Related[] = [];
      cycle.forEach((e, i) => {
        const span = spanAt(config, edgePath(i));
        if (span) related.push({ message: `"${g.nodes[e.from]!.key}" depends on "${g.nodes[e.to]!.key}"`, span });
      });
      const extra = comp.length > cycle.length ? ` (${comp.length} tasks are caught in cycles here)` : '';
      out.push(
        diag('error', 'dag/cycle', `tasks depend on each other in a cycle: ${loop}${extra}`, {
          path: edgePath(0),
          span: spanAt(config, edgePath(0)),
          related,
          detail: 'A job runs its tasks in dependency order, so the dependencies must not loop. Remove one of these depends_on entries.',
        }),
      );
    }
  }
  return out;
};
