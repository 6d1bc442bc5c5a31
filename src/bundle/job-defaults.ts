/**
 * Defaults and fields the reference CLI adds to every job before deploy (pure), so that what
 * `validate -o json` shows and what deploy sends are the same: `name: Untitled`,
 * `max_concurrent_runs: 1`, trigger `pause_status: UNPAUSED`, `queue.enabled`, dbt's default
 * schema, the deployment block pointing at the bundle's metadata, `edit_mode: UI_LOCKED`,
 * `format: MULTI_TASK`, the bundle's top-level `run_as` and `permissions`.
 */
import { defineKey } from '../source/parse-yaml.js';
import { USER_REF, type UserNames } from './current-user.js';
import { cloneWithLocs, isDict, type Dict } from './merge.js';

const LEVEL_RANK: Record<string, number> = { CAN_VIEW: 0, CAN_MANAGE_RUN: 1, CAN_MANAGE: 2, IS_OWNER: 3 };
const PRINCIPALS = ['user_name', 'group_name', 'service_principal_name'] as const;

export function applyJobDefaults(config: Dict, user?: UserNames): void {
  const jobs = isDict(config.resources) && isDict(config.resources.jobs) ? config.resources.jobs : {};
  const ws = isDict(config.workspace) ? config.workspace : {};
  const statePath = typeof ws.state_path === 'string' ? ws.state_path : undefined;
  for (const job of Object.values(jobs)) {
    if (!isDict(job)) continue;
    if (job.name === undefined || job.name === '') job.name = 'Untitled';
    if (job.max_concurrent_runs === undefined || job.max_concurrent_runs === 0) job.max_concurrent_runs = 1;
    for (const key of ['schedule', 'trigger', 'continuous']) {
      const t = job[key];
      if (isDict(t) && t.pause_status === undefined) t.pause_status = 'UNPAUSED';
    }
    if (!isDict(job.queue)) job.queue = { enabled: true };
    for (const task of allTasks(job)) {
      if (isDict(task.dbt_task) && task.dbt_task.schema === undefined && task.dbt_task.warehouse_id !== undefined) task.dbt_task.schema = 'default';
    }
    const deployment = isDict(job.deployment) ? job.deployment : {};
    deployment.kind = 'BUNDLE';
    if (statePath !== undefined) deployment.metadata_file_path = `${statePath}/metadata.json`;
    job.deployment = deployment;
    job.edit_mode = 'UI_LOCKED';
    job.format = 'MULTI_TASK';
    if (!isDict(job.run_as) && isDict(config.run_as)) defineKey(job, 'run_as', cloneWithLocs(config.run_as));
    const perms = [...(Array.isArray(config.permissions) ? config.permissions.map((p) => cloneWithLocs(p)) : []), ...(Array.isArray(job.permissions) ? job.permissions : [])];
    if (perms.length > 0) job.permissions = withOwner(perms.filter(isDict), user);
  }
}

/** Tasks of a job including for-each nested tasks. */
export function allTasks(job: Dict): Dict[] {
  const out: Dict[] = [];
  for (const t of Array.isArray(job.tasks) ? job.tasks : []) {
    if (!isDict(t)) continue;
    out.push(t);
    if (isDict(t.for_each_task) && isDict(t.for_each_task.task)) out.push(t.for_each_task.task);
  }
  return out;
}

/**
 * Each principal keeps only its highest level, and the deploying user becomes IS_OWNER (or
 * CAN_MANAGE when the configuration names another owner), as the reference does.
 */
function withOwner(perms: Dict[], user?: UserNames): Dict[] {
  const me = user?.userName ?? USER_REF.userName;
  const best = new Map<string, Dict>();
  for (const p of perms) {
    const principal = PRINCIPALS.find((k) => typeof p[k] === 'string');
    if (!principal) continue;
    const id = `${principal}:${String(p[principal])}`;
    const prev = best.get(id);
    if (!prev || (LEVEL_RANK[String(p.level)] ?? -1) > (LEVEL_RANK[String(prev.level)] ?? -1)) best.set(id, p);
  }
  const otherOwner = [...best.values()].some((p) => p.level === 'IS_OWNER' && p.user_name !== me);
  const mine = best.get(`user_name:${me}`);
  const level = otherOwner ? 'CAN_MANAGE' : 'IS_OWNER';
  if (!mine || (LEVEL_RANK[String(mine.level)] ?? -1) < LEVEL_RANK[level]!) best.set(`user_name:${me}`, { level, user_name: me });
  return [...best.values()];
}
