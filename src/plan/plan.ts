/**
 * The planner (pure): desired jobs against what the workspace holds → Plan.
 *
 * A job is compared with the workspace's current settings (jobs/get), not with the state, so
 * edits made in the UI show up as changes; the state's copy of the last deployed settings only
 * tells why a job changes (our config, the workspace, or both). `${resources.jobs.<k>.id}` is
 * substituted with the ids known now; a reference to a job that the deploy creates shows as
 * "(known after deploy)" and makes the referencing job change.
 */
import type { AccessControlRequest } from '../api/jobs.js';
import type { DesiredJob } from '../deploy/desired.js';
import { substituteIds, UNKNOWN_ID } from '../deploy/refs.js';
import { comparable, type Json } from './comparable.js';
import { deepEqual, diffSettings, projectRemote } from './diff.js';
import { countEntries, type ChangeReason, type FilesPlan, type JobEntry, type PermissionsEntry, type Plan, type PlanEntry } from './model.js';

/** What readRemote learned about one deployed (or adopted) job. */
export interface DeployedJob {
  key: string;
  jobId: string;
  /** jobs/get settings; undefined when the job no longer exists. */
  settings?: Json;
  /** The workspace's direct grants, when they were read. */
  acl?: AccessControlRequest[];
  /** The settings the state recorded at the last deploy. */
  stateSettings?: Json;
  /** The ACL the state recorded as set by the last deploy. */
  stateAcl?: AccessControlRequest[];
  /** Found by its tag rather than through the state. */
  adopted: boolean;
}

export interface PlanInput {
  desired: readonly DesiredJob[];
  deployed: ReadonlyMap<string, DeployedJob>;
  files: FilesPlan;
  /** The deploying user: owner of a job whose permissions are no longer configured. */
  userName: string;
  /** Deployed jobs that may be deleted when the bundle no longer has them (`--select` narrows it). */
  deletable?: (key: string) => boolean;
}

export function planDeployment(input: PlanInput): Plan {
  const entries: PlanEntry[] = [];
  const record: Plan['record'] = [];
  const forget: string[] = [];
  const ids = new Map<string, string>();
  for (const d of input.deployed.values()) if (d.settings) ids.set(d.key, d.jobId);
  const wanted = new Set(input.desired.map((d) => d.key));

  for (const job of input.desired) {
    const deployed = input.deployed.get(job.key);
    const live = deployed?.settings ? deployed : undefined;
    const entry = live ? compareJob(job, live, ids) : createEntry(job, deployed);
    entries.push(entry);
    if (live?.adopted && entry.action === 'unchanged') record.push({ key: job.key, jobId: live.jobId });
    const perms = permissionsEntry(job, live, input.userName);
    if (perms) entries.push(perms);
  }
  for (const d of input.deployed.values()) {
    if (wanted.has(d.key) || (input.deletable && !input.deletable(d.key))) continue;
    if (!d.settings) {
      forget.push(d.key);
      continue;
    }
    entries.push({
      kind: 'job', address: `jobs.${d.key}`, key: d.key, action: 'delete', reasons: d.adopted ? ['removed', 'adopted'] : ['removed'],
      jobId: d.jobId, name: typeof d.settings.name === 'string' ? d.settings.name : undefined, changes: [],
    });
  }
  entries.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return { entries, files: input.files, record, forget, counts: countEntries(entries) };
}

function createEntry(job: DesiredJob, deployed: DeployedJob | undefined): JobEntry {
  const reasons: ChangeReason[] = deployed ? ['missing'] : ['new'];
  const after = comparable(substituteIds(job.settings, new Map(), UNKNOWN_ID));
  return { kind: 'job', address: job.address, key: job.key, action: 'create', reasons, name: nameOf(job.settings), changes: [], after };
}

function compareJob(job: DesiredJob, live: DeployedJob, ids: ReadonlyMap<string, string>): JobEntry {
  const after = comparable(substituteIds(job.settings, ids, UNKNOWN_ID));
  const remote = comparable(live.settings!);
  const before = projectRemote(remote, after);
  const changes = diffSettings(after, remote);
  const base = { kind: 'job' as const, address: job.address, key: job.key, jobId: live.jobId, name: nameOf(job.settings) };
  if (changes.length === 0) return { ...base, action: 'unchanged', reasons: live.adopted ? ['adopted'] : [], changes };
  const reasons: ChangeReason[] = [];
  const last = live.stateSettings ? comparable(live.stateSettings) : undefined;
  if (!last || diffSettings(after, last).length > 0) reasons.push('config');
  if (last && diffSettings(last, remote).length > 0) reasons.push('workspace');
  if (live.adopted) reasons.push('adopted');
  return { ...base, action: 'update', reasons, changes, before, after };
}

function permissionsEntry(job: DesiredJob, live: DeployedJob | undefined, userName: string): PermissionsEntry | undefined {
  const address = `${job.address}.permissions`;
  const base = { kind: 'permissions' as const, address, key: job.key, ...(live ? { jobId: live.jobId } : {}) };
  if (!job.acl) {
    // Permissions we set before and no longer configure: leave the deployer as the only owner.
    if (!live?.stateAcl) return undefined;
    const after: AccessControlRequest[] = [{ user_name: userName, permission_level: 'IS_OWNER' }];
    if (live.acl && sameAcl(live.acl, after)) return undefined;
    return { ...base, action: 'delete', reasons: ['removed'], ...(live.acl ? { before: live.acl } : {}), after };
  }
  if (!live) return { ...base, action: 'create', reasons: ['new'], after: job.acl };
  if (live.acl && sameAcl(live.acl, job.acl)) return { ...base, action: 'unchanged', reasons: [], before: live.acl, after: job.acl };
  const reasons: ChangeReason[] = live.stateAcl && sameAcl(live.stateAcl, job.acl) ? ['workspace'] : ['config'];
  return { ...base, action: live.stateAcl || live.acl ? 'update' : 'create', reasons, ...(live.acl ? { before: live.acl } : {}), after: job.acl };
}

/** Same grants, whatever the order. */
export function sameAcl(a: readonly AccessControlRequest[], b: readonly AccessControlRequest[]): boolean {
  const key = (e: AccessControlRequest) => `${e.user_name ?? ''}|${e.group_name ?? ''}|${e.service_principal_name ?? ''}|${e.permission_level}`;
  return deepEqual(a.map(key).sort(), b.map(key).sort());
}

function nameOf(settings: Json): string | undefined {
  return typeof settings.name === 'string' ? settings.name : undefined;
}
