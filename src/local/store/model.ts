/**
 * The embedded workspace's data: what the store keeps and how a journal record changes it.
 * Every mutation is a list of `Op`s; `applyOps` is the only code that changes a `State`, and it
 * runs both live (after the record is durable) and when the journal is replayed on start, so a
 * restarted server rebuilds exactly the state it had.
 */
import type { Int64 } from '../../api/json.js';
import type { AccessControlRequest, JobSettings } from '../../api/jobs.js';
import type { Language, ObjectType } from '../../api/workspace.js';
import { allTaskRuns, type StoredRun } from '../runs/model.js';
import { applyRunPatch, type RunPatch } from './run-diff.js';

export interface StoredJob {
  job_id: Int64;
  creator_user_name: string;
  run_as_user_name: string;
  created_time: number;
  /** Settings as accepted, with create-time defaults applied (read-time ones are added on read). */
  settings: JobSettings;
}

export interface WsObject {
  object_type: ObjectType;
  object_id: Int64;
  language?: Language;
  created_at: number;
  modified_at: number;
  size?: number;
  /** sha256 of the content in the blob store (files and notebooks). */
  blob?: string;
  /** Extension the notebook was imported from (`py`, `ipynb`), for export's `file_type`. */
  source_ext?: string;
}

export interface Counters {
  job: number;
  run: number;
  object: number;
  /** The id base the data dir was created with (decimal); kept so ids are never reused. */
  base?: string;
}

export interface State {
  counters: Counters;
  jobs: Map<string, StoredJob>;
  runs: Map<string, StoredRun>;
  acls: Map<string, AccessControlRequest[]>;
  /** Key: normalised workspace path (`/Users/a/x`, no `/Workspace` prefix). */
  ws: Map<string, WsObject>;
  /** Idempotency tokens of deleted runs: a reuse is an error, not a new run. */
  deadTokens: Set<string>;
  /** Derived: task run id → job run id. */
  taskRuns: Map<string, string>;
  /** Derived: idempotency token → run id of the live run that holds it. */
  tokens: Map<string, string>;
}

export type Op =
  | { op: 'counters'; counters: Counters }
  | { op: 'job.put'; job: StoredJob }
  | { op: 'job.del'; job_id: Int64 }
  | { op: 'run.put'; run: StoredRun }
  | RunPatch
  | { op: 'run.del'; run_id: Int64 }
  | { op: 'acl.put'; job_id: Int64; acl: AccessControlRequest[] }
  | { op: 'ws.put'; path: string; obj: WsObject }
  | { op: 'ws.del'; path: string };

export function emptyState(): State {
  return { counters: { job: 0, run: 0, object: 0 }, jobs: new Map(), runs: new Map(), acls: new Map(), ws: new Map(), deadTokens: new Set(), taskRuns: new Map(), tokens: new Map() };
}

export function applyOps(state: State, ops: readonly Op[]): void {
  for (const op of ops) applyOp(state, op);
}

function applyOp(state: State, op: Op): void {
  switch (op.op) {
    case 'counters':
      state.counters = { ...op.counters };
      return;
    case 'job.put':
      state.jobs.set(String(op.job.job_id), op.job);
      return;
    case 'job.del':
      state.jobs.delete(String(op.job_id));
      state.acls.delete(String(op.job_id));
      return;
    case 'run.put':
      putRun(state, op.run, allTaskRuns(op.run));
      return;
    case 'run.patch': {
      const prev = state.runs.get(String(op.run_id));
      if (!prev) return;
      const changed = [...(op.tasks ?? []), ...(op.iterations ?? []), ...(op.history ?? [])].map(([, t]) => t);
      putRun(state, applyRunPatch(prev, op), changed);
      return;
    }
    case 'run.del': {
      const run = state.runs.get(String(op.run_id));
      if (run?.idempotency_token !== undefined) {
        state.deadTokens.add(run.idempotency_token);
        state.tokens.delete(run.idempotency_token);
      }
      for (const t of run ? allTaskRuns(run) : []) state.taskRuns.delete(String(t.run_id));
      state.runs.delete(String(op.run_id));
      return;
    }
    case 'acl.put':
      state.acls.set(String(op.job_id), op.acl);
      return;
    case 'ws.put':
      state.ws.set(op.path, op.obj);
      return;
    case 'ws.del':
      state.ws.delete(op.path);
      return;
  }
}

/** Stores a run and indexes the given task runs (all of them, or the ones a patch touched). */
function putRun(state: State, run: StoredRun, taskRuns: readonly { run_id: Int64 }[]): void {
  state.runs.set(String(run.run_id), run);
  for (const t of taskRuns) state.taskRuns.set(String(t.run_id), String(run.run_id));
  if (run.idempotency_token !== undefined) state.tokens.set(run.idempotency_token, String(run.run_id));
}

/** The state as one JSON-able value (snapshots). */
export interface Snapshot {
  counters: Counters;
  jobs: StoredJob[];
  runs: StoredRun[];
  acls: { job_id: string; acl: AccessControlRequest[] }[];
  ws: { path: string; obj: WsObject }[];
  deadTokens: string[];
}

export function toSnapshot(state: State): Snapshot {
  return {
    counters: state.counters,
    jobs: [...state.jobs.values()],
    runs: [...state.runs.values()],
    acls: [...state.acls].map(([job_id, acl]) => ({ job_id, acl })),
    ws: [...state.ws].map(([path, obj]) => ({ path, obj })),
    deadTokens: [...state.deadTokens],
  };
}

export function fromSnapshot(snap: Snapshot): State {
  const state = emptyState();
  state.counters = { ...snap.counters };
  for (const j of snap.jobs) state.jobs.set(String(j.job_id), j);
  applyOps(state, snap.runs.map((run) => ({ op: 'run.put', run })));
  for (const a of snap.acls) state.acls.set(String(a.job_id), a.acl);
  for (const w of snap.ws) state.ws.set(w.path, w.obj);
  for (const t of snap.deadTokens) state.deadTokens.add(t);
  return state;
}
