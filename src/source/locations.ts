/**
 * Source locations of configuration values, kept beside plain data.
 *
 * Values stay plain JSON-like data (fast for ajv, simple for every stage). Each container
 * (object or array) has a side entry in a WeakMap that records, for each of its keys or
 * indexes, where the key and the value were written. Because the entry is keyed by the
 * container's identity, locations travel with the data through merges and sorts: a stage that
 * moves a task object moves its locations for free, and only a stage that copies a container or
 * overwrites a scalar needs to say where the new value came from (`setLoc`, `copyLocs`).
 *
 * A value may have several locations (a target override and the base it overrode); the first is
 * the one diagnostics point at, as in the Databricks CLI's dyn.Value.
 */
import type { ConfigPath, Span } from '../diag/diagnostic.js';
import type { SourceFile } from './source-file.js';

/** Where one value was written. Offsets index `file.text`. */
export interface NodeLoc {
  file: SourceFile;
  valueStart: number;
  valueEnd: number;
  keyStart?: number;
  keyEnd?: number;
  /** The value carries a YAML anchor, or is a container of anchored values only. */
  anchored?: boolean;
}

type Entries = Map<string | number, NodeLoc[]>;
const table = new WeakMap<object, Entries>();

function entriesOf(container: object, create: boolean): Entries | undefined {
  let e = table.get(container);
  if (!e && create) {
    e = new Map();
    table.set(container, e);
  }
  return e;
}

/** Records the locations of `container[key]`, replacing what was there. */
export function setLoc(container: object, key: string | number, locs: NodeLoc[] | NodeLoc | undefined): void {
  if (locs === undefined) return;
  const list = Array.isArray(locs) ? locs : [locs];
  if (list.length === 0) return;
  entriesOf(container, true)!.set(key, list);
}

/** All recorded locations of `container[key]`, primary first. */
export function locsOf(container: unknown, key: string | number): NodeLoc[] {
  if (container === null || typeof container !== 'object') return [];
  return table.get(container)?.get(key) ?? [];
}

/** The primary location of `container[key]`. */
export function locOf(container: unknown, key: string | number): NodeLoc | undefined {
  return locsOf(container, key)[0];
}

/** Makes `primary` the first location of `container[key]` and keeps the old ones after it. */
export function prependLoc(container: object, key: string | number, primary: NodeLoc[]): void {
  const old = locsOf(container, key);
  setLoc(container, key, [...primary, ...old.filter((l) => !primary.includes(l))]);
}

/** Copies every entry location of `from` onto `to` (for shallow copies of a container). */
export function copyLocs(from: object, to: object): void {
  const e = table.get(from);
  if (e) table.set(to, new Map(e));
}

/** Copies the entry locations of `from` under other keys: `rekey(oldKey) → newKey`. */
export function moveLocs(from: object, to: object, rekey: (k: string | number) => string | number | undefined): void {
  const e = table.get(from);
  if (!e) return;
  const out = entriesOf(to, true)!;
  for (const [k, v] of e) {
    const nk = rekey(k);
    if (nk !== undefined) out.set(nk, v);
  }
}

export interface Located {
  loc: NodeLoc;
  /** How many segments of the requested path were found (a shorter match is a parent). */
  depth: number;
}

/**
 * Finds the location of the value at `path` under `root`, or of its deepest existing ancestor
 * that has a location.
 */
export function locate(root: unknown, path: ConfigPath): Located | undefined {
  let node: unknown = root;
  let best: Located | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (node === null || typeof node !== 'object') break;
    const loc = locOf(node, seg);
    if (loc) best = { loc, depth: i + 1 };
    node = (node as Record<string | number, unknown>)[seg];
  }
  return best;
}

/** The span of a location's value. */
export function valueSpan(loc: NodeLoc): Span {
  return loc.file.span(loc.valueStart, loc.valueEnd);
}

/** The span of a location's key, or of the value when there is no key (sequence items). */
export function keySpan(loc: NodeLoc): Span {
  if (loc.keyStart === undefined || loc.keyEnd === undefined) return valueSpan(loc);
  return loc.file.span(loc.keyStart, loc.keyEnd);
}

/** Span for `path`: the value's span, or the key's when `which` is 'key'. */
export function spanAt(root: unknown, path: ConfigPath, which: 'key' | 'value' = 'value'): Span | undefined {
  const found = locate(root, path);
  if (!found) return undefined;
  return which === 'key' && found.depth === path.length ? keySpan(found.loc) : valueSpan(found.loc);
}

/**
 * The span of characters `[from, to)` inside the string value at `path`, for findings inside a
 * string (a cron field, a `{{…}}` reference). Exact for plain and single-line quoted scalars;
 * for block scalars or strings with escapes it falls back to the whole value.
 */
export function spanInString(root: unknown, path: ConfigPath, from: number, to: number): Span | undefined {
  const found = locate(root, path);
  if (!found || found.depth !== path.length) return found ? valueSpan(found.loc) : undefined;
  const { loc } = found;
  const raw = loc.file.text.slice(loc.valueStart, loc.valueEnd);
  const quote = raw[0] === '"' || raw[0] === "'" ? 1 : 0;
  const body = raw.slice(quote, raw.length - quote);
  const value = getAt(root, path);
  if (typeof value !== 'string' || body !== value || raw.includes('\n')) return valueSpan(loc);
  const start = loc.valueStart + quote + from;
  return loc.file.span(start, loc.valueStart + quote + Math.max(to, from));
}

/** The value at `path` under `root`, or undefined. */
export function getAt(root: unknown, path: ConfigPath): unknown {
  let node = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}
