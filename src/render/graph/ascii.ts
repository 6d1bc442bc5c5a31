/**
 * The job DAG as plain ASCII, for terminals and CI logs: boxes in layers, edges routed in the
 * channel between two layers.
 *
 * Channel routing: every task below gets one horizontal "bus" that ends in an arrow into it;
 * each upstream task drops a vertical line from its box and joins (`+`) the buses of the tasks
 * it feeds. A bus therefore means "all these feed that one", which stays true however many
 * tasks share it. Buses that do not overlap share a row. A vertical line that merely crosses a
 * bus is drawn over it (`|`), never as a junction, and a bus never ends on a column where an
 * unrelated line runs, so every `+` is a real connection.
 */
import { layoutGraph, type Layout, type LayoutEdge, type LayoutNode } from './layout.js';
import type { JobGraph } from './model.js';

export interface AsciiOptions {
  /** Use Unicode box-drawing characters instead of ASCII. */
  unicode?: boolean;
}

interface Glyphs {
  h: string;
  v: string;
  join: string;
  arrow: string;
  tl: string;
  tr: string;
  bl: string;
  br: string;
}

const ASCII: Glyphs = { h: '-', v: '|', join: '+', arrow: 'v', tl: '+', tr: '+', bl: '+', br: '+' };
const UNICODE: Glyphs = { h: '─', v: '│', join: '┼', arrow: '▼', tl: '┌', tr: '┐', bl: '└', br: '┘' };

/** Text lines of a task's box: its key, then its notes in parentheses, then edge labels. */
function boxLines(graph: JobGraph, task: number): string[] {
  const node = graph.nodes[task]!;
  const lines = [node.key, ...node.notes.map((n) => `(${n})`)];
  for (const e of graph.edges) {
    if (e.to === task && e.label !== undefined) lines.push(`(if ${graph.nodes[e.from]!.key} = ${e.label})`);
  }
  return lines;
}

class Canvas {
  private readonly rows: string[][] = [];

  put(row: number, col: number, ch: string, over: 'always' | 'blank' | 'line' = 'always'): void {
    while (this.rows.length <= row) this.rows.push([]);
    const r = this.rows[row]!;
    while (r.length <= col) r.push(' ');
    const cur = r[col]!;
    if (over === 'blank' && cur !== ' ') return;
    if (over === 'line' && cur !== ' ' && cur !== ASCII.h && cur !== UNICODE.h) return;
    r[col] = ch;
  }

  text(row: number, col: number, s: string): void {
    [...s].forEach((ch, i) => this.put(row, col + i, ch));
  }

  lines(): string[] {
    return this.rows.map((r) => r.join('').trimEnd());
  }
}

export function renderAscii(graph: JobGraph, options: AsciiOptions = {}): string {
  const g = options.unicode ? UNICODE : ASCII;
  const header = `${graph.key}${graph.name ? ` (${graph.name})` : ''}: ${graph.nodes.length} task${graph.nodes.length === 1 ? '' : 's'}`;
  if (graph.nodes.length === 0) return `${header}\n`;
  const texts = graph.nodes.map((_, i) => boxLines(graph, i));
  const layout = layoutGraph(graph, (t) => Math.max(...texts[t]!.map((l) => [...l].length)) + 4);
  const canvas = new Canvas();
  const byLayer: LayoutEdge[][] = layout.layers.map(() => []);
  for (const e of layout.edges) byLayer[layout.nodes[e.from]!.layer]!.push(e);
  let row = 0;
  layout.layers.forEach((layer, l) => {
    const height = Math.max(...layer.map((v) => (layout.nodes[v]!.task < 0 ? 1 : texts[layout.nodes[v]!.task]!.length + 2)));
    const exits = new Set(byLayer[l]!.map((e) => e.from));
    for (const v of layer) drawNode(canvas, g, layout.nodes[v]!, row, height, texts, exits.has(v));
    row += height;
    if (l + 1 < layout.layers.length) row = drawChannel(canvas, g, layout, byLayer[l]!, row);
  });
  return [header, '', ...canvas.lines(), ...footnotes(graph)].join('\n') + '\n';
}

function drawNode(canvas: Canvas, g: Glyphs, n: LayoutNode, row: number, height: number, texts: string[][], hasExit: boolean): void {
  if (n.task < 0) {
    for (let r = row; r < row + height; r++) canvas.put(r, n.x, g.v);
    return;
  }
  const lines = texts[n.task]!;
  canvas.text(row, n.x, g.tl + g.h.repeat(n.width - 2) + g.tr);
  lines.forEach((line, i) => {
    canvas.text(row + 1 + i, n.x, `${g.v} ${line.padEnd(n.width - 4)} ${g.v}`);
  });
  const bottom = row + lines.length + 1;
  canvas.text(bottom, n.x, g.bl + g.h.repeat(n.width - 2) + g.br);
  // A box shorter than its row: continue the exit line down to the channel.
  if (hasExit) {
    for (let r = bottom + 1; r < row + height; r++) canvas.put(r, centreOf(n), g.v);
  }
}

function centreOf(n: LayoutNode): number {
  return n.x + Math.floor(n.width / 2);
}

function exitColumn(layout: Layout, v: number): number {
  return centreOf(layout.nodes[v]!);
}

/**
 * Draws the edges from one layer to the next starting at `row`; returns the next row.
 * Targets with the same set of sources share one bus (all of them feed all of these), so a
 * plain fan-out or fan-in is a single line.
 */
function drawChannel(canvas: Canvas, g: Glyphs, layout: Layout, edges: LayoutEdge[], row: number): number {
  const buses = busesOf(layout, edges);
  const trackEnds: number[] = [];
  for (const bus of buses.filter((b) => b.left < b.right).sort((a, b) => a.left - b.left || a.right - b.right)) {
    // Two blanks at least between buses sharing a row, so `+  +` never reads as one line.
    let t = trackEnds.findIndex((end) => end + 3 <= bus.left);
    if (t < 0) t = trackEnds.push(0) - 1;
    trackEnds[t] = bus.right;
    bus.track = t;
  }
  const arrowRow = row + trackEnds.length + 1;
  const trackRow = (b: Bus) => (b.track < 0 ? arrowRow - 1 : row + 1 + b.track);
  // Horizontal lines first, so vertical lines drawn afterwards cross over them.
  for (const bus of buses) {
    if (bus.track >= 0) for (let c = bus.left; c <= bus.right; c++) canvas.put(trackRow(bus), c, g.h, 'blank');
  }
  const exits = new Map<number, Bus[]>();
  for (const bus of buses) for (const s of bus.sources) exits.set(s, [...(exits.get(s) ?? []), bus]);
  for (const [s, joined] of exits) {
    const c = exitColumn(layout, s);
    const lowest = Math.max(...joined.map(trackRow));
    for (let r = row; r <= lowest; r++) canvas.put(r, c, g.v, 'line');
    for (const b of joined) if (b.track >= 0) canvas.put(trackRow(b), c, g.join);
  }
  for (const bus of buses) {
    bus.targets.forEach((t, i) => {
      const c = bus.entries[i]!;
      for (let r = trackRow(bus) + 1; r < arrowRow; r++) canvas.put(r, c, g.v, 'line');
      if (bus.track >= 0) canvas.put(trackRow(bus), c, g.join);
      canvas.put(arrowRow, c, layout.nodes[t]!.task < 0 ? g.v : g.arrow);
    });
  }
  return arrowRow + 1;
}

interface Bus {
  sources: number[];
  targets: number[];
  /** Entry column per target. */
  entries: number[];
  left: number;
  right: number;
  /** Row within the channel; -1 for a straight line that needs none. */
  track: number;
}

/** Groups the targets of a channel by their source sets and picks entry columns. */
function busesOf(layout: Layout, edges: LayoutEdge[]): Bus[] {
  const sourcesOf = new Map<number, number[]>();
  for (const e of edges) sourcesOf.set(e.to, [...(sourcesOf.get(e.to) ?? []), e.from]);
  const groups = new Map<string, Bus>();
  for (const [t, sources] of sourcesOf) {
    const id = [...new Set(sources)].sort((a, b) => a - b).join(',');
    const bus = groups.get(id) ?? { sources: [...new Set(sources)], targets: [], entries: [], left: 0, right: 0, track: -1 };
    bus.targets.push(t);
    groups.set(id, bus);
  }
  const buses = [...groups.values()];
  const busesOfSource = new Map<number, number>();
  for (const b of buses) for (const s of b.sources) busesOfSource.set(s, (busesOfSource.get(s) ?? 0) + 1);
  for (const bus of buses) {
    // A target may sit on the line of a source of its own bus, if that line goes nowhere else;
    // any other line there would merge with its arrow.
    const busy = new Set(
      [...busesOfSource.keys()].filter((s) => !(bus.sources.includes(s) && busesOfSource.get(s) === 1)).map((s) => exitColumn(layout, s)),
    );
    bus.entries = bus.targets.map((t) => entryColumn(layout.nodes[t]!, busy));
    const cols = [...bus.entries, ...bus.sources.map((s) => exitColumn(layout, s))];
    bus.left = Math.min(...cols);
    bus.right = Math.max(...cols);
  }
  return buses;
}

/** The box centre, or the nearest free column inside the box (two away first, for legibility). */
function entryColumn(n: LayoutNode, busy: Set<number>): number {
  const centre = centreOf(n);
  if (!busy.has(centre)) return centre;
  for (const d of [2, -2, 3, -3, 1, -1, 4, -4, 5, -5, 6, -6]) {
    const c = centre + d;
    if (c > n.x && c < n.x + n.width - 1 && !busy.has(c)) return c;
  }
  return centre;
}

function footnotes(graph: JobGraph): string[] {
  const notes: string[] = [];
  for (const e of graph.edges) {
    if (e.back) notes.push(`cycle: ${graph.nodes[e.to]!.key} depends on ${graph.nodes[e.from]!.key} (not drawn)`);
  }
  for (const [task, key] of graph.missing) notes.push(`missing: ${task} depends on ${key}, which is not a task of this job`);
  return notes.length > 0 ? ['', ...notes] : [];
}
