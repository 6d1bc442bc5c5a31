/**
 * Presets (pure), in any mode: `name_prefix`, `tags`, `jobs_max_concurrent_runs`,
 * `trigger_pause_status`, `pipelines_development`, `source_linked_deployment`. A preset never
 * overrides what a resource sets explicitly (its own tag of the same key, an explicit
 * pause_status or max_concurrent_runs).
 */
import { diag, type Diagnostic } from '../diag/diagnostic.js';
import { spanAt } from '../source/locations.js';
import { isDict, type Dict } from './merge.js';

const PAUSE = ['PAUSED', 'UNPAUSED'];

export function applyPresets(config: Dict): Diagnostic[] {
  const out: Diagnostic[] = [];
  const presets = isDict(config.presets) ? config.presets : undefined;
  if (!presets) return out;
  const pause = presets.trigger_pause_status;
  if (pause !== undefined && pause !== null && !PAUSE.includes(pause as string)) {
    out.push(diag('error', 'preset/invalid', `invalid value for trigger_pause_status, should be PAUSED or UNPAUSED`, {
      path: ['presets', 'trigger_pause_status'],
      span: spanAt(config, ['presets', 'trigger_pause_status']),
    }));
  }
  if (presets.source_linked_deployment === true) {
    out.push(diag('warning', 'preset/source-linked', 'source-linked deployment is available only in the Databricks Workspace', {
      path: ['presets', 'source_linked_deployment'],
      span: spanAt(config, ['presets', 'source_linked_deployment']),
      detail: 'This tool runs outside a workspace, so files are synced as usual.',
    }));
  }
  const resources = isDict(config.resources) ? config.resources : {};
  const prefix = typeof presets.name_prefix === 'string' ? presets.name_prefix : '';
  const tags = isDict(presets.tags) ? presets.tags : {};
  for (const job of values(resources.jobs)) {
    if (prefix) job.name = prefix + (typeof job.name === 'string' ? job.name : '');
    if (Object.keys(tags).length > 0) {
      const own = isDict(job.tags) ? job.tags : (job.tags = {});
      for (const [k, v] of Object.entries(tags)) if (own[k] === undefined) own[k] = v;
    }
    const maxRuns = presets.jobs_max_concurrent_runs;
    if (typeof maxRuns === 'number' && (job.max_concurrent_runs === undefined || job.max_concurrent_runs === 0)) job.max_concurrent_runs = maxRuns;
    if (PAUSE.includes(pause as string)) {
      for (const key of ['schedule', 'trigger', 'continuous']) {
        const t = job[key];
        if (isDict(t) && t.pause_status === undefined) t.pause_status = pause;
      }
    }
  }
  for (const p of values(resources.pipelines)) {
    if (prefix && typeof p.name === 'string') p.name = prefix + p.name;
    if (presets.pipelines_development === true && p.development === undefined) p.development = true;
    if (pause === 'PAUSED' && p.continuous === true) p.continuous = false;
  }
  for (const kind of ['clusters', 'models', 'experiments', 'dashboards', 'sql_warehouses']) {
    for (const r of values(resources[kind])) {
      const field = kind === 'clusters' ? 'cluster_name' : kind === 'dashboards' ? 'display_name' : 'name';
      if (prefix && typeof r[field] === 'string') r[field] = prefixName(kind, r[field] as string, prefix);
      if (kind === 'models' || kind === 'experiments') addListTags(r, tags);
      if (kind === 'clusters' && Object.keys(tags).length > 0) {
        const own = isDict(r.custom_tags) ? r.custom_tags : (r.custom_tags = {});
        for (const [k, v] of Object.entries(tags)) if (own[k] === undefined) own[k] = v;
      }
    }
  }
  // Unity Catalog names cannot hold "[dev x] ": they get a normalised prefix (dev_x_).
  const ucPrefix = normaliseUcPrefix(prefix);
  for (const kind of ['schemas', 'registered_models', 'model_serving_endpoints']) {
    for (const r of values(resources[kind])) if (ucPrefix && typeof r.name === 'string') r.name = ucPrefix + r.name;
  }
  return out;
}

/** Experiment names are workspace paths: the prefix goes on the last segment. */
function prefixName(kind: string, name: string, prefix: string): string {
  if (kind !== 'experiments' || !name.includes('/')) return prefix + name;
  const i = name.lastIndexOf('/');
  return name.slice(0, i + 1) + prefix + name.slice(i + 1);
}

/** Models and experiments carry tags as a list of {key, value}. */
function addListTags(r: Dict, tags: Dict): void {
  if (Object.keys(tags).length === 0) return;
  const list = Array.isArray(r.tags) ? r.tags : (r.tags = []);
  for (const [key, value] of Object.entries(tags)) {
    if (!list.some((t) => isDict(t) && t.key === key)) list.push({ key, value });
  }
}

/** `[dev jane_doe] ` → `dev_jane_doe_`: lower case, non-word runs become `_`. */
function normaliseUcPrefix(prefix: string): string {
  if (!prefix) return '';
  const p = prefix.toLowerCase().replace(/[^\p{L}\p{N}_${}.]+/gu, '_').replace(/^_+/, '');
  return p.endsWith('_') ? p : `${p}_`;
}

function values(group: unknown): Dict[] {
  return isDict(group) ? Object.values(group).filter(isDict) : [];
}
