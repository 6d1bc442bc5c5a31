/**
 * Applies the job entries of a plan (I/O): jobs/create in dependency order (a job whose
 * settings reference another job's id waits for that job), jobs/reset with the full settings
 * for updates (never jobs/update, as the reference), the permissions PUT after its job, and
 * jobs/delete for jobs no longer in the bundle, dependents first. At most `concurrency` calls
 * run at once.
 *
 * Every applied change goes into the state before anything else happens (StateWriter), so an
 * interrupted deploy is picked up where it stopped. The first failure stops new calls; the
 * result says what was applied and which call failed for which job.
 */
import type { AccessControlRequest } from '../api/jobs.js';
import { parseInt64, type Int64 } from '../api/json.js';
import type { DeployedJob } from '../plan/plan.js';
import type { Plan, PlanEntry } from '../plan/model.js';
import type { WorkspaceClient } from '../remote/client.js';
import { isNotFound } from '../remote/errors.js';
import type { DesiredJob } from './desired.js';
import type { Report } from './events.js';
import { substituteIds } from './refs.js';
import { runGraph, type GraphTask } from './run-graph.js';
import { jobStateKey } from './state-format.js';
import type { StateWriter } from './state-store.js';

export interface ApplyInput {
  client: WorkspaceClient;
  plan: Plan;
  desired: ReadonlyMap<string, DesiredJob>;
  deployed: ReadonlyMap<string, DeployedJob>;
  writer: StateWriter;
  concurrency: number;
  report: Report;
}

export interface AppliedChange {
  address: string;
  action: 'create' | 'update' | 'delete';
  jobId: string;
}

export interface ApplyFailure {
  address: string;
  /** The API call that failed, e.g. `jobs/create`. */
  call: string;
  error: unknown;
}

export interface ApplyResult {
  applied: AppliedChange[];
  failure?: ApplyFailure;
  /** Entries not attempted because of the failure. */
  skipped: string[];
  /** Job ids by key after the apply (existing and created). */
  ids: Map<string, string>;
}

class StepError extends Error {
  constructor(readonly address: string, readonly call: string, override readonly cause: unknown) {
    super(`${address}: ${call} failed`);
  }
}

export async function applyPlan(input: ApplyInput): Promise<ApplyResult> {
  const { plan, writer } = input;
  const ids = new Map<string, string>();
  for (const d of input.deployed.values()) if (d.settings) ids.set(d.key, d.jobId);
  const applied: AppliedChange[] = [];

  await recordAndForget(input, ids);
  const jobs = new Map(plan.entries.filter((e) => e.kind === 'job').map((e) => [e.key, e]));
  const perms = new Map(plan.entries.filter((e) => e.kind === 'permissions').map((e) => [e.key, e]));
  const creating = new Set([...jobs.values()].filter((e) => e.action === 'create').map((e) => e.key));

  const upserts: GraphTask[] = [];
  for (const key of new Set([...jobs.keys(), ...perms.keys()])) {
    const job = jobs.get(key);
    const perm = perms.get(key);
    const jobChanges = job && (job.action === 'create' || job.action === 'update');
    const permChanges = perm && perm.action !== 'unchanged';
    if (!jobChanges && !permChanges) continue;
    const desired = input.desired.get(key)!;
    upserts.push({
      id: key,
      deps: jobChanges ? desired.needs.filter((n) => creating.has(n) && n !== key) : [],
      run: async () => {
        if (jobChanges) applied.push(await upsertJob(input, job, desired, ids));
        if (permChanges) await putPermissions(input, perm, ids.get(key)!);
      },
    });
  }
  const first = await runGraph(upserts, input.concurrency);
  let failure = toFailure(first.failed);
  let skipped = first.skipped.map((k) => `jobs.${k}`);

  const deletes = [...jobs.values()].filter((e) => e.action === 'delete');
  if (!failure && deletes.length > 0) {
    const deleting = new Set(deletes.map((e) => e.key));
    const second = await runGraph(deletes.map((e) => ({
      id: e.key,
      // Delete a job before the jobs it references (its state entry lists them).
      deps: [...deleting].filter((other) => other !== e.key && dependsOn(writer, other, e.key)),
      run: async () => void applied.push(await deleteJob(input, e)),
    })), input.concurrency);
    failure = toFailure(second.failed);
    skipped = second.skipped.map((k) => `jobs.${k}`);
  }
  return { applied, ...(failure ? { failure } : {}), skipped, ids };
}

async function upsertJob(input: ApplyInput, entry: PlanEntry, desired: DesiredJob, ids: Map<string, string>): Promise<AppliedChange> {
  const settings = substituteIds(desired.settings, ids);
  const dependsOn = desired.needs.map((n) => ({ node: jobStateKey(n), label: `\${resources.jobs.${n}.id}` }));
  if (entry.action === 'create') {
    const { job_id } = await step(entry.address, 'jobs/create', () => input.client.jobs.create(settings));
    const jobId = String(job_id);
    ids.set(desired.key, jobId);
    await input.writer.update((s) => {
      s.state[jobStateKey(desired.key)] = { __id__: jobId, state: settings, ...(dependsOn.length ? { depends_on: dependsOn } : {}) };
    });
    input.report({ type: 'resource.done', address: entry.address, action: 'create', jobId });
    return { address: entry.address, action: 'create', jobId };
  }
  const jobId = entry.jobId!;
  await step(entry.address, 'jobs/reset', () => input.client.jobs.reset({ job_id: toInt64(jobId), new_settings: settings }));
  await input.writer.update((s) => {
    s.state[jobStateKey(desired.key)] = { __id__: jobId, state: settings, ...(dependsOn.length ? { depends_on: dependsOn } : {}) };
  });
  input.report({ type: 'resource.done', address: entry.address, action: 'update', jobId });
  return { address: entry.address, action: 'update', jobId };
}

async function putPermissions(input: ApplyInput, entry: PlanEntry, jobId: string): Promise<void> {
  const acl = (entry.kind === 'permissions' ? entry.after : undefined) ?? [];
  await step(entry.address, 'permissions/jobs/set', () => input.client.permissions.set(toInt64(jobId), acl));
  const key = `${jobStateKey(entry.key)}.permissions`;
  await input.writer.update((s) => {
    if (entry.action === 'delete') delete s.state[key];
    else s.state[key] = { __id__: `/jobs/${jobId}`, state: { object_id: `/jobs/${jobId}`, access_control_list: acl as AccessControlRequest[] } };
  });
  input.report({ type: 'resource.done', address: entry.address, action: entry.action === 'create' ? 'create' : entry.action === 'delete' ? 'delete' : 'update', jobId });
}

async function deleteJob(input: ApplyInput, entry: PlanEntry): Promise<AppliedChange> {
  const jobId = entry.jobId!;
  await step(entry.address, 'jobs/delete', async () => {
    try {
      await input.client.jobs.delete(toInt64(jobId));
    } catch (err) {
      // Already gone (deleted in the UI, or by an earlier interrupted run): the goal is met.
      if (!isNotFound(err)) throw err;
    }
  });
  await input.writer.update((s) => {
    delete s.state[jobStateKey(entry.key)];
    delete s.state[`${jobStateKey(entry.key)}.permissions`];
  });
  input.report({ type: 'resource.done', address: entry.address, action: 'delete', jobId });
  return { address: entry.address, action: 'delete', jobId };
}

/** Adopted jobs that need no change are written into the state; vanished ones dropped from it. */
async function recordAndForget(input: ApplyInput, ids: Map<string, string>): Promise<void> {
  const { plan } = input;
  if (plan.record.length === 0 && plan.forget.length === 0) return;
  await input.writer.update((s) => {
    for (const r of plan.record) {
      const d = input.desired.get(r.key);
      s.state[jobStateKey(r.key)] = { __id__: r.jobId, state: d ? substituteIds(d.settings, ids) : {} };
    }
    for (const key of plan.forget) {
      delete s.state[jobStateKey(key)];
      delete s.state[`${jobStateKey(key)}.permissions`];
    }
  });
  for (const r of plan.record) input.report({ type: 'resource.done', address: `jobs.${r.key}`, action: 'record', jobId: r.jobId });
  for (const key of plan.forget) input.report({ type: 'resource.done', address: `jobs.${key}`, action: 'forget' });
}

function dependsOn(writer: StateWriter, from: string, to: string): boolean {
  return (writer.current().state[jobStateKey(from)]?.depends_on ?? []).some((d) => d.node === jobStateKey(to));
}

async function step<T>(address: string, call: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new StepError(address, call, err);
  }
}

function toFailure(f: { id: string; error: unknown } | undefined): ApplyFailure | undefined {
  if (!f) return undefined;
  const e = f.error;
  if (e instanceof StepError) return { address: e.address, call: e.call, error: e.cause };
  return { address: `jobs.${f.id}`, call: 'state write', error: e };
}

function toInt64(id: string): Int64 {
  return parseInt64(id) ?? Number(id);
}
