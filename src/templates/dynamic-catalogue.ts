/**
 * The catalogue of `{{…}}` references the Jobs service knows (reference/dynamic-values.md
 * §2.3, §2.6) and the classifier that checks a parsed path against it.
 *
 * The service treats a reference in an unknown namespace as literal text, but rejects an
 * unknown member of a known namespace (`{{job.naem}}`). The classifier mirrors that and adds
 * two kinds the validator reports: deprecated flat names and likely slips (`{{run.id}}`, a
 * namespace one letter off). User-named segments (parameter names, task keys, value keys) are
 * returned in `RefInfo` for the caller to check against the job.
 */
import { suggest } from '../diag/suggest.js';
import { formatRef } from './dynamic-refs.js';

/** A node of the reference grammar. */
interface Shape {
  /** Fixed member names. */
  members?: Record<string, Shape>;
  /** A user-chosen name (parameter, task key, value key, column) followed by `next`. */
  named?: { slot: NamedSlot; next: Shape };
  /** The path may end here. */
  leaf?: boolean;
  /** Any deeper path is accepted unchecked (object fields of for-each inputs, trigger details). */
  open?: boolean;
}

export type NamedSlot = 'parameter' | 'task' | 'value' | 'column';

const LEAF: Shape = { leaf: true };
const leaves = (...names: string[]): Record<string, Shape> => Object.fromEntries(names.map((n) => [n, LEAF]));

/** Arguments of `job.start_time.*` and `job.trigger.time.*` (all UTC). */
export const TIME_ARGS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'timestamp_ms', 'iso_date', 'iso_datetime', 'iso_weekday', 'is_weekday'];
const TIME: Shape = { members: leaves(...TIME_ARGS) };

/** Members of `tasks.<key>`, also used to steer `{{task.values.x}}` to the right form. */
const UPSTREAM_TASK: Shape = {
  members: {
    ...leaves('run_id', 'result_state', 'error_code', 'execution_count', 'notebook_path'),
    values: { named: { slot: 'value', next: LEAF } },
    output: { members: { rows: LEAF, first_row: { leaf: true, named: { slot: 'column', next: LEAF } } } },
  },
};

/** The namespaces and their grammar. `backfill` is only known from secondary sources, so open. */
export const CATALOGUE: Readonly<Record<string, Shape>> = {
  job: {
    members: {
      ...leaves('id', 'name', 'run_id', 'repair_count'),
      start_time: TIME,
      parameters: { named: { slot: 'parameter', next: LEAF } },
      trigger: {
        members: {
          type: LEAF,
          time: TIME,
          file_arrival: { members: leaves('location') },
          table_update: { open: true },
        },
      },
    },
  },
  task: { members: leaves('name', 'run_id', 'execution_count', 'notebook_path') },
  tasks: { named: { slot: 'task', next: UPSTREAM_TASK } },
  workspace: { members: leaves('id', 'url') },
  input: { leaf: true, open: true },
  backfill: { open: true },
};

export const NAMESPACES = Object.keys(CATALOGUE);

/** Deprecated flat references and their replacements (dynamic-values.md §2.6). */
export const DEPRECATED_REFS: Readonly<Record<string, string>> = {
  job_id: 'job.id',
  run_id: 'task.run_id',
  parent_run_id: 'job.run_id',
  start_date: 'job.start_time.iso_date',
  start_time: 'job.start_time.timestamp_ms',
  task_retry_count: 'task.execution_count',
  task_key: 'task.name',
};

/** References users write by habit from other tools or course material, with the fix. */
export const KNOWN_SLIPS: Readonly<Record<string, string>> = {
  'run.id': 'job.run_id',
  'run.run_id': 'job.run_id',
  'run.job_id': 'job.id',
  'run.start_time': 'job.start_time.iso_datetime',
};

/** What a valid reference points at, for the checks that need the job. */
export interface RefInfo {
  namespace: string;
  /** `job.parameters.<name>` */
  parameter?: string;
  /** `tasks.<key>.…` */
  task?: string;
}

export type RefClass =
  | { kind: 'ok'; info: RefInfo }
  | { kind: 'deprecated'; replacement: string; info: RefInfo }
  /** Unknown namespace: literal text at run time, not reported. */
  | { kind: 'literal' }
  /** Probably meant as a reference, but the service keeps it as text. */
  | { kind: 'slip'; suggestion: string }
  /** Known namespace, unknown member: the service rejects it. `segment` indexes the bad one. */
  | { kind: 'unknown-member'; segment: number; expected: string[]; suggestion?: string };

/** Whether a path would be a reference (or a deprecated one) if it were written correctly. */
export function looksLikeReference(path: string): boolean {
  const ns = path.split('.')[0]!;
  return ns in CATALOGUE || ns in DEPRECATED_REFS || ns === 'run';
}

/** Classifies a reference path given as segment names. */
export function classifyRef(names: readonly string[], quoted: readonly boolean[] = []): RefClass {
  const path = names.join('.');
  const ns = names[0]!;
  if (names.length === 1 && ns in DEPRECATED_REFS && !quoted[0]) {
    return { kind: 'deprecated', replacement: DEPRECATED_REFS[ns]!, info: { namespace: ns } };
  }
  const slip = KNOWN_SLIPS[path];
  if (slip) return { kind: 'slip', suggestion: slip };
  const shape = CATALOGUE[ns];
  if (!shape) return nearMiss(names) ?? { kind: 'literal' };
  return walk(shape, names, { namespace: ns });
}

function walk(root: Shape, names: readonly string[], info: RefInfo): RefClass {
  let shape = root;
  for (let i = 1; i <= names.length; i++) {
    if (shape.open) return { kind: 'ok', info };
    if (i === names.length) {
      if (shape.leaf) return { kind: 'ok', info };
      return { kind: 'unknown-member', segment: i, expected: expectedAt(shape) };
    }
    const name = names[i]!;
    const fixed = shape.members?.[name];
    if (fixed) {
      shape = fixed;
      continue;
    }
    if (shape.named) {
      if (shape.named.slot === 'parameter') info.parameter = name;
      if (shape.named.slot === 'task') info.task = name;
      if (shape.named.slot === 'parameter' && i < names.length - 1) {
        // `{{job.parameters.a.b}}`: parameter names may hold dots, which need backticks.
        return { kind: 'unknown-member', segment: i + 1, expected: [], suggestion: formatRef([...names.slice(0, i), names.slice(i).join('.')]) };
      }
      shape = shape.named.next;
      continue;
    }
    return { kind: 'unknown-member', segment: i, expected: expectedAt(shape), suggestion: memberSuggestion(names, i, shape) };
  }
  return { kind: 'ok', info };
}

function expectedAt(shape: Shape): string[] {
  const out = Object.keys(shape.members ?? {});
  if (shape.named) out.push(`<${shape.named.slot}>`);
  return out;
}

function memberSuggestion(names: readonly string[], i: number, shape: Shape): string | undefined {
  // `{{task.values.x}}` means an upstream task's value: `{{tasks.<key>.values.x}}`.
  if (names[0] === 'task' && i === 1 && UPSTREAM_TASK.members![names[1]!]) return formatRef(['tasks', 'TASK_KEY', ...names.slice(1)]).replace('TASK_KEY', '<task_key>');
  const candidates = Object.keys(shape.members ?? {});
  const close = suggest(names[i]!, candidates);
  return close === undefined ? undefined : formatRef([...names.slice(0, i), close, ...names.slice(i + 1)]);
}

/** A namespace one edit away from a known one, when the corrected reference is valid. */
function nearMiss(names: readonly string[]): RefClass | undefined {
  const ns = names[0]!;
  if (ns.length < 3) return undefined;
  const fixed = suggest(ns, NAMESPACES, 1) ?? NAMESPACES.find((n) => n.toLowerCase() === ns.toLowerCase());
  if (!fixed) return undefined;
  const corrected = [fixed, ...names.slice(1)];
  const again = walk(CATALOGUE[fixed]!, corrected, { namespace: fixed });
  return again.kind === 'ok' ? { kind: 'slip', suggestion: corrected.join('.') } : undefined;
}
