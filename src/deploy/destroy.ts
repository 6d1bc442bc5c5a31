/**
 * `destroy`: delete the bundle's jobs (those in the state, and any tagged for this bundle and
 * target that a lost state forgot) and its workspace folder (`workspace.root_path`, which holds
 * the synced files, artifacts, state and lock), then the local cache. Deletions are confirmed
 * first: on a terminal by a prompt, otherwise only with --auto-approve.
 */
import { randomUUID } from 'node:crypto';
import { CliFailure } from '../diag/errors.js';
import { hasErrors, type Diagnostic } from '../diag/diagnostic.js';
import type { Io } from '../ports/io.js';
import type { BundleSession } from '../workspace/bundle-session.js';
import { applyPlan, type AppliedChange } from './apply.js';
import { confirmDeletions } from './deploy.js';
import type { LockedChangeOptions } from './events.js';
import { acquireDeployLock } from './lock-client.js';
import { describeLock } from './lock.js';
import { prepareDeploy, type Prepared } from './prepare.js';
import { emptyState, StateWriter } from './state-store.js';
import { deleteWorkspaceObject, workspaceObjectExists } from './workspace-io.js';

export interface DestroyOptions extends LockedChangeOptions {
  onPlan?: (prepared: Prepared, folderExists: boolean) => void;
}

export interface DestroyOutcome {
  diagnostics: Diagnostic[];
  prepared?: Prepared;
  nothing: boolean;
  applied: AppliedChange[];
  folderDeleted: boolean;
}

export async function destroyBundle(io: Io, session: BundleSession, opts: DestroyOptions): Promise<DestroyOutcome> {
  const prep = await prepareDeploy(io, session, { destroy: true });
  if (!prep.prepared || hasErrors(prep.diagnostics)) return { diagnostics: prep.diagnostics, nothing: true, applied: [], folderDeleted: false };
  const prepared = prep.prepared;
  const { target, plan } = prepared;
  const folderExists = await workspaceObjectExists(session.client, target.rootPath);
  opts.onPlan?.(prepared, folderExists);
  if (plan.counts.delete === 0 && !folderExists) {
    await io.fs.rm(target.localDir, { recursive: true, force: true });
    return { diagnostics: prep.diagnostics, prepared, nothing: true, applied: [], folderDeleted: false };
  }
  await confirmDestroy(io, prepared, folderExists, opts.autoApprove);
  if (target.lockEnabled && folderExists) opts.report({ type: 'phase', phase: 'lock', message: `Acquiring the deploy lock in ${target.statePath}` });
  const lock = target.lockEnabled && folderExists
    ? await acquireDeployLock(session.client, {
      statePath: target.statePath, user: session.user.userName, holder: opts.holder, host: opts.host, force: opts.forceLock || target.lockForce,
      waitMs: opts.lockWaitMs, newId: randomUUID, clock: io.clock, onWait: (h) => opts.report({ type: 'lock.waiting', holder: describeLock(h) }),
    })
    : undefined;
  opts.report({ type: 'phase', phase: 'jobs', message: 'Deleting jobs', total: plan.counts.delete });
  const writer = new StateWriter(session.client, io, { remoteDir: target.statePath, localDir: target.localDir }, prepared.states.state ?? emptyState());
  const result = await applyPlan({ client: session.client, plan, desired: new Map(), deployed: prepared.remote.deployed, writer, concurrency: opts.concurrency, report: opts.report });
  if (result.failure) {
    await writer.flush().catch(() => undefined);
    await lock?.release().catch(() => undefined);
    const f = result.failure;
    throw new CliFailure(`destroy failed: ${f.address}: ${f.call} failed: ${f.error instanceof Error ? f.error.message : String(f.error)}`,
      `deleted before the failure: ${result.applied.map((a) => a.address).join(', ') || 'nothing'}; the state records it, run destroy again`);
  }
  // The folder holds the lock and the state: deleting it releases both (release then finds none).
  if (folderExists) {
    opts.report({ type: 'phase', phase: 'cleanup', message: `Deleting ${target.rootPath}` });
    await deleteWorkspaceObject(session.client, target.rootPath, true);
  }
  await lock?.release();
  await io.fs.rm(target.localDir, { recursive: true, force: true });
  return { diagnostics: prep.diagnostics, prepared, nothing: false, applied: result.applied, folderDeleted: folderExists };
}

async function confirmDestroy(io: Io, prepared: Prepared, folderExists: boolean, autoApprove: boolean): Promise<void> {
  if (autoApprove) return;
  if (prepared.plan.counts.delete > 0) return confirmDeletions(io, prepared.plan, false, 'destroy');
  if (!io.prompt) throw new CliFailure(`destroy deletes ${prepared.target.rootPath}`, 'there is no terminal to confirm on; re-run with --auto-approve');
  const answer = await io.prompt(`Destroy deletes ${prepared.target.rootPath}${folderExists ? '' : ''}. Continue? [y/N] `);
  if (!/^y(es)?$/i.test(answer.trim())) throw new CliFailure('destroy canceled');
}
