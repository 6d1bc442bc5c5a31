/**
 * Defaults and fields the reference CLI adds to every job before deploy (pure), so that what
 * `validate -o json` shows and what deploy sends are the same: `name: Untitled`,
 * `max_concurrent_runs: 1`, trigger `pause_status: UNPAUSED`, `queue.enabled`, dbt's default
 * schema, the deployment block pointing at the bundle's metadata, `edit_mode: UI_LOCKED`,
 * `format: MULTI_TASK`, the bundle's top-level `run_as`; then permissions (permissions.ts) and
 * the defaults of other resource kinds.
 */
import { defineKey } from '../source/parse-yaml.js';
import type { UserNames } from './current-user.js';
import { cloneWithLocs, isDict, type Dict } from './merge.js';
import { applyPermissions } from './permissions.js';

export function applyJobDefaults(config: Dict, user?: UserNames): void {
  const jobs = isDict(config.resources) && isDict(config.resources.jobs) ? config.resources.jobs : {};
  const ws = isDict(config.workspace) ? config.workspace : {};
  const statePath = typeof ws.state_path === 'string' ? ws.state_path : undefined;
  for (const job of Object.values(jobs)) {
    if (!isDict(job)) continue;
    if (job.name === undefined || job.name === null) job.name = 'Untitled'; // an explicit '' stays (and is dropped at deploy)
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
  }
  applyPermissions(config, user);
  applyOtherDefaults(config, statePath);
}

/** Defaults the reference fills on resources this tool does not deploy, so outputs agree. */
function applyOtherDefaults(config: Dict, statePath: string | undefined): void {
  const resources = isDict(config.resources) ? config.resources : {};
  for (const p of Object.values(isDict(resources.pipelines) ? resources.pipelines : {})) {
    if (!isDict(p)) continue;
    if (!isDict(p.deployment) && statePath !== undefined) p.deployment = { kind: 'BUNDLE', metadata_file_path: `${statePath}/metadata.json` };
    if (p.channel === undefined) p.channel = 'CURRENT';
    if (p.edition === undefined) p.edition = 'ADVANCED';
  }
  for (const v of Object.values(isDict(resources.volumes) ? resources.volumes : {})) {
    if (!isDict(v)) continue;
    if (v.volume_type === undefined) v.volume_type = 'MANAGED';
    if (v.volume_path === undefined && [v.catalog_name, v.schema_name, v.name].every((x) => typeof x === 'string')) {
      v.volume_path = `/Volumes/${String(v.catalog_name)}/${String(v.schema_name)}/${String(v.name)}`;
    }
  }
  if (!isDict(config.sync)) config.sync = {};
  const sync = config.sync as Dict;
  if (!Array.isArray(sync.paths)) sync.paths = ['.'];
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
