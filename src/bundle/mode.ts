/**
 * `mode: development | production` (pure), as the reference CLI applies and checks it.
 * Development fills presets where the user left a gap (name prefix, dev tag, paused triggers,
 * 4 concurrent runs, development pipelines) and requires user-scoped paths and prefixes;
 * production checks that pipelines are not in development mode and that the target pins its
 * root path. Presets themselves are applied by presets.ts, after this.
 */
import { diag, type Diagnostic } from '../diag/diagnostic.js';
import { locOf, spanAt, valueSpan } from '../source/locations.js';
import { defineKey } from '../source/parse-yaml.js';
import { USER_REF, type UserNames } from './current-user.js';
import { isDict, type Dict } from './merge.js';

export interface ModeContext {
  /** Known when deploying; undefined offline. */
  user?: UserNames;
  /** Whether `targets.<t>.workspace.root_path` was set (production check). */
  targetSetsRootPath: boolean;
  deployerIsServicePrincipal?: boolean;
}

const WORKSPACE_PATHS = ['root_path', 'file_path', 'artifact_path', 'state_path', 'resource_path'] as const;

export function applyMode(config: Dict, ctx: ModeContext): Diagnostic[] {
  const bundle = isDict(config.bundle) ? config.bundle : {};
  const mode = bundle.mode;
  if (mode === undefined || mode === null || mode === '') return [];
  if (mode === 'development') return applyDevelopment(config, ctx);
  if (mode === 'production') return checkProduction(config, ctx);
  return [
    diag('error', 'mode/invalid', `unsupported value '${String(mode)}' specified for 'mode': must be either 'development' or 'production'`, {
      path: ['bundle', 'mode'],
      span: spanAt(config, ['bundle', 'mode']),
    }),
  ];
}

function applyDevelopment(config: Dict, ctx: ModeContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const short = ctx.user?.short_name ?? USER_REF.short_name;
  // Development deploys skip the deploy lock unless it is explicitly enabled.
  const bundle = config.bundle as Dict;
  const deployment = isDict(bundle.deployment) ? bundle.deployment : (bundle.deployment = {});
  const lock = isDict(deployment.lock) ? deployment.lock : (deployment.lock = {});
  if (lock.enabled === undefined) lock.enabled = false;
  if (!isDict(config.presets)) defineKey(config, 'presets', {});
  const presets = config.presets as Dict;
  const prefix = presets.name_prefix;
  if (prefix === null && 'name_prefix' in presets) {
    // The schema check runs after this step fills the gap, so the null is reported here.
    out.push(diag('warning', 'schema/type', 'expected a string value, found null', {
      path: ['presets', 'name_prefix'],
      span: spanAt(config, ['presets', 'name_prefix']),
      detail: 'An empty key means null; the development prefix is used instead. Remove the key or give it a value.',
    }));
  }
  if (prefix === undefined || prefix === null || prefix === '') presets.name_prefix = `[dev ${short}] `;
  else if (typeof prefix === 'string' && !mentionsUser(prefix, ctx.user)) {
    out.push(diag('error', 'mode/prefix-not-user-scoped', "prefix should contain the current username or ${workspace.current_user.short_name} to ensure uniqueness when using 'mode: development'", {
      path: ['presets', 'name_prefix'],
      span: spanAt(config, ['presets', 'name_prefix']),
    }));
  }
  if (!isDict(presets.tags)) presets.tags = {};
  const tags = presets.tags as Dict;
  if (tags.dev === undefined) tags.dev = ctx.user ? tagValue(ctx.user.short_name) : short;
  if (presets.jobs_max_concurrent_runs === undefined || presets.jobs_max_concurrent_runs === 0) presets.jobs_max_concurrent_runs = 4;
  if (presets.trigger_pause_status === 'UNPAUSED') {
    out.push(diag('error', 'mode/dev-unpaused', 'UNPAUSED trigger_pause_status is not allowed in development mode', {
      path: ['presets', 'trigger_pause_status'],
      span: spanAt(config, ['presets', 'trigger_pause_status']),
      detail: 'Development deployments pause schedules and triggers so they do not run unattended. Remove the preset, or use mode: production.',
    }));
  } else if (presets.trigger_pause_status === undefined) presets.trigger_pause_status = 'PAUSED';
  if (presets.pipelines_development === undefined) presets.pipelines_development = true;
  const ws = isDict(config.workspace) ? config.workspace : {};
  for (const field of WORKSPACE_PATHS) {
    const p = ws[field];
    if (typeof p !== 'string' || mentionsUser(p, ctx.user)) continue;
    if (field === 'artifact_path' && p.startsWith('/Volumes/') && mentionsUser(p, ctx.user)) continue;
    out.push(diag('error', 'mode/path-not-user-scoped', `${field} must start with '~/' or contain the current username to ensure uniqueness when using 'mode: development'`, {
      path: ['workspace', field],
      span: spanAt(config, ['workspace', field]),
    }));
  }
  return out;
}

function checkProduction(config: Dict, ctx: ModeContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const pipelines = isDict(config.resources) && isDict(config.resources.pipelines) ? config.resources.pipelines : {};
  for (const [key, p] of Object.entries(pipelines)) {
    if (isDict(p) && p.development === true) {
      out.push(diag('error', 'mode/prod-dev-pipeline', `target with 'mode: production' cannot include a pipeline with 'development: true'`, {
        path: ['resources', 'pipelines', key, 'development'],
        span: spanAt(config, ['resources', 'pipelines', key, 'development']),
      }));
    }
  }
  if (!ctx.targetSetsRootPath) {
    const jobs = isDict(config.resources) && isDict(config.resources.jobs) ? Object.values(config.resources.jobs) : [];
    const allRunAs = jobs.length > 0 && jobs.every((j) => isDict(j) && isDict(j.run_as));
    // An error for a human deployer; a recommendation when every job runs as someone else or a
    // service principal deploys. Offline the deployer is unknown, so it is a warning.
    const severity = allRunAs || ctx.deployerIsServicePrincipal ? 'info' : ctx.user ? 'error' : 'warning';
    const loc = locOf(config, 'bundle');
    out.push(diag(severity, 'mode/prod-root-path', "target with 'mode: production' should specify an explicit 'workspace.root_path' to make sure only one copy is deployed", {
      path: ['workspace', 'root_path'],
      span: loc && valueSpan(loc),
      detail: 'A common practice is to use a service principal and set root_path: /Workspace/Users/<sp-id>/.bundle/${bundle.name}/${bundle.target}',
    }));
  }
  return out;
}

/** True when a prefix or path is scoped to the deploying user. */
function mentionsUser(s: string, user?: UserNames): boolean {
  if (s.includes('${workspace.current_user.')) return true;
  if (!user) return false;
  return s.includes(user.userName) || s.includes(user.short_name) || s.includes(user.domain_friendly_name);
}

/** Tag values follow cloud tag rules: keep letters, digits and a few separators. */
function tagValue(s: string): string {
  return s.replace(/[^\p{L}\p{N}_.+\-=:/@ ]/gu, '_').slice(0, 256);
}
