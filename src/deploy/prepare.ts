/**
 * Everything `plan`, `deploy` and `destroy` need before they act, read without writing
 * anything: lookups resolved, the desired jobs built, local wheels found, the sync files
 * scanned and hashed, the state (local and workspace), the last sync snapshot, the workspace's
 * jobs, and finally the plan.
 *
 * Reads, in order (independent ones in parallel):
 *   jobs/list by name (lookups only) → resources.json, deployment.json, get-status file_path
 *   → jobs/get per deployed job (+ permissions when managed) → jobs/list once if a job is
 *   unaccounted for (adoption by tag).
 */
import { diag, hasErrors, type Diagnostic } from '../diag/diagnostic.js';
import { planDeployment } from '../plan/plan.js';
import type { Plan } from '../plan/model.js';
import type { Io } from '../ports/io.js';
import type { BundleSession } from '../workspace/bundle-session.js';
import { buildDesiredJobs, type DesiredJob } from './desired.js';
import { DEPLOYMENT_FILE, parseDeploymentFile, type DeploymentFile } from './deployment-files.js';
import { expandLibraries, findLocalLibraries, rewriteLibraries, type LibraryFile } from './libraries.js';
import { resolveLookups } from './lookups.js';
import type { Prefetch } from './prefetch.js';
import { readRemote, type ReadRemoteResult } from './read-remote.js';
import { deployedJobIds } from './state-format.js';
import { readStates, type ReadStates } from './state-store.js';
import { scanSyncFiles, type LocalFile } from './sync/scan.js';
import { planFileSync } from './sync/sync-plan.js';
import { describeTarget, type DeployTarget } from './target.js';
import { readWorkspaceFile, workspaceObjectExists } from './workspace-io.js';

export interface PrepareOptions {
  /** `--select`: deploy only these job keys. */
  select?: readonly string[];
  /** Destroy: nothing is desired; every deployed or tagged job is planned for deletion. */
  destroy?: boolean;
  /** Reads started while the session opened. */
  prefetch?: Prefetch;
}

export interface Prepared {
  target: DeployTarget;
  /** The jobs this deploy manages (after --select). */
  desired: DesiredJob[];
  localFiles: LocalFile[];
  libraries: LibraryFile[];
  states: ReadStates;
  deploymentFile?: DeploymentFile;
  folderExists: boolean;
  remote: ReadRemoteResult;
  plan: Plan;
}

export interface PrepareResult {
  prepared?: Prepared;
  /** Warnings, and the errors that stopped preparation. */
  diagnostics: Diagnostic[];
}

export async function prepareDeploy(io: Io, session: BundleSession, opts: PrepareOptions = {}): Promise<PrepareResult> {
  const { client } = session;
  const config = session.bundle.config;
  const target = describeTarget(session.bundle);
  // Reads started before the bundle was loaded count only if they were for this very session.
  opts.prefetch?.confirm({ host: session.host, statePath: target.statePath, userName: session.user.userName });
  const diagnostics: Diagnostic[] = [];
  if (!opts.destroy) diagnostics.push(...(await resolveLookups(config, client)));
  if (hasErrors(diagnostics)) return { diagnostics };

  // buildDesiredJobs. Reads: resources.jobs, bundle.name, target. Writes: nothing (new data).
  const built = opts.destroy ? { value: [], diagnostics: [] } : buildDesiredJobs(config, { bundleName: target.bundleName, target: target.target, rootDir: target.rootDir });
  diagnostics.push(...built.diagnostics);
  const select = opts.select && opts.select.length > 0 ? new Set(opts.select) : undefined;
  const desired = select ? built.value.filter((d) => select.has(d.key)) : built.value;

  const [states, deploymentBytes, folderExists, libraries, scanned] = await Promise.all([
    readStates(client, io, { remoteDir: target.statePath, localDir: target.localDir }),
    opts.destroy ? undefined : readWorkspaceFile(client, `${target.statePath}/${DEPLOYMENT_FILE}`),
    opts.destroy ? false : workspaceObjectExists(client, target.filePath),
    expandLibraries(io.fs, target.rootDir, target.syncRoot, target.artifactPath, opts.destroy ? [] : findLocalLibraries(desired)),
    opts.destroy ? { value: [], diagnostics: [] } : scanSyncFiles(io.fs, { syncRoot: target.syncRoot, paths: target.syncPaths, include: target.include, exclude: target.exclude, bundleRoot: target.rootDir }),
  ]);
  diagnostics.push(...states.diagnostics, ...libraries.diagnostics, ...scanned.diagnostics);
  if (select) diagnostics.push(...checkSelection(select, built.value, states.state ? [...deployedJobIds(states.state).keys()] : []));
  diagnostics.push(...checkReferences(desired, built.value, select, states.state ? deployedJobIds(states.state) : new Map()));
  if (hasErrors(diagnostics)) return { diagnostics };
  rewriteLibraries(desired, libraries.value);

  // Needed-but-unselected jobs are read for their ids, never planned.
  const scope = select ? new Set([...select, ...desired.flatMap((d) => d.needs)]) : undefined;
  const remote = await readRemote({ client, desired, state: states.state, bundleName: target.bundleName, target: target.target, select: scope, alwaysScan: opts.destroy, prefetch: opts.prefetch });
  diagnostics.push(...remote.diagnostics);
  const deploymentFile = deploymentBytes ? parseDeploymentFile(deploymentBytes.toString('utf8')) : undefined;
  if (deploymentBytes && !deploymentFile) diagnostics.push(diag('warning', 'deploy/state-unreadable', `${target.statePath}/${DEPLOYMENT_FILE} is not a deployment snapshot; every file is uploaded again`));

  const uploadedBefore = new Map((deploymentFile?.artifacts ?? []).map((a) => [a.remote_path, a.sha256]));
  const libraryFiles = dedupeLibraries([...libraries.value.values()].flat());
  const files = planFileSync({
    files: scanned.value, filePath: target.filePath, previous: deploymentFile, folderExists,
    libraries: libraryFiles.filter((l) => uploadedBefore.get(l.remotePath) !== l.sha256).map((l) => ({ localPath: l.localPath, remotePath: l.remotePath })),
  });
  const plan = planDeployment({
    desired, deployed: remote.deployed, files, userName: session.user.userName,
    ...(select ? { deletable: (k: string) => select.has(k) } : {}),
  });
  return {
    prepared: { target, desired, localFiles: scanned.value, libraries: libraryFiles, states, ...(deploymentFile ? { deploymentFile } : {}), folderExists, remote, plan },
    diagnostics,
  };
}

function dedupeLibraries(files: LibraryFile[]): LibraryFile[] {
  return [...new Map(files.map((f) => [f.remotePath, f])).values()];
}

function checkSelection(select: ReadonlySet<string>, all: readonly DesiredJob[], deployed: readonly string[]): Diagnostic[] {
  const known = new Set([...all.map((d) => d.key), ...deployed]);
  return [...select].filter((k) => !known.has(k)).map((k) =>
    diag('error', 'deploy/unknown-select', `--select ${k}: the bundle defines no job "${k}" and none is deployed`, {
      detail: `Jobs: ${[...known].sort().join(', ') || '(none)'}`,
    }));
}

/** A selected job referencing a job outside the selection needs that job deployed already. */
function checkReferences(desired: readonly DesiredJob[], all: readonly DesiredJob[], select: ReadonlySet<string> | undefined, deployed: ReadonlyMap<string, string>): Diagnostic[] {
  const defined = new Set(all.map((d) => d.key));
  const out: Diagnostic[] = [];
  for (const d of desired) {
    for (const n of d.needs) {
      if (!defined.has(n)) {
        out.push(diag('error', 'deploy/unknown-job-reference', `${d.address} references \${resources.jobs.${n}.id}, but the bundle defines no job "${n}"`));
      } else if (select && !select.has(n) && !deployed.has(n)) {
        out.push(diag('error', 'deploy/unknown-job-reference', `${d.address} references jobs.${n}, which is not deployed yet; add it to --select`));
      }
    }
  }
  return out;
}
