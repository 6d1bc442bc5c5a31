/**
 * File-arrival triggers on this machine. A trigger's `url` names cloud storage or a volume; the
 * local workspace maps it to a local folder:
 *
 *   file:///abs/path/                     →  /abs/path
 *   /Volumes/<catalog>/<schema>/<vol>/p   →  <data dir>/volumes/<catalog>/<schema>/<vol>/p
 *   s3://bucket/p, gs://bucket/p          →  <data dir>/external/<scheme>/<bucket>/p
 *   abfss://container@account…/p          →  <data dir>/external/abfss/<container@account…>/p
 *
 * As on Databricks, only new files count (what is there when watching starts is the baseline),
 * a run starts once no file arrived for `wait_after_last_change_seconds`, and never sooner than
 * `min_time_between_triggers_seconds` after the previous one. Pure.
 */
import { join } from 'node:path';

/** The local folder a trigger URL maps to, or undefined for a URL we cannot place. */
export function localFolderFor(url: string, dataDir: string): string | undefined {
  const u = url.trim();
  if (u.startsWith('file://')) return decodeURIComponent(u.slice('file://'.length)) || undefined;
  if (u.startsWith('/Volumes/')) return join(dataDir, 'volumes', ...u.slice('/Volumes/'.length).split('/').filter(Boolean));
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/]+)(\/.*)?$/i.exec(u);
  if (!m) return undefined;
  return join(dataDir, 'external', (m[1] as string).toLowerCase(), m[2] as string, ...(m[3] ?? '').split('/').filter(Boolean));
}

export interface FileSeen {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface WatchState {
  /** Files already accounted for (baseline and earlier triggers), path → "size:mtime". */
  known: Map<string, string>;
  /** New files not yet turned into a run. */
  pending: Map<string, string>;
  /** When the latest pending file was first seen. */
  lastArrival?: number;
  lastTrigger?: number;
}

export function startWatch(listing: readonly FileSeen[]): WatchState {
  return { known: new Map(listing.map((f) => [f.path, stamp(f)])), pending: new Map() };
}

const stamp = (f: FileSeen): string => `${f.size}:${f.mtimeMs}`;

/** Folds a new listing into the state; `fire` when a run should start now. */
export function observe(state: WatchState, listing: readonly FileSeen[], now: number, opts: { minBetweenMs: number; waitAfterChangeMs: number }): { state: WatchState; fire: boolean } {
  const pending = new Map(state.pending);
  let lastArrival = state.lastArrival;
  for (const f of listing) {
    if (state.known.has(f.path)) continue;
    const s = stamp(f);
    // A file still being written changes between polls: it counts as arriving again.
    if (pending.get(f.path) !== s) lastArrival = now;
    pending.set(f.path, s);
  }
  const quiet = lastArrival === undefined || now - lastArrival >= opts.waitAfterChangeMs;
  const spaced = state.lastTrigger === undefined || now - state.lastTrigger >= opts.minBetweenMs;
  if (pending.size > 0 && quiet && spaced) {
    const known = new Map(state.known);
    for (const [p, s] of pending) known.set(p, s);
    return { state: { known, pending: new Map(), lastTrigger: now }, fire: true };
  }
  return { state: { ...state, pending, ...(lastArrival !== undefined ? { lastArrival } : {}) }, fire: false };
}
