/**
 * runs/repair (jobs-api-2.2.md §2.8): rerun chosen tasks inside the original run with the job's
 * current settings. Selected tasks get new task run ids; `repair_history` gains a REPAIR item;
 * the second and later repairs must name the latest repair id.
 */
import type { Int64 } from '../../api/json.js';
import { mergeParameters } from '../runs/create-run.js';
import { draftRun, isTerminal, type HistoricTaskRun, type StoredTaskRun } from '../runs/model.js';
import type { State } from '../store/model.js';
import { allocateIds, type WorkspaceContext } from './context.js';
import { invalid, invalidState, notFound } from './failure.js';
import { progress, type Transition } from './runs-actions.js';
import { optionalBool, optionalId, optionalStringArray, optionalStringMap, requiredId } from './request.js';

const FAILED = new Set(['FAILED', 'TIMEDOUT', 'CANCELED', 'UPSTREAM_FAILED', 'UPSTREAM_CANCELED', 'MAXIMUM_CONCURRENT_RUNS_REACHED']);

export function repairRun(ctx: WorkspaceContext, state: State, body: Record<string, unknown>): { t: Transition; result: { repair_id: Int64 } } {
  const runId = requiredId(body.run_id, 'run_id');
  const rerun = optionalStringArray(body.rerun_tasks, 'rerun_tasks');
  const allFailed = optionalBool(body.rerun_all_failed_tasks, 'rerun_all_failed_tasks') ?? false;
  const dependents = optionalBool(body.rerun_dependent_tasks, 'rerun_dependent_tasks') ?? false;
  const latest = optionalId(body.latest_repair_id, 'latest_repair_id');
  if (rerun && allFailed) throw invalid('rerun_tasks and rerun_all_failed_tasks are mutually exclusive.');
  if (!rerun?.length && !allFailed) throw invalid('Either rerun_tasks or rerun_all_failed_tasks must be set.');
  const stored = state.runs.get(String(runId));
  if (!stored) throw notFound(`Run ${String(runId)} does not exist.`);
  if (!isTerminal(stored.state)) throw invalidState(`Run ${String(runId)} is still in progress and cannot be repaired.`);
  const lastRepair = stored.repairs.at(-1);
  if (lastRepair && latest === undefined) throw invalid('The latest repair ID needs to be provided in order to create a new repair');
  if (lastRepair && String(latest) !== String(lastRepair.id)) throw invalid(`The latest repair ID is ${String(lastRepair.id)}, not ${String(latest)}.`);
  const job = state.jobs.get(String(stored.job_id));
  if (!job) throw notFound(`Job ${String(stored.job_id)} does not exist.`);

  const run = draftRun(stored);
  const current = new Map((job.settings.tasks ?? []).map((t) => [t.task_key, t]));
  const selected = new Set(rerun ?? run.tasks.filter((t) => FAILED.has(t.state.result_state ?? '')).map((t) => t.task_key));
  for (const key of selected) if (!run.tasks.some((t) => t.task_key === key) || !current.has(key)) throw invalid(`Task ${key} is not part of run ${String(runId)}.`);
  if (dependents) addDownstream(run.tasks, selected);
  if (selected.size === 0) throw invalid('There are no failed tasks to repair.');
  if (body.job_parameters !== undefined) run.job_parameters = mergeParameters(job.settings.parameters ?? [], optionalStringMap(body.job_parameters, 'job_parameters'));

  const ids = allocateIds(ctx, state);
  const repairId = ids.run();
  const inRun = new Set(run.tasks.map((t) => t.task_key));
  // Replaced task runs (and their retried attempts) stay readable by id but leave runs/get's list.
  const replaced = run.tasks.filter((t) => selected.has(t.task_key)).map((t): HistoricTaskRun => ({ ...t, superseded: 'repair' }));
  run.history = [...(run.history ?? []).map((h) => (selected.has(h.task_key) ? { ...h, superseded: 'repair' as const } : h)), ...replaced];
  run.tasks = run.tasks.map((t): StoredTaskRun => {
    if (!selected.has(t.task_key)) return t;
    const settings = current.get(t.task_key) ?? t.task;
    const depends_on = (settings.depends_on ?? []).filter((d) => inRun.has(d.task_key));
    const task = { ...settings, ...(depends_on.length > 0 ? { depends_on } : {}) };
    if (depends_on.length === 0) delete task.depends_on;
    return { run_id: ids.run(), task_key: t.task_key, attempt_number: 0, task, state: { life_cycle_state: 'BLOCKED' } };
  });
  const now = ctx.now();
  run.repairs.push({ type: 'REPAIR', id: repairId, start_time: now, task_run_ids: run.tasks.filter((t) => selected.has(t.task_key)).map((t) => t.run_id) });
  run.state = { life_cycle_state: 'PENDING' };
  delete run.end_time;
  delete run.cancel_requested;
  delete run.timed_out;
  const t = progress(ctx, state, run);
  t.ops.unshift({ op: 'counters', counters: ids.counters() });
  return { t, result: { repair_id: repairId } };
}

function addDownstream(tasks: readonly StoredTaskRun[], selected: Set<string>): void {
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of tasks)
      if (!selected.has(t.task_key) && (t.task.depends_on ?? []).some((d) => selected.has(d.task_key))) {
        selected.add(t.task_key);
        grew = true;
      }
  }
}
