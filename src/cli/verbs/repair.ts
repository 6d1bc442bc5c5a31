/**
 * `jobs repair RUN_ID [--task k]… | [--all-failed]`: rerun tasks of a finished run inside the same
 * run (jobs-api-2.2.md §2.8), then follow and summarise it like `jobs run`. The run is read first
 * with its repair history: that gives `latest_repair_id` (required from the second repair on),
 * lets `--task` and `--param` be checked before the call, and is the baseline the follow view
 * compares with, so only the rerun tasks are reported.
 */
import type { Int64 } from '../../api/json.js';
import type { RepairRunRequest } from '../../api/runs.js';
import { suggest } from '../../diag/suggest.js';
import { ApiError, rootFailure } from '../../remote/errors.js';
import { isRunTerminal, latestRepairId, latestTasks, stateLabel } from '../../run/run-state.js';
import type { Param } from '../../run/run-request.js';
import { checkParams } from '../../run/run-request.js';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { UsageError } from '../main.js';
import { outputFormat } from '../output-format.js';
import { followAndReport, type InterruptPolicy } from './follow-run.js';
import { bundleKeyOfJob, ephemeralHint, openRunTarget, readRun, targetFlag } from './run-target.js';

export interface RepairOptions {
  runId: Int64;
  target?: string;
  tasks: string[];
  allFailed: boolean;
  dependents: boolean;
  params: Param[];
  wait: boolean;
  timeoutMs?: number;
  cancelOnTimeout: boolean;
  output?: 'text' | 'json';
  interrupt: InterruptPolicy;
}

export async function runRepair(ctx: CommandContext, given: RepairOptions): Promise<number> {
  const o = { ...given, output: await outputFormat(ctx, given.output) };
  if (o.tasks.length > 0 && o.allFailed) throw new UsageError('--task and --all-failed cannot be combined: name the tasks, or rerun every failed one');
  const target = await openRunTarget(ctx, { target: o.target, requireBundle: false });
  if (!target) return ExitCode.FAILURE;
  try {
    const before = await readRun(target.client, o.runId);
    if (!isRunTerminal(before)) throw new UsageError(`run ${String(o.runId)} is ${stateLabel(before.state, before.status)}: only a finished run can be repaired (wait, or jobs runs cancel ${String(o.runId)}${targetFlag(target)})`);
    const keys = latestTasks(before).map((t) => t.task_key);
    const unknown = o.tasks.filter((k) => !keys.includes(k));
    if (unknown.length > 0) {
      const near = suggest(unknown[0]!, keys);
      throw new UsageError(`run ${String(o.runId)} has no task ${unknown.map((k) => `"${k}"`).join(', ')}${near ? ` (did you mean "${near}"?)` : ''}; its tasks: ${keys.join(', ')}`);
    }
    const declared = (before.job_parameters ?? []).map((p) => p.name);
    // Named by its bundle key, as `run` names it (the error says where to declare parameters).
    const jobName = o.params.length === 0 ? '' : (await bundleKeyOfJob(target, before.job_id)) ?? before.run_name ?? String(before.job_id);
    const problems = checkParams(jobName, declared, o.params);
    if (problems.length > 0) throw new UsageError(problems.join('\nerror: '));
    if (!o.wait && target.ephemeral) throw new UsageError(`--no-wait: ${ephemeralHint(target)}`);

    const latest = latestRepairId(before);
    const request: RepairRunRequest = {
      run_id: o.runId,
      ...(o.tasks.length > 0 ? { rerun_tasks: o.tasks } : { rerun_all_failed_tasks: true }),
      ...(o.dependents ? { rerun_dependent_tasks: true } : {}),
      ...(latest !== undefined ? { latest_repair_id: latest } : {}),
      ...(o.params.length > 0 ? { job_parameters: Object.fromEntries(o.params.map((p) => [p.name, p.value])) } : {}),
    };
    let repairId: Int64;
    try {
      repairId = (await target.client.runs.repair(request)).repair_id;
    } catch (err) {
      const e = rootFailure(err);
      if (!(e instanceof ApiError) || e.status === 401 || e.status === 403) throw err;
      ctx.io.stderr.write(`error: the workspace did not repair run ${String(o.runId)}: ${e.apiMessage || e.message}\n`);
      return ExitCode.RUN_NOT_STARTED;
    }
    const what = o.tasks.length > 0 ? `tasks ${o.tasks.join(', ')}${o.dependents ? ' and their dependents' : ''}` : 'every failed task';
    ctx.io.stderr.write(`Started repair ${String(repairId)} of run ${String(o.runId)}: ${what}\n`);
    if (!o.wait) {
      ctx.io.stdout.write(`${String(repairId)}\n`);
      return ExitCode.OK;
    }
    return await followAndReport(ctx, target, {
      runId: o.runId, output: o.output, timeoutMs: o.timeoutMs, cancelOnTimeout: o.cancelOnTimeout, interrupt: o.interrupt,
      baseline: before, repairId, includeHistory: true,
    });
  } finally {
    await target.close();
  }
}
