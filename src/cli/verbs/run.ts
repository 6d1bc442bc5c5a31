/**
 * `jobs run [KEY]`: check the request against the bundle (job, `--param`, `--only`), find the
 * deployed job, start it with run-now (one idempotency token per invocation, so the client's
 * retries never start two runs), then follow and summarise it (follow-run.ts).
 */
import type { Int64 } from '../../api/json.js';
import { stringifyJson } from '../../api/json.js';
import { ApiError, rootFailure } from '../../remote/errors.js';
import { modernRunUrl } from '../../run/run-state.js';
import { checkOnly, checkParams, declaredParameters, pickJob, taskKeys, type Param } from '../../run/run-request.js';
import { jobViews } from '../../validate/check.js';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { UsageError } from '../main.js';
import { outputFormat } from '../output-format.js';
import { followAndReport, type InterruptPolicy } from './follow-run.js';
import { deployedJobOf, ephemeralHint, openRunTarget, targetFlag, type RunTarget } from './run-target.js';

export interface RunOptions {
  key?: string;
  target?: string;
  params: Param[];
  only: string[];
  wait: boolean;
  timeoutMs?: number;
  cancelOnTimeout: boolean;
  output?: 'text' | 'json';
  interrupt: InterruptPolicy;
  idempotencyToken?: string;
}

type Resolved = RunOptions & { output: 'text' | 'json' };

export async function runRun(ctx: CommandContext, given: RunOptions): Promise<number> {
  const o: Resolved = { ...given, output: await outputFormat(ctx, given.output) };
  const target = await openRunTarget(ctx, { target: o.target, requireBundle: true });
  if (!target) return ExitCode.FAILURE;
  try {
    const bundle = target.bundle!;
    // pickJob, checkParams, checkOnly (pure). Reads: resources.jobs.<key>.{parameters,tasks}.
    const picked = pickJob(jobViews(bundle.config), o.key);
    if (!picked.job) throw new UsageError(picked.problem);
    const job = picked.job;
    const problems = [...checkParams(job.key, declaredParameters(job.settings), o.params), ...checkOnly(job.key, taskKeys(job.settings), o.only)];
    if (problems.length > 0) throw new UsageError(problems.join('\nerror: '));
    if (!o.wait && target.ephemeral) throw new UsageError(`--no-wait: ${ephemeralHint(target)}`);

    // deployedJobOf: the deployment state (workspace, local cache), else the deploy tag (GETs).
    const deployed = await deployedJobOf(ctx, target, job);
    if (!deployed) return notStarted(ctx, `job "${job.key}" is not deployed to target ${target.target ?? 'default'}`, `deploy it first: jobs deploy${targetFlag(target)}`);

    const runId = await startRun(ctx, target, deployed.jobId, job.key, o);
    if (runId === undefined) return ExitCode.RUN_NOT_STARTED;
    return await followOrReturn(ctx, target, runId, deployed.jobId, job.key, o);
  } finally {
    await target.close();
  }
}

/** run-now; a refusal by the workspace (unknown job, bad parameter, limits) means "not started". */
async function startRun(ctx: CommandContext, target: RunTarget, jobId: Int64, key: string, o: Resolved): Promise<Int64 | undefined> {
  try {
    const { run_id } = await target.client.jobs.runNow({
      job_id: jobId,
      ...(o.params.length > 0 ? { job_parameters: Object.fromEntries(o.params.map((p) => [p.name, p.value])) } : {}),
      ...(o.only.length > 0 ? { only: o.only } : {}),
      ...(o.idempotencyToken ? { idempotency_token: o.idempotencyToken } : {}),
    });
    return run_id;
  } catch (err) {
    const e = rootFailure(err);
    if (!(e instanceof ApiError) || e.status === 401 || e.status === 403) throw err;
    const gone = e.status === 404 || e.errorCode === 'RESOURCE_DOES_NOT_EXIST';
    notStarted(ctx, `the workspace did not start job "${key}" (job ${String(jobId)}): ${e.apiMessage || e.message}`,
      gone ? `the deployed job is gone; deploy again: jobs deploy${targetFlag(target)}` : undefined);
    return undefined;
  }
}

async function followOrReturn(ctx: CommandContext, target: RunTarget, runId: Int64, jobId: Int64, key: string, o: Resolved): Promise<number> {
  const first = await target.client.runs.get(runId);
  const url = target.local ? undefined : modernRunUrl(first.run_page_url);
  ctx.io.stderr.write(`Started run ${String(runId)} of ${key} (job ${String(jobId)})${url ? `: ${url}` : ''}\n`);
  if (!o.wait) {
    ctx.io.stdout.write(o.output === 'json' ? stringifyJson(first, 2) + '\n' : `${String(runId)}\n`);
    return ExitCode.OK;
  }
  return followAndReport(ctx, target, { runId, jobKey: key, output: o.output, timeoutMs: o.timeoutMs, cancelOnTimeout: o.cancelOnTimeout, interrupt: o.interrupt });
}

function notStarted(ctx: CommandContext, message: string, hint?: string): number {
  ctx.io.stderr.write(`error: ${message}\n${hint ? `hint: ${hint}\n` : ''}`);
  return ExitCode.RUN_NOT_STARTED;
}
