/**
 * Keyed list normalisation (pure): after target overrides concatenate lists, entries with the
 * same key are deep-merged in order (base first, then the target's), as the reference does for
 * job `tasks` (by task_key, result sorted by key), `job_clusters` (by job_cluster_key),
 * `parameters` (by name) and pipeline `clusters` (by label).
 *
 * The reference also merges two tasks with the same key written in the same place, silently
 * turning a copy-paste mistake into one odd task. We merge the same way but report it: two
 * entries from the same layer (both base, or both one target) are an error.
 */
import { diag, type Diagnostic } from '../diag/diagnostic.js';
import { locOf, locsOf, setLoc, valueSpan } from '../source/locations.js';
import { isDict, mergeInto, type Dict } from './merge.js';

interface KeyedList {
  field: string;
  key: string;
  sort: boolean;
}

const JOB_LISTS: KeyedList[] = [
  { field: 'tasks', key: 'task_key', sort: true },
  { field: 'job_clusters', key: 'job_cluster_key', sort: false },
  { field: 'parameters', key: 'name', sort: false },
];
const PIPELINE_LISTS: KeyedList[] = [{ field: 'clusters', key: 'label', sort: false }];

/** Remembers which list entries were written in the base files (before target overrides). */
export function markBaseEntries(config: Dict): WeakSet<object> {
  const base = new WeakSet<object>();
  for (const [kind, lists] of [['jobs', JOB_LISTS], ['pipelines', PIPELINE_LISTS]] as const) {
    for (const r of resourcesOf(config, kind)) {
      for (const l of lists) if (Array.isArray(r[l.field])) for (const e of r[l.field] as unknown[]) if (isDict(e)) base.add(e);
    }
  }
  return base;
}

export function mergeKeyedLists(config: Dict, base: WeakSet<object>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [kind, lists] of [['jobs', JOB_LISTS], ['pipelines', PIPELINE_LISTS]] as const) {
    const group = isDict(config.resources) ? (config.resources as Dict)[kind] : undefined;
    if (!isDict(group)) continue;
    for (const [name, r] of Object.entries(group)) {
      if (!isDict(r)) continue;
      for (const l of lists) {
        if (Array.isArray(r[l.field])) out.push(...mergeList(r, l, ['resources', kind, name, l.field], base));
      }
    }
  }
  return out;
}

function mergeList(owner: Dict, l: KeyedList, path: (string | number)[], base: WeakSet<object>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const list = owner[l.field] as unknown[];
  const merged: unknown[] = [];
  const mergedLocs: ReturnType<typeof locsOf>[] = [];
  const byKey = new Map<string, { entry: Dict; fromBase: boolean; index: number }>();
  list.forEach((entry, i) => {
    const k = isDict(entry) ? entry[l.key] : undefined;
    if (!isDict(entry) || typeof k !== 'string') {
      merged.push(entry);
      mergedLocs.push(locsOf(list, i));
      return;
    }
    const fromBase = base.has(entry);
    const prev = byKey.get(k);
    if (!prev) {
      byKey.set(k, { entry, fromBase, index: merged.length });
      merged.push(entry);
      mergedLocs.push(locsOf(list, i));
      return;
    }
    if (l.field === 'tasks' && prev.fromBase === fromBase) {
      const loc = locOf(entry, l.key);
      const first = locOf(prev.entry, l.key);
      out.push(diag('error', 'dag/duplicate-task-key', `task_key "${k}" is used by more than one task in this job`, {
        path: [...path, i, l.key],
        span: loc && valueSpan(loc),
        related: first ? [{ message: 'first used here', span: valueSpan(first) }] : undefined,
        detail: 'The Databricks CLI would silently merge these tasks into one. Give each task its own task_key.',
      }));
    }
    mergeInto(prev.entry, entry);
  });
  let order = merged.map((_, i) => i);
  if (l.sort) {
    const keyOf = (i: number) => (isDict(merged[i]) ? String((merged[i] as Dict)[l.key] ?? '') : '');
    order = order.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : a - b));
  }
  const result = order.map((i) => merged[i]);
  order.forEach((from, to) => setLoc(result, to, mergedLocs[from]));
  owner[l.field] = result;
  setLoc(owner, l.field, locsOf(owner, l.field));
  return out;
}

function resourcesOf(config: Dict, kind: string): Dict[] {
  const group = isDict(config.resources) ? (config.resources as Dict)[kind] : undefined;
  return isDict(group) ? Object.values(group).filter(isDict) : [];
}

