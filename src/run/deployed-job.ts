/**
 * Which workspace job a bundle's job key was deployed as. Read in this order:
 *
 * 1. the deployment state: `${workspace.state_path}/resources.json` in the workspace (404: none)
 *    and the local cache `<root>/.databricks/bundle/<target>/resources.json`; of the two, the one
 *    `newerState` trusts (same lineage: higher serial; different lineages: the workspace's);
 * 2. when neither has the key (state lost, or deployed from another machine whose state never
 *    reached the workspace): a job carrying the deploy tag `jobs_as_code: <bundle>/<target>/<key>`,
 *    looked up by the job's resolved name (jobs/list filters by exact name);
 * 3. else: not deployed.
 *
 * Reads only (GETs and a local file).
 */
import { join } from 'node:path';
import type { Int64 } from '../api/json.js';
import { parseInt64 } from '../api/json.js';
import { DEPLOY_TAG, deployTagValue, deployedJobIds, newerState, parseDeploymentState, STATE_FILE, type DeploymentState } from '../deploy/state-format.js';
import type { Io } from '../ports/io.js';
import type { WorkspaceClient } from '../remote/client.js';
import { isNotFound } from '../remote/errors.js';

export interface DeployedJobQuery {
  key: string;
  bundleName: string;
  target: string;
  bundleRoot: string;
  /** `workspace.state_path` of the resolved bundle. */
  statePath?: string;
  /** The job's resolved name (as deploy sends it), for the tag lookup. */
  jobName?: string;
}

export interface DeployedJob {
  jobId: Int64;
  /** How it was found, for --debug and messages. */
  source: 'workspace state' | 'local state' | 'deploy tag';
}

export async function findDeployedJob(io: Pick<Io, 'fs'>, client: WorkspaceClient, q: DeployedJobQuery): Promise<DeployedJob | undefined> {
  const [remote, local] = await Promise.all([readRemoteState(client, q.statePath), readLocalState(io, q.bundleRoot, q.target)]);
  const trusted = newerState(local, remote);
  const id = deployedJobIds(trusted).get(q.key);
  const jobId = id === undefined ? undefined : parseInt64(id);
  if (jobId !== undefined) return { jobId, source: trusted === remote ? 'workspace state' : 'local state' };
  const tagged = await findByTag(client, q);
  return tagged === undefined ? undefined : { jobId: tagged, source: 'deploy tag' };
}

async function readRemoteState(client: WorkspaceClient, statePath: string | undefined): Promise<DeploymentState | undefined> {
  if (!statePath) return undefined;
  try {
    return parseDeploymentState((await client.workspace.download(`${statePath.replace(/\/+$/, '')}/${STATE_FILE}`)).toString('utf8'));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** The local state cache path of a target. */
export function localStatePath(bundleRoot: string, target: string): string {
  return join(bundleRoot, '.databricks', 'bundle', target, STATE_FILE);
}

async function readLocalState(io: Pick<Io, 'fs'>, bundleRoot: string, target: string): Promise<DeploymentState | undefined> {
  try {
    return parseDeploymentState((await io.fs.readFile(localStatePath(bundleRoot, target))).toString('utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function findByTag(client: WorkspaceClient, q: DeployedJobQuery): Promise<Int64 | undefined> {
  if (!q.jobName) return undefined;
  const want = deployTagValue(q.bundleName, q.target, q.key);
  for await (const job of client.jobs.list({ name: q.jobName, limit: 100 })) {
    if (job.settings?.tags?.[DEPLOY_TAG] === want) return job.job_id;
  }
  return undefined;
}
