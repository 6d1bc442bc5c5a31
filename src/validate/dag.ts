/**
 * The task dependency graph of one job, and the graph algorithms the checks and `jobs graph`
 * share: cycles (Tarjan's strongly connected components), a topological rank, longest-path
 * layers, and "is task A upstream of task B" answered per query with pruning and memoisation.
 *
 * Everything is iterative and linear in tasks + edges, so a 1,000-task job or a 1,000-deep chain
 * neither overflows the stack nor goes quadratic. Nodes are the top-level tasks in `tasks`
 * order; a task that repeats a key (reported by the loader) keeps only its first occurrence.
 */
import type { JobView } from './check.js';
import { asKey, isObj, topTasks, type LocatedTask } from './tasks.js';

/** An edge of any graph here: `from` needs `to` (depends on it, or runs it). */
export interface EdgeLike {
  from: number;
  to: number;
}

/** Outgoing edges per node. */
export type Adjacency<E extends EdgeLike = EdgeLike> = readonly (readonly E[])[];

/** One resolved `depends_on` entry: `from` depends on `to`. */
export interface DepEdge extends EdgeLike {
  /** Index of the entry in `from`'s depends_on list. */
  entry: number;
  outcome?: string;
}

/** A `depends_on` entry whose key matches no task. */
export interface DanglingDep {
  from: number;
  entry: number;
  key: string;
}

export interface TaskGraph {
  nodes: LocatedTask[];
  index: ReadonlyMap<string, number>;
  /** Upstream edges per node, in depends_on order (self-edges included). */
  deps: DepEdge[][];
  /** Downstream node indexes per node. */
  downstream: number[][];
  dangling: DanglingDep[];
}

/** Builds the dependency graph of a job's top-level tasks. Keys compare as written. */
export function buildTaskGraph(job: JobView): TaskGraph {
  const all = topTasks(job);
  const index = new Map<string, number>();
  const nodes: LocatedTask[] = [];
  for (const t of all) {
    if (t.key === undefined || index.has(t.key)) continue;
    index.set(t.key, nodes.length);
    nodes.push(t);
  }
  const deps: DepEdge[][] = nodes.map(() => []);
  const downstream: number[][] = nodes.map(() => []);
  const dangling: DanglingDep[] = [];
  nodes.forEach((node, from) => {
    const list = node.task.depends_on;
    if (!Array.isArray(list)) return;
    list.forEach((d, entry) => {
      const key = isObj(d) ? asKey(d.task_key) : undefined;
      if (key === undefined) return;
      const to = index.get(key);
      if (to === undefined) {
        dangling.push({ from, entry, key });
        return;
      }
      const edge: DepEdge = { from, to, entry };
      if (isObj(d) && typeof d.outcome === 'string') edge.outcome = d.outcome;
      deps[from]!.push(edge);
      if (to !== from) downstream[to]!.push(from);
    });
  });
  return { nodes, index, deps, downstream, dangling };
}

/** Distinct upstream node indexes of `n`, self-edges excluded. */
export function upstreamOf(g: TaskGraph, n: number): number[] {
  const seen = new Set<number>();
  for (const e of g.deps[n]!) if (e.to !== n) seen.add(e.to);
  return [...seen];
}

/**
 * Strongly connected components with more than one node (each holds at least one cycle), in
 * order of their first node. Iterative Tarjan.
 */
export function cyclicComponents(deps: Adjacency): number[][] {
  const n = deps.length;
  const order = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const out: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const work: Array<[number, number]> = [[root, 0]];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [v, i] = top;
      const edges = deps[v]!;
      if (i < edges.length) {
        top[1]++;
        const w = edges[i]!.to;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === order[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1) out.push(comp.sort((a, b) => a - b));
      }
    }
  }
  return out.sort((a, b) => a[0]! - b[0]!);
}

/**
 * One simple cycle inside a strongly connected component, as the edges walked from its first
 * node: `start → … → start`. Breadth-first, so the cycle is a shortest one through `start`.
 */
export function cycleThrough<E extends EdgeLike>(deps: Adjacency<E>, component: readonly number[]): E[] {
  const inComp = new Set(component);
  const start = component[0]!;
  const via = new Map<number, E>();
  const queue = [start];
  for (let qi = 0; qi < queue.length; qi++) {
    const v = queue[qi]!;
    for (const e of deps[v]!) {
      if (!inComp.has(e.to) || e.to === v) continue;
      if (e.to === start) {
        const path = [e];
        for (let cur = v; cur !== start; cur = via.get(cur)!.from) path.push(via.get(cur)!);
        return path.reverse();
      }
      if (!via.has(e.to)) {
        via.set(e.to, e);
        queue.push(e.to);
      }
    }
  }
  return [];
}

/**
 * Longest-path layer of every node: roots are 0, a task sits one below its deepest upstream
 * task. Nodes on or below a cycle of two or more tasks get -1. Kahn's algorithm, linear.
 */
export function longestPathLayers(g: TaskGraph): Int32Array {
  const n = g.nodes.length;
  const layer = new Int32Array(n).fill(-1);
  const pending = new Int32Array(n);
  // Self-edges are ignored here (reported on their own): they do not change the order.
  for (let v = 0; v < n; v++) pending[v] = upstreamOf(g, v).length;
  const queue: number[] = [];
  for (let v = 0; v < n; v++) if (pending[v] === 0) queue.push(v);
  for (const v of queue) if (layer[v] === -1) layer[v] = 0;
  for (let qi = 0; qi < queue.length; qi++) {
    const v = queue[qi]!;
    for (const w of new Set(g.downstream[v]!)) {
      layer[w] = Math.max(layer[w]!, layer[v]! + 1);
      if (--pending[w]! === 0) queue.push(w);
    }
  }
  for (let v = 0; v < n; v++) if (pending[v]! > 0) layer[v] = -1;
  return layer;
}

/** How many nodes a backward search from one reference may visit before it gives up. */
const LOCAL_SEARCH_BUDGET = 64;

/**
 * Answers "does `a` run before `b`", i.e. is `a` a transitive upstream task of `b`.
 *
 * 1. A direct dependency answers at once; layers rule out every `a` not strictly above `b`.
 * 2. A backward search from `b` that never enters a node at or above `a`'s layer (such a node
 *    cannot have `a` upstream), limited to LOCAL_SEARCH_BUDGET nodes: this answers references to
 *    nearby tasks (a grandparent's value) in constant time.
 * 3. Past the budget, the downstream closure of `a` is computed once (a forward walk, linear)
 *    and kept for every later reference to `a`.
 * A job costs O(references × budget + T × (tasks + edges)), where T counts the distinct tasks
 * referenced from far below: the few tasks that produce values, in practice.
 */
export class Reachability {
  private readonly layers: Int32Array;
  private readonly below = new Map<number, Uint8Array>();

  constructor(private readonly g: TaskGraph) {
    this.layers = longestPathLayers(g);
  }

  isUpstream(a: number, b: number): boolean {
    if (a === b) return false;
    if (this.g.deps[b]!.some((e) => e.to === a)) return true;
    const la = this.layers[a]!;
    const lb = this.layers[b]!;
    const layered = la >= 0 && lb >= 0;
    if (layered && la >= lb) return false;
    let closure = this.below.get(a);
    if (!closure) {
      const local = layered ? this.localSearch(a, b, la) : undefined;
      if (local !== undefined) return local;
      closure = this.downstreamClosure(a);
      this.below.set(a, closure);
    }
    return closure[b] === 1;
  }

  /** Backward search from `b` above `a`'s layer; undefined when it runs out of budget. */
  private localSearch(a: number, b: number, la: number): boolean | undefined {
    const seen = new Set<number>([b]);
    const stack = [b];
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const e of this.g.deps[v]!) {
        if (e.to === a) return true;
        if (seen.has(e.to) || this.layers[e.to]! <= la) continue;
        if (seen.size >= LOCAL_SEARCH_BUDGET) return undefined;
        seen.add(e.to);
        stack.push(e.to);
      }
    }
    return false;
  }

  /** Every task that runs after `a` (transitively), as a membership array. */
  private downstreamClosure(a: number): Uint8Array {
    const seen = new Uint8Array(this.g.nodes.length);
    const stack = [a];
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const w of this.g.downstream[v]!) {
        if (seen[w]) continue;
        seen[w] = 1;
        stack.push(w);
      }
    }
    return seen;
  }
}
