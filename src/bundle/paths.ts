/**
 * Local paths in job settings (pure): found, checked and rewritten to workspace paths.
 *
 * A relative path is relative to the YAML file that wrote it (through a variable: where the
 * reference is used), must stay inside the sync root, and becomes
 * `${workspace.file_path}/<path from the sync root>`; notebooks lose their extension. Absolute
 * paths, URLs, values still holding `${…}`, and every path of a job with `git_source` are left
 * alone, as the reference CLI does. Facts about the files come from path-facts.ts.
 */
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { diag, type ConfigPath, type Diagnostic } from '../diag/diagnostic.js';
import { locOf, spanAt } from '../source/locations.js';
import { NOTEBOOK_EXTENSIONS, type PathFacts } from './path-facts.js';
import { isDict, type Dict } from './merge.js';

export type PathKind = 'notebook' | 'file' | 'directory' | 'requirements' | 'library';

export interface LocalPathRef {
  path: ConfigPath;
  container: Dict | unknown[];
  key: string | number;
  kind: PathKind;
  /** Absolute local path. */
  abs: string;
  /** Text before the path to keep (pip flags such as `-r `); '' marks an environment wheel. */
  prefix?: string;
}

const TASK_FIELDS: [string[], PathKind][] = [
  [['notebook_task', 'notebook_path'], 'notebook'],
  [['spark_python_task', 'python_file'], 'file'],
  [['sql_task', 'file', 'path'], 'file'],
  [['dbt_task', 'project_directory'], 'directory'],
];

/** Every local path the bundle's jobs (and pipelines) reference. */
export function collectLocalPaths(config: Dict, rootDir: string): LocalPathRef[] {
  const out: LocalPathRef[] = [];
  const resources = isDict(config.resources) ? config.resources : {};
  const jobs = isDict(resources.jobs) ? resources.jobs : {};
  for (const [key, job] of Object.entries(jobs)) {
    if (!isDict(job) || isDict(job.git_source)) continue;
    const jobPath = ['resources', 'jobs', key];
    const tasks = Array.isArray(job.tasks) ? job.tasks : [];
    tasks.forEach((t, i) => {
      if (!isDict(t)) return;
      collectTask(t, [...jobPath, 'tasks', i], rootDir, out);
      if (isDict(t.for_each_task) && isDict(t.for_each_task.task)) collectTask(t.for_each_task.task, [...jobPath, 'tasks', i, 'for_each_task', 'task'], rootDir, out);
    });
    const envs = Array.isArray(job.environments) ? job.environments : [];
    envs.forEach((env, i) => {
      const deps = isDict(env) && isDict(env.spec) && Array.isArray(env.spec.dependencies) ? env.spec.dependencies : [];
      deps.forEach((d, j) => collectDependency(deps, j, d, [...jobPath, 'environments', i, 'spec', 'dependencies', j], rootDir, out));
    });
  }
  const pipelines = isDict(resources.pipelines) ? resources.pipelines : {};
  for (const [key, p] of Object.entries(pipelines)) {
    const libs = isDict(p) && Array.isArray(p.libraries) ? p.libraries : [];
    libs.forEach((lib, i) => {
      if (!isDict(lib)) return;
      for (const [field, kind] of [['notebook', 'notebook'], ['file', 'file']] as const) {
        if (isDict(lib[field])) add(lib[field] as Dict, 'path', ['resources', 'pipelines', key, 'libraries', i, field, 'path'], kind, rootDir, out);
      }
    });
    if (isDict(p) && isDict(p.environment) && Array.isArray(p.environment.dependencies)) {
      const deps = p.environment.dependencies;
      deps.forEach((d, j) => collectDependency(deps, j, d, ['resources', 'pipelines', key, 'environment', 'dependencies', j], rootDir, out));
    }
  }
  return out;
}

function collectTask(task: Dict, path: ConfigPath, rootDir: string, out: LocalPathRef[]): void {
  if (task.source === 'GIT' || (isDict(task.notebook_task) && task.notebook_task.source === 'GIT')) return;
  for (const [fields, kind] of TASK_FIELDS) {
    let node: unknown = task;
    for (const f of fields.slice(0, -1)) node = isDict(node) ? node[f] : undefined;
    if (isDict(node)) {
      if (isDict(task[fields[0]!]) && (task[fields[0]!] as Dict).source === 'GIT') continue;
      add(node, fields[fields.length - 1]!, [...path, ...fields], kind, rootDir, out);
    }
  }
  const libs = Array.isArray(task.libraries) ? task.libraries : [];
  libs.forEach((lib, i) => {
    if (!isDict(lib)) return;
    if (typeof lib.requirements === 'string') add(lib, 'requirements', [...path, 'libraries', i, 'requirements'], 'requirements', rootDir, out);
    for (const f of ['whl', 'jar']) if (typeof lib[f] === 'string') add(lib, f, [...path, 'libraries', i, f], 'library', rootDir, out);
  });
}

/** `-r file` / `-e dir` pip flags and local wheel paths inside environment dependencies. */
function collectDependency(list: unknown[], index: number, d: unknown, path: ConfigPath, rootDir: string, out: LocalPathRef[]): void {
  if (typeof d !== 'string') return;
  const flag = /^(-r|--requirement|-e|--editable)(\s+)(.+)$/.exec(d.trim());
  if (flag) {
    const raw = unquote(flag[3]!);
    if (isLocal(raw.path)) {
      out.push({ path, container: list, key: index, kind: flag[1]!.startsWith('-r') || flag[1] === '--requirement' ? 'requirements' : 'library', abs: resolve(baseDir(list, index, rootDir), raw.path), prefix: `${flag[1]} ` });
    }
    return;
  }
  // A local wheel (`dist/*.whl`) is uploaded at deploy; until then it is written root-relative.
  if (/\.whl$/i.test(d) && isLocal(d) && !/\s/.test(d)) {
    out.push({ path, container: list, key: index, kind: 'library', abs: resolve(baseDir(list, index, rootDir), d), prefix: '' });
  }
}

function add(container: Dict, key: string, path: ConfigPath, kind: PathKind, rootDir: string, out: LocalPathRef[]): void {
  const v = container[key];
  if (typeof v !== 'string' || !isLocal(v)) return;
  out.push({ path, container, key, kind, abs: resolve(baseDir(container, key, rootDir), v) });
}

function baseDir(container: object, key: string | number, rootDir: string): string {
  const loc = locOf(container, key);
  return loc ? dirname(loc.file.path) : rootDir;
}

/** Relative local paths only: not absolute, not a URL, not a deploy-time reference. */
function isLocal(p: string): boolean {
  return p !== '' && !isAbsolute(p) && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(p) && !p.includes('${') && !p.includes('{{');
}

function unquote(s: string): { path: string; quote: string } {
  const q = s[0];
  if ((q === '"' || q === "'") && s.endsWith(q) && s.length >= 2) return { path: s.slice(1, -1), quote: q };
  return { path: s, quote: '' };
}

export interface TranslateOptions {
  rootDir: string;
  syncRoot: string;
  /** `workspace.file_path` after resolution (may still hold `${workspace.current_user.…}`). */
  filePath: string;
  facts: ReadonlyMap<string, PathFacts>;
}

/** Checks each path and rewrites it to its workspace location. */
export function translatePaths(config: Dict, refs: readonly LocalPathRef[], opts: TranslateOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const ref of refs) {
    const where = { path: ref.path, span: spanAt(config, ref.path) };
    const rel = relative(opts.syncRoot, ref.abs);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      out.push(diag('error', 'path/outside-sync-root', `path ${ref.abs} is not contained in sync root path`, {
        ...where,
        detail: `Files synced to the workspace must live under ${opts.syncRoot}. Move the file, or widen sync.paths.`,
      }));
      continue;
    }
    const container = ref.container as Record<string | number, unknown>;
    if (ref.kind === 'library' && !ref.prefix) {
      // Local wheels and jars may be build outputs: deploy uploads them to the artifact path.
      // Task libraries are written root-relative; environment dependencies as `./…`, like pip.
      const rootRel = toPosix(relative(opts.rootDir, ref.abs));
      container[ref.key] = ref.prefix === '' ? `./${rootRel}` : rootRel;
      continue;
    }
    const isGlob = /[*?[]/.test(rel);
    const facts = opts.facts.get(ref.abs) ?? { kind: 'missing' };
    const problem = isGlob ? undefined : checkKind(ref, facts, opts.facts);
    if (problem) {
      out.push({ ...problem, ...where });
      continue;
    }
    const remoteRel = toPosix(facts.notebook && facts.notebook !== 'JUPYTER' ? rel.slice(0, -extname(rel).length) : stripIpynb(rel, facts));
    const remote = `${opts.filePath}/${remoteRel}`;
    container[ref.key] = ref.prefix ? `${ref.prefix}${/\s/.test(remote) ? `"${remote}"` : remote}` : remote;
  }
  return out;
}

function checkKind(ref: LocalPathRef, facts: PathFacts, all: ReadonlyMap<string, PathFacts>): Diagnostic | undefined {
  const shown = ref.abs;
  if (facts.kind === 'missing') {
    if (ref.kind === 'notebook' && extname(ref.abs) === '') {
      const found = Object.keys(NOTEBOOK_EXTENSIONS).find((ext) => all.get(ref.abs + ext)?.notebook);
      if (found) {
        return diag('error', 'path/notebook-extension', `notebook ${shown} not found. Did you mean ${shown}${found}?`, {
          detail: 'Local notebook references must include the file extension (.py, .sql, .scala, .r or .ipynb).',
        });
      }
    }
    const noun = ref.kind === 'notebook' ? 'notebook' : ref.kind === 'directory' ? 'directory' : 'file';
    return diag('error', 'path/not-found', `${noun} ${shown} not found`, { detail: 'Paths are relative to the YAML file that contains them.' });
  }
  if (ref.kind === 'directory' && facts.kind !== 'directory') return diag('error', 'path/not-a-directory', `expected a directory for ${shown} but got a file`);
  if (ref.kind !== 'directory' && facts.kind === 'directory') return diag('error', 'path/not-a-file', `expected a file for ${shown} but got a directory`);
  if (ref.kind === 'notebook' && !facts.notebook) {
    return diag('error', 'path/not-a-notebook', `expected a notebook for ${shown} but got a file`, {
      detail: 'Source notebooks start with a "# Databricks notebook source" line (or "-- " for SQL). Use spark_python_task for a plain Python file.',
    });
  }
  if ((ref.kind === 'file' || ref.kind === 'requirements') && facts.notebook && facts.notebook !== 'JUPYTER') {
    return diag('error', 'path/not-a-file', `expected a file for ${shown} but got a notebook`, {
      detail: 'Use notebook_task for a notebook, or remove the "Databricks notebook source" header.',
    });
  }
  return undefined;
}

/** `.ipynb` notebooks drop the extension too, except Lakeflow designer files (`x.designer.ipynb`). */
function stripIpynb(rel: string, facts: PathFacts): string {
  if (facts.notebook !== 'JUPYTER' || rel.endsWith('.designer.ipynb')) return rel;
  return rel.slice(0, -'.ipynb'.length);
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** The sync root: the bundle root, or the common ancestor of it and every `sync.paths` entry. */
export function syncRootOf(config: Dict, rootDir: string): string {
  const sync = isDict(config.sync) ? config.sync : {};
  const paths = Array.isArray(sync.paths) ? sync.paths : [];
  let rootParts = rootDir.split(sep);
  paths.forEach((p, i) => {
    if (typeof p !== 'string') return;
    const abs = resolve(baseDir(paths, i, rootDir), p);
    const parts = abs.split(sep);
    let n = 0;
    while (n < rootParts.length && n < parts.length && rootParts[n] === parts[n]) n++;
    rootParts = rootParts.slice(0, n);
  });
  return rootParts.join(sep) || sep;
}
