/**
 * `deploy`: apply a prepared plan (effects). The reference CLI's sequence (bundle-semantics.md
 * §6.3): lock → sync files → upload libraries → apply jobs (state written after each change)
 * → state, metadata.json, deployment.json → unlock.
 *
 * A deploy with nothing to change makes no workspace write at all: the plan is made from reads
 * only, and the lock is taken only once there is something to do. Under the lock, the
 * workspace state is read again; if another deploy moved it meanwhile, the plan is made again
 * so nothing is applied on stale facts.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseInt64, stringifyJson } from '../api/json.js';
import { CliFailure } from '../diag/errors.js';
import { hasErrors, type Diagnostic } from '../diag/diagnostic.js';
import { planHasChanges, type Plan } from '../plan/model.js';
import type { Io } from '../ports/io.js';
import type { BundleSession } from '../workspace/bundle-session.js';
import { applyPlan, type AppliedChange, type ApplyResult } from './apply.js';
import { buildMetadata, DEPLOYMENT_FILE, METADATA_FILE, type DeploymentFile } from './deployment-files.js';
import type { LockedChangeOptions } from './events.js';
import { acquireDeployLock, type HeldLock } from './lock-client.js';
import { describeLock } from './lock.js';
import type { Prefetch } from './prefetch.js';
import { prepareDeploy, type Prepared } from './prepare.js';
import { deployedJobIds, parseDeploymentState, STATE_FILE, type DeploymentState } from './state-format.js';
import { CLI_VERSION, emptyState, StateWriter, writeLocalAtomic } from './state-store.js';
import { applyFileSync } from './sync/apply-sync.js';
import { syncedFiles } from './sync/sync-plan.js';
import { readWorkspaceFile, writeWorkspaceFile } from './workspace-io.js';

export interface DeployOptions extends LockedChangeOptions {
  select?: readonly string[];
  /** Called with the plan once it is known, before anything is applied (the verb prints it). */
  onPlan?: (prepared: Prepared) => void;
  /** Reads started while the session opened (used by the first plan only). */
  prefetch?: Prefetch;
}

export interface DeployOutcome {
  diagnostics: Diagnostic[];
  prepared?: Prepared;
  noop: boolean;
  applied: AppliedChange[];
  /** Deployed job ids by key after the deploy. */
  ids: Map<string, string>;
}

export async function deployBundle(io: Io, session: BundleSession, opts: DeployOptions): Promise<DeployOutcome> {
  const first = await prepareDeploy(io, session, { select: opts.select, prefetch: opts.prefetch });
  if (!first.prepared || hasErrors(first.diagnostics)) return { diagnostics: first.diagnostics, noop: true, applied: [], ids: new Map() };
  let prepared = first.prepared;
  opts.onPlan?.(prepared);
  if (!planHasChanges(prepared.plan) && !statePushNeeded(prepared)) {
    await refreshLocalCache(io, prepared);
    return { diagnostics: first.diagnostics, prepared, noop: true, applied: [], ids: currentIds(prepared.states.state) };
  }
  await confirmDeletions(io, prepared.plan, opts.autoApprove);
  const lock = await takeLock(io, session, prepared, opts);
  try {
    if (lock && (await stateMoved(session, prepared))) {
      const again = await prepareDeploy(io, session, { select: opts.select });
      if (!again.prepared || hasErrors(again.diagnostics)) return { diagnostics: again.diagnostics, noop: true, applied: [], ids: new Map() };
      if (deletions(again.prepared.plan).some((a) => !deletions(prepared.plan).includes(a)) && !opts.autoApprove)
        throw new CliFailure('another deploy changed the workspace while this one waited; the plan now deletes other jobs', 'run jobs plan and deploy again');
      prepared = again.prepared;
      // The deploy we waited for did our work already.
      if (!planHasChanges(prepared.plan) && !statePushNeeded(prepared)) {
        opts.report({ type: 'warning', message: 'the deploy that held the lock made these changes already; nothing is left to do' });
        await refreshLocalCache(io, prepared);
        return { diagnostics: again.diagnostics, prepared, noop: true, applied: [], ids: currentIds(prepared.states.state) };
      }
    }
    if (prepared.target.failOnActiveRuns) await failOnActiveRuns(session, prepared);
    const result = await applyAll(io, session, prepared, opts);
    return { diagnostics: first.diagnostics, prepared, noop: false, applied: result.applied, ids: result.ids };
  } finally {
    const note = await lock?.release().catch((err: unknown) => `could not release the deploy lock: ${(err as Error).message}`);
    if (note) opts.report({ type: 'warning', message: note });
  }
}

async function applyAll(io: Io, session: BundleSession, prepared: Prepared, opts: DeployOptions): Promise<ApplyResult> {
  const { client } = session;
  const { target, plan } = prepared;
  const report = opts.report;
  if (plan.files.upload.length + plan.files.delete.length + plan.files.libraries.length > 0) {
    report({ type: 'phase', phase: 'files', message: `Syncing files to ${target.filePath}`, total: plan.files.upload.length + plan.files.delete.length + plan.files.libraries.length });
    try {
      await applyFileSync({
        client, fs: io.fs, plan: plan.files, concurrency: opts.concurrency, report,
        localAbs: new Map(prepared.localFiles.map((f) => [f.path, f.abs])),
        libraryAbs: new Map(prepared.libraries.map((l) => [l.localPath, l.abs])),
        knownFolders: knownFolders(prepared),
      });
    } catch (err) {
      const e = err as { path?: string; call?: string; cause?: unknown };
      throw new CliFailure(`deploy failed while syncing files: ${e.path ?? ''}: ${e.call ?? ''} failed: ${(e.cause as Error | undefined)?.message ?? String(err)}`,
        'no job was changed; fix the problem and deploy again');
    }
  }
  report({ type: 'phase', phase: 'jobs', message: 'Deploying jobs', total: plan.entries.filter((e) => e.action !== 'unchanged').length });
  const writer = new StateWriter(client, io, { remoteDir: target.statePath, localDir: target.localDir }, prepared.states.state ?? emptyState(), prepared.states.remote);
  const result = await applyPlan({ client, plan, desired: new Map(prepared.desired.map((d) => [d.key, d])), deployed: prepared.remote.deployed, writer, concurrency: opts.concurrency, report });
  report({ type: 'phase', phase: 'state', message: `Writing the deployment state to ${target.statePath}` });
  let stateError: unknown;
  await writer.flush().catch((err: unknown) => (stateError = err));
  if (!stateError) await writeDeploymentFiles(io, session, prepared, writer.current()).catch((err: unknown) => (stateError = err));
  if (result.failure) throw applyFailure(result, stateError);
  if (stateError) throw new CliFailure(`the jobs were deployed, but the deployment state could not be written to ${target.statePath}: ${(stateError as Error).message}`,
    `the local cache in ${target.localDir} holds it; deploy again to write it to the workspace`);
  return result;
}

/** metadata.json (jobs' deployment.metadata_file_path) and deployment.json (the sync snapshot). */
async function writeDeploymentFiles(io: Io, session: BundleSession, prepared: Prepared, state: DeploymentState): Promise<void> {
  const { target } = prepared;
  const rel = new Map(prepared.desired.map((d) => [d.key, d.relativePath]));
  const metadata = buildMetadata({
    bundle: { name: target.bundleName, target: target.target, ...(target.mode ? { mode: target.mode } : {}), ...(target.git ? { git: target.git } : {}) },
    filePath: target.filePath, sourceLinked: target.sourceLinked,
    jobs: [...deployedJobIds(state)].map(([key, id]) => ({ key, id, ...(rel.get(key) ? { relativePath: rel.get(key) } : {}) })),
  });
  const snapshot: DeploymentFile = {
    version: 1, seq: (prepared.deploymentFile?.seq ?? 0) + 1, cli_version: CLI_VERSION, timestamp: io.clock.now().toISOString(),
    files: syncedFiles(prepared.localFiles), id: randomUUID(), file_path: target.filePath,
    artifacts: prepared.libraries.map((l) => ({ local_path: l.localPath, remote_path: l.remotePath, sha256: l.sha256 })),
  };
  const text = stringifyJson(snapshot, 2);
  await Promise.all([
    writeWorkspaceFile(session.client, `${target.statePath}/${METADATA_FILE}`, stringifyJson(metadata, 2), true),
    writeWorkspaceFile(session.client, `${target.statePath}/${DEPLOYMENT_FILE}`, text, true),
    writeLocalAtomic(io, join(target.localDir, DEPLOYMENT_FILE), text),
  ]);
}

function applyFailure(result: ApplyResult, stateError: unknown): CliFailure {
  const f = result.failure!;
  const cause = f.error instanceof Error ? f.error.message : String(f.error);
  const done = result.applied.map((a) => `${a.action === 'create' ? 'created' : a.action === 'update' ? 'updated' : 'deleted'} ${a.address} (${a.jobId})`);
  const lines = [
    done.length > 0 ? `applied before the failure: ${done.join(', ')}` : 'nothing was applied before the failure',
    ...(result.skipped.length > 0 ? [`not attempted: ${result.skipped.join(', ')}`] : []),
    stateError ? `the workspace state could not be written (${(stateError as Error).message}); the local cache has every applied change` : 'the deployment state records every applied change; fix the problem and deploy again',
  ];
  return new CliFailure(`deploy failed: ${f.address}: ${f.call} failed: ${cause}`, lines.join('\n'));
}

async function takeLock(io: Io, session: BundleSession, prepared: Prepared, opts: DeployOptions): Promise<HeldLock | undefined> {
  const { target } = prepared;
  if (!target.lockEnabled) return undefined;
  opts.report({ type: 'phase', phase: 'lock', message: `Acquiring the deploy lock in ${target.statePath}` });
  return acquireDeployLock(session.client, {
    statePath: target.statePath, user: session.user.userName, holder: opts.holder, host: opts.host,
    force: opts.forceLock || target.lockForce, waitMs: opts.lockWaitMs, newId: randomUUID, clock: io.clock,
    onWait: (holder) => opts.report({ type: 'lock.waiting', holder: describeLock(holder) }),
  });
}

/** The workspace state differs from the one the plan was made with. */
async function stateMoved(session: BundleSession, prepared: Prepared): Promise<boolean> {
  const bytes = await readWorkspaceFile(session.client, `${prepared.target.statePath}/${STATE_FILE}`);
  const now = bytes ? parseDeploymentState(bytes.toString('utf8')) : undefined;
  const before = prepared.states.remote;
  return now?.lineage !== before?.lineage || now?.serial !== before?.serial;
}

/** The workspace copy of the state is missing or behind the local one (a deploy cut short). */
function statePushNeeded(p: Prepared): boolean {
  const { local, remote } = p.states;
  if (!local || deployedJobIds(local).size === 0) return false;
  return !remote || (remote.lineage === local.lineage && remote.serial < local.serial);
}

/** Keeps the local cache equal to the workspace state (a local write only). */
async function refreshLocalCache(io: Io, p: Prepared): Promise<void> {
  const { local, remote } = p.states;
  if (!remote || (local && local.lineage === remote.lineage && local.serial === remote.serial)) return;
  await writeLocalAtomic(io, join(p.target.localDir, STATE_FILE), stringifyJson(remote, 2));
}

function deletions(plan: Plan): string[] {
  return plan.entries.filter((e) => e.kind === 'job' && e.action === 'delete').map((e) => e.address);
}

export async function confirmDeletions(io: Io, plan: Plan, autoApprove: boolean, verb = 'deploy'): Promise<void> {
  const gone = plan.entries.filter((e) => e.kind === 'job' && e.action === 'delete');
  if (gone.length === 0 || autoApprove) return;
  const list = gone.map((e) => `${e.address} (${e.jobId})`).join(', ');
  if (!io.prompt) {
    throw new CliFailure(`this ${verb} deletes ${gone.length} job${gone.length > 1 ? 's' : ''}: ${list}`,
      'there is no terminal to confirm on; re-run with --auto-approve to allow the deletions');
  }
  const answer = await io.prompt(`${verb === 'destroy' ? 'Destroy' : 'Deploy'} deletes ${gone.length} job${gone.length > 1 ? 's' : ''}: ${list}. Continue? [y/N] `);
  if (!/^y(es)?$/i.test(answer.trim())) throw new CliFailure(`${verb} canceled: the deletions were not approved`);
}

async function failOnActiveRuns(session: BundleSession, prepared: Prepared): Promise<void> {
  const live = [...prepared.remote.deployed.values()].filter((d) => d.settings);
  const active: string[] = [];
  await Promise.all(live.map(async (d) => {
    const page = await session.client.runs.listPage({ job_id: parseInt64(d.jobId) ?? Number(d.jobId), active_only: true, limit: 1 });
    if ((page.runs ?? []).length > 0) active.push(`jobs.${d.key} (${d.jobId})`);
  }));
  if (active.length > 0) {
    throw new CliFailure(`deploy refused: ${active.sort().join(', ')} ${active.length > 1 ? 'have' : 'has'} active runs and bundle.deployment.fail_on_active_runs is set`,
      'wait for the runs to finish or cancel them, then deploy again');
  }
}

function knownFolders(p: Prepared): Set<string> {
  const out = new Set<string>();
  if (!p.folderExists || !p.deploymentFile || (p.deploymentFile.file_path !== undefined && p.deploymentFile.file_path !== p.target.filePath)) return out;
  out.add(p.target.filePath);
  for (const f of p.deploymentFile.files) {
    const parts = f.local_path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) out.add(`${p.target.filePath}/${parts.slice(0, i).join('/')}`);
  }
  return out;
}

function currentIds(state: DeploymentState | undefined): Map<string, string> {
  return deployedJobIds(state);
}
