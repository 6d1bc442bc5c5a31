/**
 * Layered (Sugiyama-style) layout of a job graph, shared by the text renderers:
 * 1. layers by longest path from the roots (a task sits one layer below its deepest upstream);
 * 2. a dummy node in every layer an edge skips, so each drawn edge joins adjacent layers;
 * 3. order within layers by barycenter sweeps (down, up, down) to reduce crossings, ties kept
 *    in file order so the output is stable;
 * 4. x positions from node widths: each node under the mean of its parents, then parents
 *    shifted right over their children where there is room, then lone children of lone
 *    parents (chains) straightened under them.
 * Back edges (cycles) are not laid out; the renderers list them.
 */
import type { JobGraph } from './model.js';

export interface LayoutNode {
  /** Task index, or -1 for a dummy (a long edge passing through this layer). */
  task: number;
  layer: number;
  /** Left column and width, once `placeNodes` has run. */
  x: number;
  width: number;
}

export interface LayoutEdge {
  /** Indexes into `nodes`, in adjacent layers (from above to below). */
  from: number;
  to: number;
  /** Outcome label, on the edge's last hop. */
  label?: string;
}

export interface Layout {
  nodes: LayoutNode[];
  /** Node indexes per layer, left to right. */
  layers: number[][];
  edges: LayoutEdge[];
}

/** Longest-path layer per task over the forward (non-back) edges. */
export function layerTasks(graph: JobGraph): number[] {
  const n = graph.nodes.length;
  const layer = new Array<number>(n).fill(0);
  const indeg = new Array<number>(n).fill(0);
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const e of graph.edges) {
    if (e.back) continue;
    out[e.from]!.push(e.to);
    indeg[e.to]!++;
  }
  const queue = [...Array(n).keys()].filter((v) => indeg[v] === 0);
  for (let qi = 0; qi < queue.length; qi++) {
    const v = queue[qi]!;
    for (const w of out[v]!) {
      layer[w] = Math.max(layer[w]!, layer[v]! + 1);
      if (--indeg[w]! === 0) queue.push(w);
    }
  }
  return layer;
}

/** Builds layers with dummies and orders them. Widths come from `widthOf(task)`. */
export function layoutGraph(graph: JobGraph, widthOf: (task: number) => number): Layout {
  const taskLayer = layerTasks(graph);
  const nodes: LayoutNode[] = taskLayer.map((layer, task) => ({ task, layer, x: 0, width: widthOf(task) }));
  const edges: LayoutEdge[] = [];
  for (const e of graph.edges) {
    if (e.back) continue;
    let prev = e.from;
    for (let l = taskLayer[e.from]! + 1; l < taskLayer[e.to]!; l++) {
      nodes.push({ task: -1, layer: l, x: 0, width: 1 });
      edges.push({ from: prev, to: nodes.length - 1 });
      prev = nodes.length - 1;
    }
    edges.push({ from: prev, to: e.to, ...(e.label !== undefined ? { label: e.label } : {}) });
  }
  const depth = nodes.reduce((m, n) => Math.max(m, n.layer + 1), 0);
  const layers: number[][] = Array.from({ length: depth }, () => []);
  nodes.forEach((n, i) => layers[n.layer]!.push(i));
  const layout = { nodes, layers, edges };
  orderLayers(layout);
  placeNodes(layout);
  return layout;
}

function orderLayers(layout: Layout): void {
  const up: number[][] = layout.nodes.map(() => []);
  const down: number[][] = layout.nodes.map(() => []);
  for (const e of layout.edges) {
    up[e.to]!.push(e.from);
    down[e.from]!.push(e.to);
  }
  const pos = new Map<number, number>();
  const index = () => layout.layers.forEach((l) => l.forEach((v, i) => pos.set(v, i)));
  index();
  const sweep = (from: number, to: number, step: number, neighbours: number[][]) => {
    for (let l = from; l !== to; l += step) {
      const row = layout.layers[l]!;
      const key = new Map(row.map((v) => [v, barycenter(neighbours[v]!, pos) ?? pos.get(v)!]));
      row.sort((a, b) => key.get(a)! - key.get(b)! || pos.get(a)! - pos.get(b)!);
      row.forEach((v, i) => pos.set(v, i));
    }
  };
  const last = layout.layers.length;
  sweep(1, last, 1, up);
  sweep(last - 2, -1, -1, down);
  sweep(1, last, 1, up);
}

function barycenter(neighbours: number[], pos: Map<number, number>): number | undefined {
  if (neighbours.length === 0) return undefined;
  return neighbours.reduce((s, v) => s + pos.get(v)!, 0) / neighbours.length;
}

/** Horizontal gap between neighbouring boxes. */
const GAP = 3;

function placeNodes(layout: Layout): void {
  const { nodes, layers, edges } = layout;
  const up: number[][] = nodes.map(() => []);
  const down: number[][] = nodes.map(() => []);
  for (const e of edges) {
    up[e.to]!.push(e.from);
    down[e.from]!.push(e.to);
  }
  const center = (v: number) => nodes[v]!.x + Math.floor(nodes[v]!.width / 2);
  // Positions may go negative while placing (a child centred under a parent near the left
  // edge); everything is shifted back at the end.
  for (const row of layers) {
    let right = -Infinity;
    for (const v of row) {
      const n = nodes[v]!;
      const parents = up[v]!;
      const want = parents.length > 0 ? Math.round(parents.reduce((s, p) => s + center(p), 0) / parents.length) - Math.floor(n.width / 2) : 0;
      n.x = Math.max(right + GAP, want);
      right = n.x + n.width;
    }
  }
  // Bring parents over their children where the row leaves room (moving right only).
  for (let l = layers.length - 2; l >= 0; l--) {
    const row = layers[l]!;
    for (let i = row.length - 1; i >= 0; i--) {
      const n = nodes[row[i]!]!;
      const kids = down[row[i]!]!;
      if (kids.length === 0) continue;
      // Over the children's middle; snapped onto a child's centre when that is close, so one
      // line runs straight down instead of two junctions sitting side by side.
      let mid = Math.round(kids.reduce((s, k) => s + center(k), 0) / kids.length);
      const near = kids.map(center).sort((a, b) => Math.abs(a - mid) - Math.abs(b - mid))[0]!;
      if (Math.abs(near - mid) <= 2) mid = near;
      const want = mid - Math.floor(n.width / 2);
      const limit = i + 1 < row.length ? nodes[row[i + 1]!]!.x - GAP - n.width : Infinity;
      n.x = Math.max(n.x, Math.min(want, limit));
    }
  }
  // Straighten one-to-one links (chains): a lone child moves under its parent if there is room.
  for (let l = 1; l < layers.length; l++) {
    const row = layers[l]!;
    row.forEach((v, i) => {
      const n = nodes[v]!;
      const parents = up[v]!;
      if (parents.length !== 1 || down[parents[0]!]!.length !== 1) return;
      const lo = i > 0 ? nodes[row[i - 1]!]!.x + nodes[row[i - 1]!]!.width + GAP : -Infinity;
      const hi = i + 1 < row.length ? nodes[row[i + 1]!]!.x - GAP - n.width : Infinity;
      const want = center(parents[0]!) - Math.floor(n.width / 2);
      if (lo <= hi) n.x = Math.min(Math.max(want, lo), hi);
    });
  }
  const minX = Math.min(...nodes.map((n) => n.x));
  if (Number.isFinite(minX)) for (const n of nodes) n.x -= minX;
}
