/**
 * How the store holds a run. The stored shape is close to the wire `Run` but keeps only what
 * cannot be derived: the v2 `status`, run page URLs, durations and pagination are computed on
 * read (view.ts), so they can never disagree with the v1 state that the run model drives.
 *
 * Stored runs are immutable once committed: a transition works on a draft (`draftRun`) and the
 * store records only what changed (`run.patch`, store/run-diff.ts). That keeps a journal record
 * small while a 1,000-task run moves one task at a time, and lets the engine hold a committed
 * run as a consistent snapshot without copying it.
 */
import type { Int64 } from '../../api/json.js';
import type { Loose, Task } from '../../api/jobs.js';
import type { RepairHistoryItem, RunJobParameter, RunState, TriggerType } from '../../api/runs.js';

export interface TaskOutput {
  error?: string;
  error_trace?: string;
  logs?: string;
  /** Only the last 5 MB of the logs were kept. */
  logs_truncated?: boolean;
  notebook_result?: string;
  notebook_result_truncated?: boolean;
  info?: string;
  /** run_job_task: the run it started. */
  run_job_run_id?: Int64;
}

/** A for-each iteration: which parent task run it belongs to and the input it got. */
export interface IterationOf {
  parent: Int64;
  index: number;
  input: string;
}

export interface StoredTaskRun {
  run_id: Int64;
  task_key: string;
  attempt_number: number;
  /** The task's settings when the run (or repair) started; `depends_on` trimmed to the run's tasks. */
  task: Task;
  state: RunState;
  start_time?: number;
  end_time?: number;
  /** Condition tasks: the evaluated outcome. */
  outcome?: 'true' | 'false';
  /** Handed to the executor; it owns the task until it reports a terminal state. */
  dispatched?: boolean;
  output?: TaskOutput;
  /** Retries: the run id of the first attempt (attempt_number 0). */
  original_attempt_run_id?: Int64;
  /** Task values this task run set (dbutils.jobs.taskValues.set), JSON values by key. */
  values?: Record<string, unknown>;
  /** The task's fields after `{{…}}` substitution (runs/get include_resolved_values). */
  resolved_values?: Loose;
  /** The executor's process for this task run (not shown by the API). */
  pid?: number;
  /** Set on for-each iterations (they live in `StoredRun.iterations`). */
  iteration?: IterationOf;
}

/** A task run that is no longer current: an earlier retry attempt, or one a repair replaced. */
export interface HistoricTaskRun extends StoredTaskRun {
  superseded: 'retry' | 'repair';
}

export interface StoredRun {
  run_id: Int64;
  job_id: Int64;
  run_name: string;
  creator_user_name: string;
  trigger: TriggerType;
  start_time: number;
  end_time?: number;
  state: RunState;
  tasks: StoredTaskRun[];
  job_parameters: RunJobParameter[];
  /** The job's clusters when the run started (runs/get pages them like tasks). */
  job_clusters?: Loose[];
  overriding_parameters?: Loose;
  idempotency_token?: string;
  /** The run was canceled as a whole (decides the run's own result). */
  cancel_requested?: boolean;
  /** The run hit the job's `timeout_seconds` (its result is TIMEDOUT). */
  timed_out?: boolean;
  /** Task runs that are not current any more (earlier attempts, repaired ones), oldest first. */
  history?: HistoricTaskRun[];
  /** Every for-each iteration of this run, attempts included, in creation order. */
  iterations?: StoredTaskRun[];
  /** When the trigger fired, if not when the run was created (a schedule's fire time). */
  trigger_time?: number;
  /** RUN_JOB_TASK: the task run that started this run. */
  trigger_info?: { run_id: Int64 };
  /** FILE_ARRIVAL: the trigger's location (`{{job.trigger.file_arrival.location}}`). */
  file_arrival_location?: string;
  /** When a queued run left the queue (for `queue_duration`). */
  dequeued_at?: number;
  /** REPAIR entries (the ORIGINAL entry is derived on read). */
  repairs: RepairHistoryItem[];
  /** Task run ids of the original attempt, for the ORIGINAL history item. */
  original_task_run_ids: Int64[];
  /** The end of the original attempt, once it ended. */
  original_end_time?: number;
  original_state?: RunState;
}

export const isTerminal = (s: RunState): boolean =>
  s.life_cycle_state === 'TERMINATED' || s.life_cycle_state === 'SKIPPED' || s.life_cycle_state === 'INTERNAL_ERROR';

/** Active in the API's sense (runs/list active_only): queued, pending, running, terminating. */
export const isActive = (s: RunState): boolean => !isTerminal(s);

/** Task runs a draft made its own (copied): those it may change in place. */
const owned = new WeakMap<StoredRun, Set<StoredTaskRun>>();

/**
 * A draft of a committed run that a transition may change. Copy on write: the arrays are copied,
 * their task runs are shared until `editTask`/`editIteration` copies one for writing, so moving
 * one task of a 1,000-task run copies one task run, and unchanged ones stay identical (which is
 * how store/run-diff.ts finds what changed).
 */
export function draftRun(run: StoredRun): StoredRun {
  const draft: StoredRun = {
    ...run,
    tasks: run.tasks.slice(),
    repairs: run.repairs.map((r) => ({ ...r })),
    ...(run.history ? { history: run.history.slice() } : {}),
    ...(run.iterations ? { iterations: run.iterations.slice() } : {}),
  };
  owned.set(draft, new Set());
  return draft;
}

/** The writable task run at `index` of a draft (a run not made by `draftRun` is all writable). */
export function editTask(run: StoredRun, index: number): StoredTaskRun {
  return editIn(run, run.tasks, index);
}

export function editIteration(run: StoredRun, index: number): StoredTaskRun {
  return editIn(run, run.iterations ?? [], index);
}

function editIn(run: StoredRun, list: StoredTaskRun[], index: number): StoredTaskRun {
  const t = list[index] as StoredTaskRun;
  const mine = owned.get(run);
  if (!mine || mine.has(t)) return t;
  const copy = { ...t };
  list[index] = copy;
  mine.add(copy);
  return copy;
}

const keyIndexes = new WeakMap<readonly unknown[], Map<string, number>>();

/**
 * Task key → index in `run.tasks`. The order of a run's tasks never changes (retries and
 * repairs replace task runs in place), so the map is cached per run, keyed by an array every
 * draft of the run shares.
 */
export function taskIndex(run: StoredRun): Map<string, number> {
  let map = keyIndexes.get(run.original_task_run_ids);
  if (!map || map.size !== run.tasks.length) {
    map = new Map(run.tasks.map((t, i) => [t.task_key, i]));
    keyIndexes.set(run.original_task_run_ids, map);
  }
  return map;
}

/** Every task run id of a run: current tasks, iterations and history. */
export function allTaskRuns(run: StoredRun): StoredTaskRun[] {
  return [...run.tasks, ...(run.iterations ?? []), ...(run.history ?? [])];
}

/** Finds a task run of this run by id, wherever it lives. */
export function findTaskRun(run: StoredRun, taskRunId: Int64): { where: 'tasks' | 'iterations' | 'history'; index: number; task: StoredTaskRun } | undefined {
  const id = String(taskRunId);
  for (const where of ['tasks', 'iterations', 'history'] as const) {
    const list = (run[where] ?? []) as StoredTaskRun[];
    const index = list.findIndex((t) => String(t.run_id) === id);
    if (index >= 0) return { where, index, task: list[index] as StoredTaskRun };
  }
  return undefined;
}
