/**
 * Where the run verbs (run, repair, runs …) send their requests. Inside a bundle: the bundle's
 * target through `openBundleSession` (the embedded workspace for `workspace.host: local`). Outside
 * one, for the verbs that take a run id: the workspace that `--profile` or the `DATABRICKS_*`
 * variables name, as the Databricks CLI would use. Diagnostics of a bundle that does not load are
 * printed here; the caller then exits 1.
 */
import { findBundleRoot } from '../../bundle/find-root.js';
import { DEPLOY_TAG, deployTagValue } from '../../deploy/state-format.js';
import type { LoadedBundle } from '../../bundle/load-bundle.js';
import type { Int64 } from '../../api/json.js';
import type { Run } from '../../api/runs.js';
import type { Diagnostic } from '../../diag/diagnostic.js';
import { CliFailure } from '../../diag/errors.js';
import { localDataDir } from '../../local/open-local-target.js';
import { isNotFound } from '../../remote/errors.js';
import { findDeployedJob, type DeployedJob } from '../../run/deployed-job.js';
import { pickJob } from '../../run/run-request.js';
import { jobViews, type JobView } from '../../validate/check.js';
import { writeDiagnostics } from '../../render/diagnostics/index.js';
import { toReport } from '../../render/diagnostics/report.js';
import { openWorkspaceClient } from '../../remote/connect.js';
import type { WorkspaceClient } from '../../remote/client.js';
import { openBundleSession } from '../../workspace/bundle-session.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../main.js';
import { VERSION } from '../version.js';

export interface RunTarget {
  client: WorkspaceClient;
  /** True for the embedded workspace: its run page URLs lead nowhere once we exit. */
  local: boolean;
  /** The embedded workspace runs inside this command: its runs stop when the command ends. */
  ephemeral: boolean;
  bundle?: LoadedBundle;
  /** The bundle target, for hints (`-t <target>`). */
  target?: string;
  /** `-C <dir>` and `-p <profile>` as given, so a hint's command works from the same directory. */
  globalFlags?: string;
  close(): Promise<void>;
}

export interface TargetOptions {
  target?: string;
  /** `run` needs the bundle; the run-id verbs can do without. */
  requireBundle: boolean;
}

/** The target, or undefined after the bundle's errors were printed. */
export async function openRunTarget(ctx: CommandContext, o: TargetOptions): Promise<RunTarget | undefined> {
  const globals = ctx.globals();
  const settings = await ctx.toolConfig();
  const { io } = ctx;
  const found = await findBundleRoot(io.fs, { cwd: io.cwd, env: io.env, bundleDir: globals.bundleDir });
  const globalFlags = hintGlobalFlags(globals.bundleDir, globals.profile);
  const noBundle = !found.root && found.diagnostics.every((d) => d.code === 'bundle/root-not-found');
  if (noBundle && !o.requireBundle) {
    if (o.target) throw new UsageError(`-t ${o.target}: there is no bundle here (no databricks.yml in ${io.cwd} or above; use -C <dir>)`);
    const { client } = await openWorkspaceClient(io, { profile: globals.profile ?? settings.profile, debug: globals.debug, concurrency: settings.concurrency });
    return { client, local: false, ephemeral: false, globalFlags, close: () => client.close() };
  }
  const { session, diagnostics } = await openBundleSession(io, {
    bundleDir: globals.bundleDir, target: o.target, profile: globals.profile ?? settings.profile, debug: globals.debug, concurrency: settings.concurrency,
    // `run` checks the job it starts; the run-id verbs only need the workspace and the job ids.
    validate: o.requireBundle,
  });
  if (!session) {
    printDiagnostics(ctx, diagnostics);
    return undefined;
  }
  const target = session.bundle.target ?? String((session.bundle.config.bundle as { target?: string } | undefined)?.target ?? '');
  return { client: session.client, local: session.local, ephemeral: session.ephemeral, bundle: session.bundle, ...(target ? { target } : {}), globalFlags, close: () => session.close() };
}

function printDiagnostics(ctx: CommandContext, diagnostics: Diagnostic[]): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const report = toReport(errors, ctx.io.cwd);
  writeDiagnostics(report, 'text', { io: ctx.io, color: ctx.globals().color && ctx.io.stderr.isTTY, baseDir: ctx.io.cwd, version: VERSION, sources: new Map() });
}

/** The deployed job of a bundle job (deployed-job.ts), or undefined when it is not deployed. */
export async function deployedJobOf(ctx: CommandContext, target: RunTarget, job: JobView): Promise<DeployedJob | undefined> {
  const bundle = target.bundle!;
  const names = bundle.config.bundle as { name?: string; target?: string } | undefined;
  const found = await findDeployedJob(ctx.io, target.client, {
    key: job.key, bundleName: names?.name ?? '', target: target.target ?? names?.target ?? 'default', bundleRoot: bundle.root,
    statePath: (bundle.config.workspace as { state_path?: string } | undefined)?.state_path,
    jobName: typeof job.settings.name === 'string' ? job.settings.name : undefined,
  });
  if (found && ctx.globals().debug) ctx.io.stderr.write(`debug: job ${job.key} is job ${String(found.jobId)} (from the ${found.source})\n`);
  return found;
}

/**
 * The jobs a `runs list|timeline [KEY]` looks at: KEY's deployed job, or every deployed job of the
 * bundle; undefined outside a bundle (all runs of the workspace). Job id → key, for display.
 */
export async function bundleJobIds(ctx: CommandContext, target: RunTarget, key: string | undefined): Promise<Map<string, string> | undefined> {
  if (!target.bundle) {
    if (key !== undefined) throw new UsageError(`job key "${key}" needs a bundle: run this inside one, or use -C <dir>`);
    return undefined;
  }
  const jobs = jobViews(target.bundle.config);
  const chosen = key === undefined ? jobs : [pickJob(jobs, key)].map((p) => {
    if (!p.job) throw new UsageError(p.problem);
    return p.job;
  });
  const ids = new Map<string, string>();
  for (const job of chosen) {
    const found = await deployedJobOf(ctx, target, job);
    if (found) ids.set(String(found.jobId), job.key);
  }
  return ids;
}

/** runs/get with the repair history; an unknown run id is reported, not thrown as a crash. */
export async function readRun(client: WorkspaceClient, runId: Int64): Promise<Run> {
  try {
    return await client.runs.get(runId, { include_history: true });
  } catch (err) {
    if (isNotFound(err)) throw new CliFailure(`run ${String(runId)} does not exist in this workspace`, 'list recent runs with: jobs runs list');
    throw err;
  }
}

/** Why a run cannot be left behind on an embedded workspace this command started, and what to do. */
export function ephemeralHint(target: RunTarget): string {
  const dir = target.bundle ? localDataDir(target.bundle.root) : '.databricks/local';
  return `the embedded workspace runs inside this command, so its runs stop when it ends; to leave runs going, start it apart first: jobs local serve --data-dir ${dir}`;
}

/**
 * ` -t <target>` for hints, when a target was in play, and the `-C`/`-p` the command was given:
 * without them a hint run from the same directory would miss the bundle or the profile.
 */
export function targetFlag(t: Pick<RunTarget, 'target' | 'globalFlags'>): string {
  return `${t.target ? ` -t ${shellWord(t.target)}` : ''}${t.globalFlags ?? ''}`;
}

/** ` -C <dir> -p <profile>` (each only when given), for hints. */
export function hintGlobalFlags(bundleDir: string | undefined, profile: string | undefined): string {
  return `${bundleDir !== undefined ? ` -C ${shellWord(bundleDir)}` : ''}${profile !== undefined ? ` -p ${shellWord(profile)}` : ''}`;
}

/** A word a POSIX shell reads back unchanged: as is when plain, else single-quoted. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The bundle's key of a deployed job, from the `jobs_as_code` tag deploy puts on it, when the
 * job belongs to this bundle and target: `repair` and `runs get` name a run's job as `run` does
 * (by key, not by its deployed name). Undefined outside a bundle or when the job is not ours.
 */
export async function bundleKeyOfJob(target: RunTarget, jobId: Int64 | undefined): Promise<string | undefined> {
  if (!target.bundle || jobId === undefined) return undefined;
  const names = target.bundle.config.bundle as { name?: string; target?: string } | undefined;
  const prefix = deployTagValue(names?.name ?? '', target.target ?? names?.target ?? 'default', '');
  try {
    const tag = (await target.client.jobs.get(jobId)).settings?.tags?.[DEPLOY_TAG];
    return tag?.startsWith(prefix) && tag.length > prefix.length ? tag.slice(prefix.length) : undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
