/**
 * `depends_on[].outcome` only makes sense on a dependency on a condition task, and only as the
 * strings "true" or "false" (what a condition task evaluates to). YAML booleans are the classic
 * slip (`outcome: true`): reported with the quoted form as the fix.
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { getAt, spanAt } from '../../source/locations.js';
import type { BundleCheck } from '../check.js';
import { buildTaskGraph } from '../dag.js';
import { has, hasInterpolation, taskTypesOf } from '../tasks.js';

const OUTCOMES = new Set(['true', 'false']);

export const dependsOnOutcome: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  for (const job of jobs) {
    const g = buildTaskGraph(job);
    g.nodes.forEach((node, n) => {
      const list = node.task.depends_on;
      if (!Array.isArray(list)) return;
      const byEntry = new Map(g.deps[n]!.map((e) => [e.entry, e]));
      list.forEach((_, entry) => {
        const path = [...node.path, 'depends_on', entry, 'outcome'];
        const outcome = getAt(config, path);
        if (outcome === undefined || outcome === null || hasInterpolation(outcome)) return;
        if (typeof outcome !== 'string' || !OUTCOMES.has(outcome)) {
          const quoted = typeof outcome === 'boolean' ? ` Write it as a string: "${outcome}".` : '';
          out.push(
            diag('error', 'dag/invalid-outcome', `outcome must be "true" or "false", not ${JSON.stringify(outcome)}.${quoted}`, {
              path,
              span: spanAt(config, path),
            }),
          );
          return;
        }
        const edge = byEntry.get(entry);
        if (!edge) return; // unknown dependency: reported by depends-on-exists
        const upstream = g.nodes[edge.to]!;
        const types = taskTypesOf(upstream.task);
        if (types.length === 0 || has(upstream.task, 'condition_task')) return;
        out.push(
          diag('error', 'dag/outcome-not-condition', `outcome is set, but "${upstream.key}" is a ${types[0]}, not a condition_task`, {
            path,
            span: spanAt(config, [...node.path, 'depends_on', entry, 'outcome'], 'key'),
            detail: 'Only a dependency on a condition task can choose a branch. Remove outcome to wait for the task to finish.',
          }),
        );
      });
    });
  }
  return out;
};
