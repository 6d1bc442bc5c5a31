/**
 * Desired state (pure): each job of the resolved bundle as the Jobs API takes it. Reads the
 * configuration that openBundleSession resolved (defaults, deployment block, run_as, paths and
 * permissions are already in it) and produces, per job key:
 *
 * - `settings`: the job without the bundle-only fields (`permissions`, `lifecycle`, the
 *   read-only `id`/`url`/`modified_status`), empty strings and nulls dropped where the API
 *   treats them as unset (the reference's direct engine sends Go structs with `omitempty`), and
 *   the `jobs_as_code: <bundle>/<target>/<key>` tag that lets a deploy that lost its state find
 *   the job again;
 * - `acl`: the access control list to PUT, when the bundle configures permissions;
 * - `needs`: the jobs whose ids the settings reference (`${resources.jobs.<key>.id}` stays in
 *   place until apply knows the id; refs.ts substitutes it).
 *
 * Other `${resources.jobs.<key>.<field>}` references read the configuration now (the reference
 * resolves these input-field references at plan time); references to resources this tool does
 * not deploy are errors, since their values would only exist after a deploy we do not do.
 */
import type { AccessControlRequest } from '../api/jobs.js';
import { isDict, type Dict } from '../bundle/merge.js';
import { diag, formatPath, type ConfigPath, type Diagnostic, type Staged } from '../diag/diagnostic.js';
import { schemaDefs } from '../schema/compile.js';
import type { JsonSchema } from '../schema/dsl.js';
import { getAt, locOf, spanAt } from '../source/locations.js';
import { findBundleRefs, isPureRef, type BundleRef } from '../templates/bundle-refs.js';
import { DEPLOY_TAG, deployTagValue } from './state-format.js';

export type Settings = Record<string, unknown>;

export interface DesiredJob {
  key: string;
  /** `jobs.<key>`, as plans and messages name it. */
  address: string;
  /** Jobs API settings; `${resources.jobs.<key>.id}` references are still in place. */
  settings: Settings;
  /** The ACL to PUT after create/reset; absent when no permissions are configured. */
  acl?: AccessControlRequest[];
  /** Keys of jobs whose ids `settings` reference (they are created first). */
  needs: string[];
  /** The bundle file that defines the job, relative to the bundle root (metadata.json). */
  relativePath?: string;
}

export interface DesiredOptions {
  bundleName: string;
  target: string;
  /** Bundle root, to make `relativePath` relative. */
  rootDir: string;
}

/** Fields of a bundle job that the Jobs API does not take. */
const BUNDLE_ONLY = ['permissions', 'lifecycle', 'id', 'url', 'modified_status'];
/** The Jobs API refuses a 26th tag. */
const MAX_TAGS = 25;
const PRINCIPALS = ['user_name', 'group_name', 'service_principal_name'] as const;

export function buildDesiredJobs(config: Dict, opts: DesiredOptions): Staged<DesiredJob[]> {
  const diagnostics: Diagnostic[] = [];
  const jobs = isDict(config.resources) && isDict(config.resources.jobs) ? config.resources.jobs : {};
  const out: DesiredJob[] = [];
  for (const [key, job] of Object.entries(jobs)) {
    if (!isDict(job)) continue;
    const base: ConfigPath = ['resources', 'jobs', key];
    const needs = new Set<string>();
    const resolved = resolveInputRefs(config, plainClone(job), base, needs, diagnostics) as Settings;
    const settings: Settings = {};
    for (const [k, v] of Object.entries(resolved)) if (!BUNDLE_ONLY.includes(k)) settings[k] = v;
    omitUnset(settings, schemaDefs().JobSettings);
    defaultNumWorkers(settings);
    addTag(settings, deployTagValue(opts.bundleName, opts.target, key), base, config, diagnostics);
    const acl = toAcl(resolved.permissions);
    const file = locOf(jobs, key)?.file.path;
    out.push({
      key, address: `jobs.${key}`, settings, needs: [...needs].sort(),
      ...(acl ? { acl } : {}),
      ...(file ? { relativePath: relativeTo(opts.rootDir, file) } : {}),
    });
  }
  return { value: out, diagnostics };
}

function addTag(settings: Settings, value: string, base: ConfigPath, config: Dict, out: Diagnostic[]): void {
  const tags = isDict(settings.tags) ? (settings.tags as Record<string, unknown>) : {};
  if (!(DEPLOY_TAG in tags) && Object.keys(tags).length >= MAX_TAGS) {
    out.push(diag('warning', 'deploy/tag-limit', `${formatPath(base)} has ${MAX_TAGS} tags already; the ${DEPLOY_TAG} tag is not added`, {
      path: [...base, 'tags'], span: spanAt(config, [...base, 'tags']),
      detail: 'Without the tag a deploy whose state is lost cannot find this job again and would create a duplicate.',
    }));
    return;
  }
  settings.tags = { ...tags, [DEPLOY_TAG]: value };
}

/**
 * A cluster without `autoscale` is sent with `num_workers`, 0 when unset: the reference's
 * direct engine does so (corpus `resources-jobs-num_workers`), and a workspace reads a missing
 * value as 0 anyway.
 */
function defaultNumWorkers(settings: Settings): void {
  const clusters: unknown[] = [];
  for (const c of Array.isArray(settings.job_clusters) ? settings.job_clusters : []) clusters.push(isDict(c) ? c.new_cluster : undefined);
  for (const t of Array.isArray(settings.tasks) ? settings.tasks : []) {
    if (!isDict(t)) continue;
    clusters.push(t.new_cluster);
    if (isDict(t.for_each_task) && isDict(t.for_each_task.task)) clusters.push(t.for_each_task.task.new_cluster);
  }
  for (const c of clusters) if (isDict(c) && c.autoscale === undefined && c.num_workers === undefined) c.num_workers = 0;
}

/** Bundle permissions (`level` + principal) as a Jobs ACL (`permission_level` + principal). */
function toAcl(perms: unknown): AccessControlRequest[] | undefined {
  if (!Array.isArray(perms) || perms.length === 0) return undefined;
  const acl: AccessControlRequest[] = [];
  for (const p of perms) {
    if (!isDict(p)) continue;
    const principal = PRINCIPALS.find((k) => typeof p[k] === 'string');
    if (!principal) continue;
    acl.push({ [principal]: p[principal], permission_level: p.level } as AccessControlRequest);
  }
  return acl;
}

/**
 * Replaces `${resources.jobs.<k>.<field>}` (field ≠ id) with the configured value; records
 * `${resources.jobs.<k>.id}` in `needs`; reports references to other resource kinds.
 */
function resolveInputRefs(config: Dict, value: unknown, path: ConfigPath, needs: Set<string>, out: Diagnostic[]): unknown {
  if (typeof value === 'string') return resolveString(config, value, path, needs, out);
  if (Array.isArray(value)) return value.map((v, i) => resolveInputRefs(config, v, [...path, i], needs, out));
  if (value !== null && typeof value === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) o[k] = resolveInputRefs(config, v, [...path, k], needs, out);
    return o;
  }
  return value;
}

function resolveString(config: Dict, s: string, path: ConfigPath, needs: Set<string>, out: Diagnostic[], depth = 0): unknown {
  const refs = findBundleRefs(s).filter((r) => r.path.startsWith('resources.'));
  if (refs.length === 0) return s;
  const values = refs.map((r) => readRef(config, r, path, needs, out));
  if (isPureRef(s, refs)) {
    const v = values[0];
    if (v === undefined) return s;
    // A referenced value may itself hold a reference (to an id, or to another field).
    return typeof v === 'string' && depth < 8 ? resolveString(config, v, path, needs, out, depth + 1) : plainClone(v);
  }
  let text = '';
  let at = 0;
  refs.forEach((r, i) => {
    const v = values[i];
    text += s.slice(at, r.start) + (v === undefined || (v !== null && typeof v === 'object') ? r.text : String(v));
    at = r.end;
  });
  text += s.slice(at);
  return text !== s && depth < 8 ? resolveString(config, text, path, needs, out, depth + 1) : text;
}

/** The value behind a resource reference; undefined to leave the text in place. */
function readRef(config: Dict, ref: BundleRef, path: ConfigPath, needs: Set<string>, out: Diagnostic[]): unknown {
  const steps = ref.steps.map((s) => ('key' in s ? s.key : s.index));
  const [, kind, key, field] = steps;
  if (kind === 'jobs' && typeof key === 'string' && field === 'id' && steps.length === 4) {
    needs.add(key);
    return undefined;
  }
  if (kind !== 'jobs') {
    out.push(diag('error', 'deploy/unsupported-reference', `${ref.text} refers to ${String(kind)}, which this tool does not deploy, so its value is not known`, {
      path, span: spanAt(config, path),
      detail: 'jobs-as-code deploys jobs only. Put the id of the existing resource in a variable (--var) and reference that instead.',
    }));
    return undefined;
  }
  const v = getAt(config, steps);
  if (v === undefined) {
    out.push(diag('error', 'deploy/unsupported-reference', `${ref.text} names a field that the job does not set`, { path, span: spanAt(config, path) }));
  }
  return v;
}

/**
 * Drops empty strings and nulls from object fields the schema does not require, as the
 * reference's direct engine does (Go `omitempty`); entries of free-form maps (tags, spark_conf,
 * parameters) and list items are values, not fields, and are kept.
 */
export function omitUnset(obj: Record<string, unknown>, schema: JsonSchema | undefined): void {
  const node = deref(schema);
  const props = (node?.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((node?.required as string[] | undefined) ?? []);
  const extra = node?.additionalProperties;
  for (const [k, v] of Object.entries(obj)) {
    const prop = Object.prototype.hasOwnProperty.call(props, k) ? props[k] : undefined;
    const isField = prop !== undefined || node === undefined;
    if (v === null || v === undefined || (v === '' && isField && !required.has(k))) {
      delete obj[k];
      continue;
    }
    descend(v, prop ?? (typeof extra === 'object' ? (extra as JsonSchema) : undefined));
  }
}

function descend(v: unknown, schema: JsonSchema | undefined): void {
  if (Array.isArray(v)) {
    const items = deref(schema)?.items as JsonSchema | undefined;
    for (const item of v) descend(item, items);
  } else if (v !== null && typeof v === 'object') omitUnset(v as Record<string, unknown>, schema);
}

function deref(node: JsonSchema | undefined): JsonSchema | undefined {
  let n = node;
  for (let i = 0; n && typeof n.$ref === 'string' && i < 8; i++) n = schemaDefs()[(n.$ref as string).slice('#/$defs/'.length)];
  return n;
}

/** A deep copy of plain configuration data (locations are not needed past this point). */
export function plainClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(plainClone) as T;
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = plainClone(x);
    return o as T;
  }
  return v;
}

function relativeTo(root: string, file: string): string {
  const rel = file.startsWith(root) ? file.slice(root.length).replace(/^[\\/]+/, '') : file;
  return rel.split('\\').join('/');
}
