/**
 * `jobs runs list|get|cancel|timeline`: run history. Inside a bundle they look at its deployed
 * jobs (one with KEY); outside one, at the workspace the profile or `DATABRICKS_*` names.
 */
import type { Int64 } from '../../api/json.js';
import { parseInt64, stringifyJson } from '../../api/json.js';
import type { Run, RunOutput } from '../../api/runs.js';
import { renderRunSummary } from '../../render/run/run-summary.js';
import { renderRunsList, renderTimeline } from '../../render/run/runs-table.js';
import type { WorkspaceClient } from '../../remote/client.js';
import { followRun, LOCAL_POLL } from '../../run/follow.js';
import { isRunTerminal, latestTasks, runOutcome, stateLabel } from '../../run/run-state.js';
import { summarizeRun } from '../../run/summary.js';
import { computeTimeline, timelineStart } from '../../run/timeline.js';
import { lineView } from '../../render/run/live-view.js';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { outputFormat } from '../output-format.js';
import { exitCodeFor, fetchOutputs, followToEnd, useColor } from './follow-run.js';
import { bundleJobIds, bundleKeyOfJob, openRunTarget, readRun, targetFlag, type RunTarget } from './run-target.js';

type Output = 'text' | 'json' | undefined;

/** Opens the workspace (the bundle's target, or the profile's outside a bundle), runs `fn`, closes. */
async function withTarget<O extends { target?: string; output?: Output }>(ctx: CommandContext, given: O, fn: (target: RunTarget, o: O & { output: 'text' | 'json' }) => Promise<number>): Promise<number> {
  const o = { ...given, output: await outputFormat(ctx, given.output) };
  const target = await openRunTarget(ctx, { target: o.target, requireBundle: false });
  if (!target) return ExitCode.FAILURE;
  try {
    return await fn(target, o);
  } finally {
    await target.close();
  }
}

/** `runs list [KEY] [--limit N]`: newest first. */
export function runRunsList(ctx: CommandContext, given: { key?: string; target?: string; limit: number; output?: Output }): Promise<number> {
  return withTarget(ctx, given, async (target, o) => {
    const keys = await bundleJobIds(ctx, target, o.key);
    if (keys && keys.size === 0) return notDeployed(ctx, target, o.key);
    const runs = await listRuns(target.client, keys ? [...keys.keys()] : undefined, { limit: o.limit });
    if (o.output === 'json') ctx.io.stdout.write(stringifyJson({ runs }, 2) + '\n');
    else ctx.io.stdout.write(renderRunsList(runs, keys ?? new Map(), ctx.io.clock.now().getTime()));
    return ExitCode.OK;
  });
}

/** `runs timeline [KEY] [--days N]`: per job and day, from runs/list with start_time_from. */
export function runRunsTimeline(ctx: CommandContext, given: { key?: string; target?: string; days: number; output?: Output }): Promise<number> {
  return withTarget(ctx, given, async (target, o) => {
    const keys = await bundleJobIds(ctx, target, o.key);
    if (keys && keys.size === 0) return notDeployed(ctx, target, o.key);
    const now = ctx.io.clock.now();
    const runs = await listRuns(target.client, keys ? [...keys.keys()] : undefined, { from: timelineStart(now, o.days) });
    const timeline = computeTimeline(runs, { now, days: o.days, keys });
    ctx.io.stdout.write(o.output === 'json' ? stringifyJson(timeline, 2) + '\n' : renderTimeline(timeline));
    return ExitCode.OK;
  });
}

/**
 * `runs get RUN_ID [--logs] [--follow]`: the run's summary (JSON: as runs/get returns it, with
 * history). `--follow` waits for the end as `jobs run` does, with its exit codes.
 */
export function runRunsGet(ctx: CommandContext, given: { runId: Int64; target?: string; logs: boolean; follow?: boolean; output?: Output }): Promise<number> {
  return withTarget(ctx, given, async (target, o) => {
    let run = await readRun(target.client, o.runId);
    let code: number = ExitCode.OK;
    if (o.follow) {
      // Someone else's run, maybe: Ctrl-C only stops following.
      const ended = isRunTerminal(run) ? { run } : await followToEnd(ctx, target, { runId: o.runId, output: o.output, interrupt: 'detach', includeHistory: true });
      if (!ended.run) return ended.code!;
      run = ended.run;
      code = ended.code ?? exitCodeFor(runOutcome(run));
    }
    const started = latestTasks(run).filter((t) => t.start_time).map((t) => ({ taskKey: t.task_key, runId: t.run_id }));
    // A task run id names one task: its own output is the one to show.
    const outputs = await fetchOutputs(target, run, o.logs ? started : undefined);
    if (o.output === 'json') {
      const plain = (out: RunOutput) => Object.fromEntries(Object.entries(out).filter(([k]) => k !== 'metadata'));
      ctx.io.stdout.write(stringifyJson(o.logs ? { run, outputs: Object.fromEntries([...outputs].map(([k, v]) => [k, plain(v)])) } : run, 2) + '\n');
      return code;
    }
    const now = ctx.io.clock.now().getTime();
    const color = await useColor(ctx, ctx.io.stdout);
    const hints = isRunTerminal(run) ? [] : [`Still ${stateLabel(run.state, run.status)}; follow it with: jobs runs get ${String(o.runId)} --follow${targetFlag(target)}`];
    const jobKey = await bundleKeyOfJob(target, run.job_id);
    ctx.io.stdout.write(renderRunSummary(summarizeRun(run, outputs, now), { color, hints, jobKey, showUrl: !target.local, omitFailureDetails: o.logs }));
    if (o.logs) ctx.io.stdout.write(renderLogs(run, outputs));
    return code;
  });
}

/** `runs cancel RUN_ID`: cancel, then (unless --no-wait) wait until the run has stopped. */
export function runRunsCancel(ctx: CommandContext, given: { runId: Int64; target?: string; wait: boolean; output?: Output }): Promise<number> {
  return withTarget(ctx, given, async (target, o) => {
    const before = await readRun(target.client, o.runId);
    if (isRunTerminal(before)) {
      ctx.io.stderr.write(`Run ${String(o.runId)} has already ended: ${stateLabel(before.state, before.status)}\n`);
      if (o.output === 'json') ctx.io.stdout.write(stringifyJson(before, 2) + '\n');
      return ExitCode.OK;
    }
    await target.client.runs.cancel(o.runId);
    ctx.io.stderr.write(`Cancel requested for run ${String(o.runId)}\n`);
    if (!o.wait) return ExitCode.OK;
    const view = lineView(ctx.io.stderr, { runId: o.runId, baseline: before });
    const { run } = await followRun(target.client, o.runId, {
      clock: ctx.io.clock, includeHistory: true, onSnapshot: (r, ms) => view.update(r, ms), ...(target.local ? { pollMs: LOCAL_POLL } : {}),
    });
    if (o.output === 'json') ctx.io.stdout.write(stringifyJson(run, 2) + '\n');
    else ctx.io.stdout.write(renderRunSummary(summarizeRun(run!, new Map(), ctx.io.clock.now().getTime()), { color: await useColor(ctx, ctx.io.stdout), jobKey: await bundleKeyOfJob(target, run!.job_id), showUrl: !target.local }));
    return ExitCode.OK;
  });
}

/** Runs of some jobs (or all), newest first: `limit` of them, or all since `from`. */
async function listRuns(client: WorkspaceClient, jobIds: string[] | undefined, o: { limit?: number; from?: number }): Promise<Run[]> {
  const perJob = async (jobId: string | undefined): Promise<Run[]> => {
    const out: Run[] = [];
    const pageSize = Math.min(25, o.limit ?? 25);
    for await (const run of client.runs.list({ ...(jobId !== undefined ? { job_id: parseInt64(jobId)! } : {}), limit: pageSize, ...(o.from !== undefined ? { start_time_from: o.from } : {}) })) {
      out.push(run);
      if (o.limit !== undefined && out.length >= o.limit) break;
    }
    return out;
  };
  const lists = await Promise.all((jobIds ?? [undefined]).map(perJob));
  const all = lists.flat().sort((a, b) => (b.start_time ?? 0) - (a.start_time ?? 0) || Number(BigInt(b.run_id) - BigInt(a.run_id)));
  return o.limit !== undefined ? all.slice(0, o.limit) : all;
}

function notDeployed(ctx: CommandContext, target: RunTarget, key: string | undefined): number {
  ctx.io.stderr.write(`error: ${key ? `job "${key}" is not` : 'no job of this bundle is'} deployed to target ${target.target ?? 'default'}\nhint: deploy first: jobs deploy${targetFlag(target)}\n`);
  return ExitCode.FAILURE;
}

/** Every started task's output in full: logs, the notebook's exit value, the error trace. */
function renderLogs(run: Run, outputs: ReadonlyMap<string, RunOutput>): string {
  const out: string[] = [];
  for (const t of latestTasks(run)) {
    const o = outputs.get(t.task_key);
    if (!o) continue;
    out.push('', `── ${t.task_key} (task run ${String(t.run_id)}): ${stateLabel(t.state, t.status)} ──`);
    if (o.logs) out.push(o.logs.replace(/\s+$/, ''));
    if (o.notebook_output?.result !== undefined) out.push(`exit value: ${o.notebook_output.result}`);
    if (o.error) out.push(`error: ${o.error}`);
    if (o.error_trace) out.push(o.error_trace.replace(/\s+$/, ''));
    if (!o.logs && o.notebook_output?.result === undefined && !o.error && !o.error_trace) out.push('(no output)');
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
