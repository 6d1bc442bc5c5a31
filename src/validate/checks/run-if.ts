/**
 * `run_if` that cannot do what it says.
 *
 * Rules (from the run-if semantics in job-settings.md §3):
 * 1. A task without dependencies has nothing to wait for, so a non-default `run_if` there is a
 *    mistake, usually a forgotten `depends_on` (an ALL_DONE clean-up task would run first).
 *    `ALL_SUCCESS` is the server default and is echoed on every task of an exported job, so it
 *    is accepted.
 * 2. `AT_LEAST_ONE_FAILED` needs a dependency that can fail; `ALL_FAILED` needs every dependency
 *    to be able to fail. A dependency cannot fail when it is disabled (it ends as skipped, which
 *    counts as success), or when it is a condition task that cannot fail: condition tasks do not
 *    run code, so they only fail as UPSTREAM_FAILED, which needs a dependency that can fail and
 *    a `run_if` that turns failures into UPSTREAM_FAILED. Taken or excluded branches (outcome)
 *    are never failures either. Such a task is excluded on every run.
 * Values outside the enum are the schema's finding and are skipped here.
 */
import { diag, type Diagnostic, type Related } from '../../diag/diagnostic.js';
import { spanAt } from '../../source/locations.js';
import type { BundleCheck } from '../check.js';
import { buildTaskGraph, longestPathLayers, upstreamOf, type TaskGraph } from '../dag.js';
import { has } from '../tasks.js';

const RUN_IF = new Set(['ALL_SUCCESS', 'AT_LEAST_ONE_SUCCESS', 'NONE_FAILED', 'ALL_DONE', 'AT_LEAST_ONE_FAILED', 'ALL_FAILED']);
/** run_if values under which failed dependencies turn this task into UPSTREAM_FAILED. */
const PROPAGATES_FAILURE = new Set(['ALL_SUCCESS', 'AT_LEAST_ONE_SUCCESS', 'NONE_FAILED']);

function runIfOf(task: Record<string, unknown>): string {
  return typeof task.run_if === 'string' ? task.run_if : 'ALL_SUCCESS';
}

/** Whether each task can end in a failed state, computed upstream-first. */
export function failureCapable(g: TaskGraph): boolean[] {
  const layers = longestPathLayers(g);
  const order = [...g.nodes.keys()].sort((a, b) => layers[a]! - layers[b]!);
  const can: boolean[] = g.nodes.map(() => true);
  const dangling = new Set(g.dangling.map((d) => d.from));
  for (const v of order) {
    const task = g.nodes[v]!.task;
    if (task.disabled === true) can[v] = false;
    else if (has(task, 'condition_task') && layers[v]! >= 0) {
      const deps = upstreamOf(g, v);
      can[v] = dangling.has(v) || (deps.length > 0 && PROPAGATES_FAILURE.has(runIfOf(task)) && deps.some((d) => can[d]));
    }
  }
  return can;
}

export const runIfSatisfiable: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  for (const job of jobs) {
    const g = buildTaskGraph(job);
    let can: boolean[] | undefined;
    const dangling = new Set(g.dangling.map((d) => d.from));
    g.nodes.forEach((node, v) => {
      const runIf = node.task.run_if;
      if (typeof runIf !== 'string' || !RUN_IF.has(runIf)) return;
      const path = [...node.path, 'run_if'];
      const depList = node.task.depends_on;
      if (!Array.isArray(depList) || depList.length === 0) {
        if (runIf === 'ALL_SUCCESS') return;
        out.push(
          diag('error', 'dag/run-if-without-dependencies', `task "${node.key}" sets run_if: ${runIf} but has no depends_on`, {
            path,
            span: spanAt(config, path),
            detail: 'run_if decides from the results of dependencies. Add the depends_on it should wait for, or remove run_if.',
          }),
        );
        return;
      }
      if (runIf !== 'AT_LEAST_ONE_FAILED' && runIf !== 'ALL_FAILED') return;
      if (dangling.has(v)) return; // an unknown dependency might fail; reported elsewhere
      can ??= failureCapable(g);
      const deps = upstreamOf(g, v);
      const safe = deps.filter((d) => !can![d]);
      const never = runIf === 'ALL_FAILED' ? safe.length > 0 : deps.length > 0 && safe.length === deps.length;
      if (!never) return;
      out.push(
        diag('error', 'dag/run-if-never-met', `task "${node.key}" can never run: run_if ${runIf} needs failed dependencies, but ${names(g, safe)} cannot fail`, {
          path,
          span: spanAt(config, path),
          related: safe.flatMap((d) => related(config, g, d)),
          detail: 'Disabled tasks end as skipped, and condition tasks only fail when their own upstream failed; neither counts as a failure.',
        }),
      );
    });
  }
  return out;
};

function names(g: TaskGraph, idx: number[]): string {
  return idx.map((i) => `"${g.nodes[i]!.key}"`).join(', ');
}

function related(config: unknown, g: TaskGraph, d: number): Related[] {
  const span = spanAt(config, [...g.nodes[d]!.path, 'task_key']);
  return span ? [{ message: `"${g.nodes[d]!.key}" cannot fail`, span }] : [];
}
