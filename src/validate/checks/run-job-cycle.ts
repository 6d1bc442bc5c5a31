/**
 * Jobs of one bundle that run each other through run_job_task in a loop. Each run would start
 * the next forever (until concurrency limits skip runs), and the deploy itself cannot order the
 * `${resources.jobs.<key>.id}` references. One diagnostic per loop, at the job_id that closes
 * it, with a related location per hop; a job that runs itself is a loop of one.
 */
import { diag, type Diagnostic, type Related } from '../../diag/diagnostic.js';
import { spanAt } from '../../source/locations.js';
import type { ConfigPath } from '../../diag/diagnostic.js';
import type { BundleCheck } from '../check.js';
import { cycleThrough, cyclicComponents, type EdgeLike } from '../dag.js';
import { runJobUses } from './run-job-refs.js';

interface RunEdge extends EdgeLike {
  path: ConfigPath;
}

export const runJobAcyclic: BundleCheck = ({ config, jobs }) => {
  const index = new Map(jobs.map((j, i) => [j.key, i]));
  const edges: RunEdge[][] = jobs.map(() => []);
  jobs.forEach((job, from) => {
    for (const use of runJobUses(job)) {
      if (use.ref.kind !== 'bundle-job' || use.ref.field !== 'id') continue;
      const to = index.get(use.ref.key);
      if (to !== undefined) edges[from]!.push({ from, to, path: use.path });
    }
  });
  const out: Diagnostic[] = [];
  const report = (loop: RunEdge[]) => {
    const names = loop.map((e) => jobs[e.from]!.key);
    const related: Related[] = loop.flatMap((e) => {
      const span = spanAt(config, e.path);
      return span ? [{ message: `job "${jobs[e.from]!.key}" runs job "${jobs[e.to]!.key}"`, span }] : [];
    });
    out.push(
      diag('error', 'run-job/cycle', `jobs run each other in a loop: ${[...names, names[0]].join(' → ')}`, {
        path: loop[0]!.path,
        span: spanAt(config, loop[0]!.path),
        related,
        detail: 'Each run would start the next one again. Break the loop, or trigger the follow-up job from a schedule.',
      }),
    );
  };
  edges.forEach((list, v) => {
    const self = list.find((e) => e.to === v);
    if (self) report([self]);
  });
  for (const comp of cyclicComponents(edges)) report(cycleThrough(edges, comp));
  return out.sort((a, b) => (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0));
};
