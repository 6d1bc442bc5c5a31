/**
 * Edge routing between two layers of the ASCII drawing.
 *
 * Targets fed by the same set of sources share one horizontal bus: every source on a bus feeds
 * every target on it, so a fan-out or a fan-in is one line. Each source leaves its box through
 * one exit port per bus it joins (ports spread along the bottom edge), and each port line ends
 * at its bus: a line never continues past a junction into another bus, so no `+` can be read
 * as feeding a task it does not. Buses that leave room share a row; a line crossing a bus is
 * drawn over it (`|`), and a target never enters on a column where an unrelated line runs.
 */
import type { Canvas, Glyphs } from './ascii.js';
import type { Layout, LayoutEdge, LayoutNode } from './layout.js';

export interface Bus {
  sources: number[];
  /** Exit column of each source for this bus (parallel to `sources`). */
  ports: number[];
  targets: number[];
  /** Entry column of each target (parallel to `targets`). */
  entries: number[];
  left: number;
  right: number;
  /** Row within the channel; -1 for a straight line that needs none. */
  track: number;
}

export function centreOf(n: LayoutNode): number {
  return n.x + Math.floor(n.width / 2);
}

/** Groups a channel's targets by their source sets, then picks exit ports and entry columns. */
export function channelBuses(layout: Layout, edges: LayoutEdge[]): Bus[] {
  const sourcesOf = new Map<number, Set<number>>();
  for (const e of edges) sourcesOf.set(e.to, (sourcesOf.get(e.to) ?? new Set()).add(e.from));
  const groups = new Map<string, Bus>();
  for (const [t, set] of sourcesOf) {
    const sources = [...set].sort((a, b) => a - b);
    const id = sources.join(',');
    const bus = groups.get(id) ?? { sources, ports: [], targets: [], entries: [], left: 0, right: 0, track: -1 };
    bus.targets.push(t);
    groups.set(id, bus);
  }
  const buses = [...groups.values()];
  assignPorts(layout, buses);
  for (const bus of buses) {
    const busy = new Set(buses.filter((b) => b !== bus).flatMap((b) => b.ports));
    const straight = bus.sources.length === 1 && bus.targets.length === 1 ? straightColumn(layout, bus, busy) : undefined;
    if (straight !== undefined) {
      bus.ports = [straight];
      bus.entries = [straight];
    } else bus.entries = bus.targets.map((t) => entryColumn(layout.nodes[t]!, busy));
    const cols = [...bus.entries, ...bus.ports];
    bus.left = Math.min(...cols);
    bus.right = Math.max(...cols);
  }
  return buses;
}

/** One exit port per (source, bus), spread over the box and ordered like the buses' targets. */
function assignPorts(layout: Layout, buses: Bus[]): void {
  const mid = (b: Bus) => b.targets.reduce((s, t) => s + centreOf(layout.nodes[t]!), 0) / b.targets.length;
  // A long edge passes the next layer through a one-column dummy that cannot move. A port of
  // another bus in that column would join the two lines into one and read as a false edge.
  const dummyOwner = new Map<number, Bus>();
  for (const b of buses) for (const t of b.targets) if (layout.nodes[t]!.width === 1) dummyOwner.set(layout.nodes[t]!.x, b);
  const bySource = new Map<number, Bus[]>();
  for (const b of buses) for (const s of b.sources) bySource.set(s, [...(bySource.get(s) ?? []), b]);
  for (const [s, list] of bySource) {
    const n = layout.nodes[s]!;
    list.sort((a, b) => mid(a) - mid(b));
    list.forEach((b, i) => {
      // A dummy or a narrow box with more buses than room shares its centre (rare).
      const inner = n.width - 2;
      let col = list.length === 1 || inner < list.length ? centreOf(n) : n.x + 1 + Math.floor(((i + 0.5) * inner) / list.length);
      const owner = dummyOwner.get(col);
      if (owner && owner !== b) col = freeColumnInside(n, col, (c) => dummyOwner.has(c) && dummyOwner.get(c) !== b);
      b.ports[b.sources.indexOf(s)] = col;
    });
  }
}

/** The nearest column inside box `n` (two away first, for legibility) that is not taken. */
function freeColumnInside(n: LayoutNode, from: number, taken: (c: number) => boolean): number {
  for (const d of [2, -2, 3, -3, 1, -1, 4, -4, 5, -5, 6, -6]) {
    const c = from + d;
    if (c > n.x && c < n.x + n.width - 1 && !taken(c)) return c;
  }
  return from;
}

/**
 * A column where a one-to-one link can run straight down: the target's centre if the source's
 * box spans it, else the source's port if the target's box spans it. Undefined if neither is
 * free (another bus's line runs there) or the boxes do not overlap enough.
 */
function straightColumn(layout: Layout, bus: Bus, busy: Set<number>): number | undefined {
  const src = layout.nodes[bus.sources[0]!]!;
  const dst = layout.nodes[bus.targets[0]!]!;
  const inside = (c: number, n: LayoutNode) => (n.width === 1 ? c === n.x : c > n.x && c < n.x + n.width - 1);
  const free = (c: number) => !busy.has(c);
  const centre = centreOf(dst);
  if (inside(centre, src) && free(centre)) return centre;
  const port = bus.ports[0]!;
  if (inside(port, dst) && free(port)) return port;
  return undefined;
}

/** The box centre, or the nearest free column inside the box. */
function entryColumn(n: LayoutNode, busy: Set<number>): number {
  const centre = centreOf(n);
  return busy.has(centre) ? freeColumnInside(n, centre, (c) => busy.has(c)) : centre;
}

/** Draws the buses of one channel starting at `row`; returns the row after it. */
export function drawChannel(canvas: Canvas, g: Glyphs, layout: Layout, buses: Bus[], row: number): number {
  const tracks = assignTracks(buses);
  const arrowRow = row + tracks + 1;
  const trackRow = (b: Bus) => (b.track < 0 ? arrowRow - 1 : row + 1 + b.track);
  // Horizontal lines first, so vertical lines drawn afterwards cross over them.
  for (const bus of buses) {
    if (bus.track >= 0) for (let c = bus.left; c <= bus.right; c++) canvas.put(trackRow(bus), c, g.h, 'blank');
  }
  for (const bus of buses) {
    for (const c of bus.ports) for (let r = row; r <= trackRow(bus); r++) canvas.put(r, c, g.v, 'line');
    bus.targets.forEach((t, i) => {
      const c = bus.entries[i]!;
      for (let r = trackRow(bus) + 1; r < arrowRow; r++) canvas.put(r, c, g.v, 'line');
      canvas.put(arrowRow, c, layout.nodes[t]!.task < 0 ? g.v : g.arrow);
    });
    if (bus.track >= 0) {
      const ports = new Set(bus.ports);
      const entries = new Set(bus.entries);
      for (const c of new Set([...ports, ...entries])) {
        canvas.put(trackRow(bus), c, junction(g, { up: ports.has(c), down: entries.has(c), left: c > bus.left, right: c < bus.right }));
      }
    }
  }
  return arrowRow + 1;
}

/**
 * The glyph where lines meet on a bus, from the directions that actually connect there: a
 * fan-in reads `└──┴──┘` over its `┬`, a fan-out `┌──┬──┐` under its `┴`. Plain ASCII uses `+`.
 */
function junction(g: Glyphs, d: { up: boolean; down: boolean; left: boolean; right: boolean }): string {
  if (g.join === '+') return '+';
  const key = `${d.up ? 'u' : ''}${d.down ? 'd' : ''}${d.left ? 'l' : ''}${d.right ? 'r' : ''}`;
  return JUNCTIONS[key] ?? g.join;
}

const JUNCTIONS: Record<string, string> = {
  ur: '└', ul: '┘', ulr: '┴', dr: '┌', dl: '┐', dlr: '┬', udr: '├', udl: '┤', udlr: '┼', ud: '│', u: '│', d: '│', lr: '─',
};

/**
 * Rows for the buses that need one. When stacking two buses crosses fewer lines one way than
 * the other (an upper bus's arrows pass the rows below it, a lower bus's exit lines pass the
 * rows above it), the cheaper order is kept; otherwise a bus takes the first row where it
 * leaves two blanks to its neighbours. Returns the number of rows.
 */
function assignTracks(buses: Bus[]): number {
  const spread = buses.filter((b) => b.left < b.right);
  const near = (a: Bus, b: Bus) => a.left <= b.right + 2 && b.left <= a.right + 2;
  const within = (c: number, b: Bus) => c >= b.left && c <= b.right;
  const cost = (upper: Bus, lower: Bus) =>
    upper.entries.filter((c) => within(c, lower)).length + lower.ports.filter((c) => within(c, upper)).length;
  const prefer = (a: Bus, b: Bus) => (near(a, b) ? cost(a, b) - cost(b, a) : 0);
  spread.sort((a, b) => prefer(a, b) || a.left - b.left || a.right - b.right);
  let count = 0;
  spread.forEach((bus, i) => {
    const placed = spread.slice(0, i);
    const floor = placed.filter((o) => prefer(o, bus) < 0).reduce((t, o) => Math.max(t, o.track + 1), 0);
    let t = floor;
    while (placed.some((o) => o.track === t && near(o, bus))) t++;
    bus.track = t;
    count = Math.max(count, t + 1);
  });
  return count;
}
