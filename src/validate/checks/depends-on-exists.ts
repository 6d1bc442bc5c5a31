/**
 * Every `depends_on` entry names a task of the same job, and not the task itself.
 *
 * A key that still holds `${…}` and matches no task literally is left alone: the loader has
 * already reported the reference it could not resolve, and the text is not the final key.
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { spanAt } from '../../source/locations.js';
import type { BundleCheck } from '../check.js';
import { buildTaskGraph } from '../dag.js';
import { didYouMean, suggest } from '../../diag/suggest.js';
import { hasInterpolation } from '../tasks.js';

export const dependsOnExists: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  for (const job of jobs) {
    const g = buildTaskGraph(job);
    for (const d of g.dangling) {
      if (hasInterpolation(d.key)) continue;
      const from = g.nodes[d.from]!;
      const path = [...from.path, 'depends_on', d.entry, 'task_key'];
      // Never the task itself: that suggestion would be a self-dependency.
      const hint = suggest(d.key, [...g.index.keys()].filter((k) => k !== from.key));
      out.push(
        diag('error', 'dag/unknown-dependency', `task "${from.key}" depends on "${d.key}", which is not a task of job "${job.key}".${didYouMean(hint)}`, {
          path,
          span: spanAt(config, path),
        }),
      );
    }
    for (const edges of g.deps) {
      for (const e of edges) {
        if (e.from !== e.to) continue;
        const node = g.nodes[e.from]!;
        const path = [...node.path, 'depends_on', e.entry, 'task_key'];
        out.push(diag('error', 'dag/self-dependency', `task "${node.key}" depends on itself`, { path, span: spanAt(config, path) }));
      }
    }
  }
  return out;
};
