/**
 * What the workspace holds for the bundle's jobs (GETs only). Each job the state names is read
 * with jobs/get (every 2.2 page), its permissions when the bundle manages them. A job the
 * state does not name, or names with an id that no longer exists, may still have been deployed
 * (a lost or stale state, a deploy killed before it could write the workspace copy): then the
 * workspace's jobs are listed once and those tagged `jobs_as_code: <bundle>/<target>/<key>`
 * are adopted instead of being created again.
 */
import type { AccessControlRequest, Job } from '../api/jobs.js';
import { parseInt64, type Int64 } from '../api/json.js';
import type { ObjectPermissions } from '../api/workspace.js';
import { diag, type Diagnostic } from '../diag/diagnostic.js';
import type { DeployedJob } from '../plan/plan.js';
import type { WorkspaceClient } from '../remote/client.js';
import { isNotFound } from '../remote/errors.js';
import type { DesiredJob } from './desired.js';
import type { Prefetch } from './prefetch.js';
import { DEPLOY_TAG, deployedJobIds, jobStateKey, type DeploymentState } from './state-format.js';

export interface ReadRemoteInput {
  client: WorkspaceClient;
  desired: readonly DesiredJob[];
  state?: DeploymentState;
  bundleName: string;
  target: string;
  /** `--select`: only these keys are read, adopted and planned. */
  select?: ReadonlySet<string>;
  /** Adopt by tag even if the state accounts for every job (destroy does). */
  alwaysScan?: boolean;
  /** Answers already asked for (prefetch.ts). */
  prefetch?: Prefetch;
}

export interface ReadRemoteResult {
  deployed: Map<string, DeployedJob>;
  /** Whether the workspace's jobs were listed to look for tagged ones. */
  scanned: boolean;
  diagnostics: Diagnostic[];
}

export async function readRemote(input: ReadRemoteInput): Promise<ReadRemoteResult> {
  const { client, state } = input;
  const inScope = (key: string) => !input.select || input.select.has(key);
  const diagnostics: Diagnostic[] = [];
  const deployed = new Map<string, DeployedJob>();
  const managedAcl = new Set(input.desired.filter((d) => d.acl).map((d) => d.key));
  const ids = [...deployedJobIds(state)].filter(([key]) => inScope(key));
  await input.prefetch?.ready;
  await Promise.all(ids.map(async ([key, jobId]) => {
    const entry = state!.state[jobStateKey(key)]!;
    const stateAcl = aclOf(state!.state[`${jobStateKey(key)}.permissions`]?.state);
    const job = await getJob(client, jobId, input.prefetch);
    const d: DeployedJob = { key, jobId, adopted: false, stateSettings: entry.state, ...(stateAcl ? { stateAcl } : {}) };
    if (job) {
      d.settings = job.settings as Record<string, unknown>;
      if (managedAcl.has(key) || stateAcl) d.acl = directGrants(await getPermissions(client, jobId, input.prefetch));
    }
    deployed.set(key, d);
  }));

  const unaccounted = input.desired.some((d) => inScope(d.key) && !deployed.get(d.key)?.settings) || [...deployed.values()].some((d) => !d.settings);
  const scanned = unaccounted || input.alwaysScan === true || !state;
  if (scanned) await adoptTagged(input, deployed, managedAcl, diagnostics);
  return { deployed, scanned, diagnostics };
}

/** Lists every job once and adopts those tagged for this bundle and target. */
async function adoptTagged(input: ReadRemoteInput, deployed: Map<string, DeployedJob>, managedAcl: ReadonlySet<string>, out: Diagnostic[]): Promise<void> {
  const prefix = `${input.bundleName}/${input.target}/`;
  const found = new Map<string, string[]>();
  for await (const job of input.client.jobs.list({ limit: 100 })) {
    const tag = job.settings?.tags?.[DEPLOY_TAG];
    if (typeof tag !== 'string' || !tag.startsWith(prefix)) continue;
    const key = tag.slice(prefix.length);
    if (input.select && !input.select.has(key)) continue;
    found.set(key, [...(found.get(key) ?? []), String(job.job_id)]);
  }
  await Promise.all([...found].map(async ([key, jobIds]) => {
    const known = deployed.get(key);
    if (known?.settings) return;
    const sorted = jobIds.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    if (sorted.length > 1) {
      out.push(diag('warning', 'deploy/duplicate-tagged-jobs', `jobs ${sorted.join(', ')} are all tagged ${DEPLOY_TAG}: ${prefix}${key}; adopting ${sorted[0]}`, {
        detail: 'The others were probably created by deploys that lost their state. Delete them in the workspace once you have checked them.',
      }));
    }
    const jobId = sorted[0]!;
    const job = await getJob(input.client, jobId);
    if (!job) return;
    const acl = managedAcl.has(key) || known?.stateAcl ? directGrants(await input.client.permissions.get(toInt64(jobId))) : undefined;
    deployed.set(key, {
      key, jobId, adopted: true, settings: job.settings as Record<string, unknown>,
      ...(known?.stateSettings ? { stateSettings: known.stateSettings } : {}), ...(known?.stateAcl ? { stateAcl: known.stateAcl } : {}), ...(acl ? { acl } : {}),
    });
  }));
}

async function getPermissions(client: WorkspaceClient, jobId: string, prefetch?: Prefetch): Promise<ObjectPermissions> {
  const early = await prefetch?.permissions(jobId);
  return early?.value ?? client.permissions.get(toInt64(jobId));
}

async function getJob(client: WorkspaceClient, jobId: string, prefetch?: Prefetch): Promise<Job | undefined> {
  const early = await prefetch?.job(jobId);
  if (early) return early.value;
  try {
    return await client.jobs.get(toInt64(jobId));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** The grants set on the job itself (inherited ones, such as admins, are not ours to manage). */
export function directGrants(p: ObjectPermissions): AccessControlRequest[] {
  const out: AccessControlRequest[] = [];
  for (const e of p.access_control_list ?? []) {
    for (const perm of e.all_permissions ?? []) {
      if (perm.inherited) continue;
      const principal = e.user_name !== undefined ? { user_name: e.user_name } : e.group_name !== undefined ? { group_name: e.group_name } : { service_principal_name: e.service_principal_name };
      out.push({ ...principal, permission_level: perm.permission_level } as AccessControlRequest);
    }
  }
  return out;
}

function aclOf(v: unknown): AccessControlRequest[] | undefined {
  const list = (v as { access_control_list?: unknown } | undefined)?.access_control_list;
  return Array.isArray(list) ? (list as AccessControlRequest[]) : undefined;
}

function toInt64(id: string): Int64 {
  return parseInt64(id) ?? Number(id);
}
