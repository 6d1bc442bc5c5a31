/**
 * The job DAG as plain ASCII, for terminals and CI logs: boxes in layers, edges routed in the
 * channel between two layers.
 *
 * Edges between two layers are routed in a channel (ascii-channel.ts); cycle edges and
 * missing dependencies are listed under the drawing.
 */
import { channelBuses, drawChannel } from './ascii-channel.js';
import { layoutGraph, type LayoutEdge, type LayoutNode } from './layout.js';
import type { JobGraph } from './model.js';

export interface AsciiOptions {
  /** Use Unicode box-drawing characters instead of ASCII. */
  unicode?: boolean;
}

export interface Glyphs {
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

export class Canvas {
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
    const buses = channelBuses(layout, byLayer[l]!);
    const ports = new Map<number, number[]>();
    for (const b of buses) b.sources.forEach((s, i) => ports.set(s, [...(ports.get(s) ?? []), b.ports[i]!]));
    for (const v of layer) drawNode(canvas, g, layout.nodes[v]!, row, height, texts, ports.get(v) ?? []);
    row += height;
    if (l + 1 < layout.layers.length) row = drawChannel(canvas, g, layout, buses, row);
  });
  return [header, '', ...canvas.lines(), ...footnotes(graph)].join('\n') + '\n';
}

function drawNode(canvas: Canvas, g: Glyphs, n: LayoutNode, row: number, height: number, texts: string[][], ports: number[]): void {
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
  // A box shorter than its row: continue the exit lines down to the channel.
  for (const c of ports) for (let r = bottom + 1; r < row + height; r++) canvas.put(r, c, g.v);
}

function footnotes(graph: JobGraph): string[] {
  const notes: string[] = [];
  for (const e of graph.edges) {
    if (e.back) notes.push(`cycle: ${graph.nodes[e.to]!.key} depends on ${graph.nodes[e.from]!.key} (not drawn)`);
  }
  for (const [task, key] of graph.missing) notes.push(`missing: ${task} depends on ${key}, which is not a task of this job`);
  return notes.length > 0 ? ['', ...notes] : [];
}
