/**
 * The part `jobs run`, `jobs repair` and `jobs runs cancel` share once a run exists: follow it
 * (live table on a TTY, state-change lines otherwise), deal with Ctrl-C and `--timeout`, fetch the
 * output of failed tasks, print the summary (or the run as JSON) and choose the exit code.
 *
 * Exit codes (README "Exit codes"): 0 SUCCESS or SUCCESS_WITH_FAILURES, 1 the run failed
 * (FAILED, TIMEDOUT, INTERNAL_ERROR), 3 it could not start (SKIPPED), 4 `--timeout` reached,
 * 5 canceled, 130 interrupted and left running.
 */
import type { Int64 } from '../../api/json.js';
import { stringifyJson } from '../../api/json.js';
import type { Run, RunOutput } from '../../api/runs.js';
import { CliFailure } from '../../diag/errors.js';
import { chooseView, type RunView } from '../../render/run/live-view.js';
import { renderRunSummary } from '../../render/run/run-summary.js';
import { isRemoteError } from '../../remote/errors.js';
import { formatDuration } from '../../run/duration.js';
import { followRun, LOCAL_POLL, type FollowOptions, type FollowResult } from '../../run/follow.js';
import { isRunTerminal, modernRunUrl, runOutcome, type RunOutcome } from '../../run/run-state.js';
import { summarizeRun, tasksNeedingOutput } from '../../run/summary.js';
import type { OutputStream } from '../../ports/io.js';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { bundleKeyOfJob, targetFlag, type RunTarget } from './run-target.js';

/** What Ctrl-C does: ask (on a terminal), cancel the run, or leave it running. */
export type InterruptPolicy = 'ask' | 'cancel' | 'detach';

export interface FollowReportOptions {
  runId: Int64;
  jobKey?: string;
  output: 'text' | 'json';
  timeoutMs?: number;
  cancelOnTimeout?: boolean;
  interrupt: InterruptPolicy;
  /** Repairs: the run before the repair (only changes from it are shown) and the repair to wait for. */
  baseline?: Run;
  repairId?: Int64;
  /** Fetch runs/get with the repair history (repair, runs get). */
  includeHistory?: boolean;
}

export function exitCodeFor(outcome: RunOutcome): number {
  return { success: ExitCode.OK, failed: ExitCode.FAILURE, 'not-started': ExitCode.RUN_NOT_STARTED, canceled: ExitCode.RUN_CANCELED }[outcome];
}

export async function followAndReport(ctx: CommandContext, target: RunTarget, o: FollowReportOptions): Promise<number> {
  const ended = await followToEnd(ctx, target, o);
  if (!ended.run) return ended.code!;
  const code = await report(ctx, target, o, ended.run);
  return ended.code ?? code;
}

/**
 * Follows until the run ends, the wait times out, or Ctrl-C; cancels when that is asked for.
 * `run`: the final run, to report; `code`: the exit code when it is not the run's own.
 */
export async function followToEnd(ctx: CommandContext, target: RunTarget, o: FollowReportOptions): Promise<{ run?: Run; code?: number }> {
  const f: Ending = {
    done: o.repairId === undefined ? undefined : repairDone(o.repairId),
    includeHistory: o.includeHistory || o.repairId !== undefined,
    // An embedded workspace this command started stops with it: leaving its run going is no option.
    why: target.ephemeral ? ' (the embedded workspace runs inside this command and stops with it)' : '',
  };
  const result = await watch(ctx, target, o, { ...f, timeoutMs: o.timeoutMs });
  if (result.end === 'interrupted') return interrupted(ctx, target, o, f, result);
  if (result.end === 'timeout') return timedOut(ctx, target, o, f, result);
  return { run: result.run! };
}

/** How a follow that did not end by itself goes on. */
interface Ending extends Pick<FollowOptions, 'done'> {
  includeHistory: boolean;
  /** Why the run is canceled rather than left going (empty when it could be left). */
  why: string;
}

/** Ctrl-C: cancel (asked, by flag, or because the workspace stops with us), or leave it going. */
async function interrupted(ctx: CommandContext, target: RunTarget, o: FollowReportOptions, f: Ending, last: FollowResult): Promise<{ run?: Run; code?: number }> {
  const policy = target.ephemeral ? 'cancel' : o.interrupt;
  const cancel = policy === 'cancel' || (policy === 'ask' && (await confirmCancel(ctx, o.runId)));
  if (!cancel) {
    ctx.io.stderr.write(`Stopped following run ${String(o.runId)}; it goes on.${urlSuffix(target, last.run)}\n`);
    leftGoing(ctx, target, o, last);
    return { code: ExitCode.INTERRUPTED };
  }
  const result = await cancelAndWait(ctx, target, o, f);
  return result.end === 'done' ? { run: result.run! } : { code: ExitCode.RUN_CANCELED };
}

/** `--timeout`: say so; cancel when asked to (or when the workspace stops with us). */
async function timedOut(ctx: CommandContext, target: RunTarget, o: FollowReportOptions, f: Ending, last: FollowResult): Promise<{ run?: Run; code?: number }> {
  ctx.io.stderr.write(`Stopped waiting for run ${String(o.runId)} after ${formatDuration(o.timeoutMs ?? 0)} (--timeout).${urlSuffix(target, last.run)}\n`);
  if (o.cancelOnTimeout || target.ephemeral) {
    const result = await cancelAndWait(ctx, target, o, f);
    return { ...(result.end === 'done' ? { run: result.run! } : {}), code: ExitCode.RUN_TIMEOUT };
  }
  ctx.io.stderr.write('It goes on.\n');
  leftGoing(ctx, target, o, last);
  return { code: ExitCode.RUN_TIMEOUT };
}

/** The run goes on: how to look at it and stop it; in JSON, the last state seen. */
function leftGoing(ctx: CommandContext, target: RunTarget, o: FollowReportOptions, last: FollowResult): void {
  const id = String(o.runId);
  ctx.io.stderr.write(`Follow it again with: jobs runs get ${id} --follow${targetFlag(target)}; cancel it with: jobs runs cancel ${id}${targetFlag(target)}\n`);
  if (o.output === 'json' && last.run) ctx.io.stdout.write(stringifyJson(last.run, 2) + '\n');
}

/** Follows with the view; a lost connection becomes a message that says how to look again. */
async function watch(ctx: CommandContext, target: RunTarget, o: FollowReportOptions, f: Pick<FollowOptions, 'done' | 'includeHistory' | 'timeoutMs'>, quiet = false): Promise<FollowResult> {
  const { io } = ctx;
  const view: RunView = chooseView(io, { runId: o.runId, baseline: o.baseline, quiet, color: await useColor(ctx, io.stderr) });
  const interrupted = new AbortController();
  const remove = io.onInterrupt?.(() => interrupted.abort());
  try {
    return await followRun(target.client, o.runId, {
      clock: io.clock, signal: interrupted.signal, onSnapshot: (run, ms) => view.update(run, ms), ...(target.local ? { pollMs: LOCAL_POLL } : {}), ...f,
    });
  } catch (err) {
    if (!isRemoteError(err)) throw err;
    throw new CliFailure(`lost track of run ${String(o.runId)}: ${err.message}`, `the run goes on; look at it with: jobs runs get ${String(o.runId)}${targetFlag(target)}`);
  } finally {
    remove?.();
    view.stop();
  }
}

async function confirmCancel(ctx: CommandContext, runId: Int64): Promise<boolean> {
  if (!ctx.io.prompt || !ctx.io.stderr.isTTY) return false;
  const answer = await ctx.io.prompt(`\nCancel run ${String(runId)}? [y/N] `);
  return /^y(es)?$/i.test(answer.trim());
}

async function cancelAndWait(ctx: CommandContext, target: RunTarget, o: FollowReportOptions, f: Ending): Promise<FollowResult> {
  ctx.io.stderr.write(`Canceling run ${String(o.runId)}${f.why}…\n`);
  await target.client.runs.cancel(o.runId);
  // Canceling is asynchronous: wait for the run to settle (a second Ctrl-C stops waiting).
  const result = await watch(ctx, target, { ...o, baseline: undefined }, { done: f.done, includeHistory: f.includeHistory }, true);
  if (result.end === 'interrupted') ctx.io.stderr.write(`Cancel requested; not waiting for run ${String(o.runId)} to stop.\n`);
  return result;
}

/** The summary (text) or the run (JSON), after fetching the output of failed tasks. */
export async function report(ctx: CommandContext, target: RunTarget, o: Pick<FollowReportOptions, 'runId' | 'jobKey' | 'output'>, run: Run): Promise<number> {
  const outcome = runOutcome(run);
  if (o.output === 'json') {
    ctx.io.stdout.write(stringifyJson(run, 2) + '\n');
    return exitCodeFor(outcome);
  }
  const outputs = await fetchOutputs(target, run);
  const summary = summarizeRun(run, outputs, ctx.io.clock.now().getTime());
  const hints: string[] = [];
  if (outcome === 'failed' || outcome === 'canceled') hints.push(`Rerun what did not succeed: jobs repair ${String(o.runId)} --all-failed${targetFlag(target)}`);
  if (outcome === 'failed') hints.push(`Every task's output: jobs runs get ${String(o.runId)} --logs${targetFlag(target)}`);
  if (outcome === 'not-started') hints.push('The job is at its max_concurrent_runs: wait for the active run, or enable queue: {enabled: true} on the job.');
  const color = await useColor(ctx, ctx.io.stdout);
  const jobKey = o.jobKey ?? (await bundleKeyOfJob(target, run.job_id));
  ctx.io.stdout.write(renderRunSummary(summary, { color, jobKey, hints, showUrl: !target.local }));
  return exitCodeFor(outcome);
}

/** Colour on a stream: a terminal, unless --no-color / NO_COLOR; the tool settings' `color` decides first. */
export async function useColor(ctx: CommandContext, stream: OutputStream): Promise<boolean> {
  const setting = (await ctx.toolConfig()).color;
  return ctx.globals().color && setting !== 'never' && (setting === 'always' || stream.isTTY);
}

/** get-output of each failed task; a task whose output cannot be read is shown without it. */
export async function fetchOutputs(target: RunTarget, run: Run, tasks = tasksNeedingOutput(run)): Promise<Map<string, RunOutput>> {
  const outputs = new Map<string, RunOutput>();
  await Promise.all(
    tasks.map(async ({ taskKey, runId }) => {
      try {
        outputs.set(taskKey, await target.client.runs.getOutput(runId));
      } catch (err) {
        if (!isRemoteError(err)) throw err;
      }
    }),
  );
  return outputs;
}

/**
 * A repair is over when the history's last repair is ours and the run is terminal again. Right
 * after runs/repair a real workspace may still show the run as it ended before; the repair item's
 * end time (or a run end time after the repair began) tells the two apart.
 */
function repairDone(repairId: Int64): (run: Run) => boolean {
  return (run) => {
    const last = run.repair_history?.at(-1);
    if (last?.type !== 'REPAIR' || String(last.id) !== String(repairId) || !isRunTerminal(run)) return false;
    return !!last.end_time || (run.end_time ?? 0) >= (last.start_time ?? Infinity);
  };
}

function urlSuffix(target: RunTarget, run: Run | undefined): string {
  const url = target.local ? undefined : modernRunUrl(run?.run_page_url);
  return url ? ` ${url}` : '';
}
