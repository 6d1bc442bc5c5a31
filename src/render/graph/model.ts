/**
 * What `jobs graph` draws, independent of the output format: one node per top-level task with
 * the notes worth showing (condition, for-each, run_if, disabled), and one edge per
 * dependency from the upstream task to the downstream one, labelled with its outcome.
 * Edges that close a cycle are marked, so layered drawings can leave them out and say so.
 */
import type { JobView } from '../../validate/check.js';
import { buildTaskGraph } from '../../validate/dag.js';
import { asKey, isObj, taskTypeOf, type TaskType } from '../../validate/tasks.js';

export interface GraphNode {
  key: string;
  type: TaskType | undefined;
  /** Short notes under the key, e.g. `for each: ingest_one`, `run_if: ALL_DONE`. */
  notes: string[];
}

export interface GraphEdge {
  /** Upstream node index. */
  from: number;
  /** Downstream node index. */
  to: number;
  /** `depends_on[].outcome` on a condition task: "true" / "false". */
  label?: string;
  /** Closes a cycle (or is a self-dependency): left out of layered layouts. */
  back?: boolean;
}

export interface JobGraph {
  key: string;
  name?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** `depends_on` entries naming no task: `[task, missing key]`. */
  missing: Array<[string, string]>;
}

/** Builds the drawable graph of a job. Pure; tolerant of invalid jobs (they are drawn as is). */
export function toJobGraph(job: JobView): JobGraph {
  const g = buildTaskGraph(job);
  const nodes = g.nodes.map((n) => ({ key: n.key!, type: taskTypeOf(n.task), notes: notesOf(n.task) }));
  const edges: GraphEdge[] = [];
  for (const list of g.deps) {
    for (const e of list) {
      const edge: GraphEdge = { from: e.to, to: e.from };
      if (e.outcome !== undefined) edge.label = e.outcome;
      edges.push(edge);
    }
  }
  markBackEdges(nodes.length, edges);
  const missing = g.dangling.map((d) => [g.nodes[d.from]!.key!, d.key] as [string, string]);
  const name = typeof job.settings.name === 'string' ? job.settings.name : undefined;
  return { key: job.key, ...(name !== undefined && name !== job.key ? { name } : {}), nodes, edges, missing };
}

function notesOf(task: Record<string, unknown>): string[] {
  const notes: string[] = [];
  const type = taskTypeOf(task);
  if (type === 'condition_task' && isObj(task.condition_task)) {
    const c = task.condition_task;
    notes.push(`if ${short(c.left)} ${opSymbol(c.op)} ${short(c.right)}`);
  }
  if (type === 'for_each_task' && isObj(task.for_each_task)) {
    const inner = isObj(task.for_each_task.task) ? asKey(task.for_each_task.task.task_key) : undefined;
    notes.push(`for each: ${inner ?? '?'}`);
  }
  if (type === 'run_job_task') notes.push('runs a job');
  if (typeof task.run_if === 'string' && task.run_if !== 'ALL_SUCCESS') notes.push(`run_if: ${task.run_if}`);
  if (task.disabled === true) notes.push('disabled');
  return notes;
}

const OPS: Record<string, string> = {
  EQUAL_TO: '==',
  NOT_EQUAL: '!=',
  GREATER_THAN: '>',
  GREATER_THAN_OR_EQUAL: '>=',
  LESS_THAN: '<',
  LESS_THAN_OR_EQUAL: '<=',
};

function opSymbol(op: unknown): string {
  return typeof op === 'string' ? (OPS[op] ?? op) : '?';
}

/** An operand, shortened so boxes stay narrow: `{{tasks.a.values.n}}` stays readable. */
function short(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v ?? '');
  return s.length > 28 ? `${s.slice(0, 25)}...` : s;
}

/** Marks edges that close a cycle (iterative DFS in task order), self-edges included. */
function markBackEdges(n: number, edges: GraphEdge[]): void {
  const out: number[][] = Array.from({ length: n }, () => []);
  edges.forEach((e, i) => out[e.from]!.push(i));
  const state = new Uint8Array(n); // 0 new, 1 on the DFS stack, 2 done
  for (let root = 0; root < n; root++) {
    if (state[root]) continue;
    const stack: Array<[number, number]> = [[root, 0]];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [v, i] = top;
      if (i === out[v]!.length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      top[1]++;
      const e = edges[out[v]![i]!]!;
      if (state[e.to] === 1) e.back = true;
      else if (state[e.to] === 0) {
        state[e.to] = 1;
        stack.push([e.to, 0]);
      }
    }
  }
}
