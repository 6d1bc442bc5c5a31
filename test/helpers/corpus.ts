/**
 * Access to the shared conformance corpus (`../shared/corpus` from the repository root): bundle
 * cases recorded from the Databricks CLI's own acceptance tests. Two views: whole cases with
 * their recorded invocations (for CLI-level tests), and the raw parsed files of each case with
 * Go-style include globs (for tests of a single stage, such as the schema).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYamlText, type ParsedFile } from '../../src/source/parse-yaml.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS = resolve(REPO_ROOT, '../shared/corpus');
export const BUNDLE_CASES_DIR = join(CORPUS, 'bundles');
export const CORPUS_DIR = BUNDLE_CASES_DIR + '/';

export interface ExpectedDiagnostic {
  severity: 'error' | 'warning' | 'recommendation';
  summary: string;
  path?: string;
  file?: string;
  line?: number;
  column?: number;
  detail?: string;
  locations?: { file: string; line: number; column: number }[];
}

export interface CorpusRun {
  command: string;
  target: string | null;
  vars?: Record<string, string>;
  env?: Record<string, string>;
  exit_code: number;
  expect: 'valid' | 'warnings' | 'invalid';
  expected_diagnostics: ExpectedDiagnostic[];
  json_checks?: { jq: string; expected: unknown }[];
  requires_workspace?: boolean;
}

export interface BundleCase extends CorpusRun {
  name: string;
  dir: string;
  root: string;
  topic: string;
  notes: string;
  runs?: CorpusRun[];
  requires?: string[];
  deploy_requests?: { method: string; path: string; body: unknown }[];
  [k: string]: unknown;
}

export function bundleCases(): BundleCase[] {
  if (!existsSync(BUNDLE_CASES_DIR)) throw new Error(`corpus not found at ${BUNDLE_CASES_DIR}`);
  return readdirSync(BUNDLE_CASES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = join(BUNDLE_CASES_DIR, d.name);
      const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as BundleCase & { bundle_root?: string };
      return { ...c, name: d.name, dir, root: c.bundle_root ? join(dir, c.bundle_root) : dir };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The CLI arguments of a recorded `databricks bundle …` command, as `jobs validate` flags. */
export function validateArgs(run: CorpusRun): string[] {
  const args = ['validate', '-o', 'json'];
  const tokens = run.command.split(/\s+/);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '--strict') args.push('--strict');
    if (t.startsWith('--var=')) args.push('--var', t.slice(6));
    else if (t === '--var') args.push('--var', tokens[++i]!);
  }
  if (run.target) args.push('-t', run.target);
  for (const [k, v] of Object.entries(run.vars ?? {})) {
    if (!args.includes(`${k}=${v}`) && !run.env?.[`BUNDLE_VAR_${k}`]) args.push('--var', `${k}=${v}`);
  }
  return args;
}

// ── Raw files of a case ───────────────────────────────────────────────────────────────────


export interface CorpusCase {
  name: string;
  dir: string;
  /** The bundle root (the case folder, or `bundle_root` inside it). */
  root: string;
  meta: Record<string, unknown>;
}

export interface CorpusFile {
  /** Path relative to the bundle root, with forward slashes. */
  rel: string;
  parsed: ParsedFile;
}

export function corpusCases(): CorpusCase[] {
  if (!existsSync(CORPUS_DIR)) return [];
  return readdirSync(CORPUS_DIR)
    .filter((name) => existsSync(join(CORPUS_DIR, name, 'case.json')))
    .sort()
    .map((name) => {
      const dir = join(CORPUS_DIR, name);
      const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Record<string, unknown>;
      const root = typeof meta.bundle_root === 'string' ? join(dir, meta.bundle_root) : dir;
      return { name, dir, root, meta };
    });
}

const ROOT_FILES = ['databricks.yml', 'databricks.yaml', 'bundle.yml', 'bundle.yaml'];

/** The root file and every included file, in load order. Unparseable files are skipped. */
export function caseFiles(c: CorpusCase): CorpusFile[] {
  const rootName = ROOT_FILES.find((f) => existsSync(join(c.root, f)));
  if (!rootName) return [];
  const rootFile = readBundleFile(c.root, rootName);
  const out = [rootFile];
  const value = rootFile.parsed.value as Record<string, unknown> | undefined;
  const includes = Array.isArray(value?.include) ? value.include.filter((p): p is string => typeof p === 'string') : [];
  const seen = new Set([rootName]);
  for (const pattern of includes) {
    for (const rel of globFiles(c.root, pattern)) {
      if (seen.has(rel) || !/\.(ya?ml|json)$/.test(rel)) continue;
      seen.add(rel);
      out.push(readBundleFile(c.root, rel));
    }
  }
  return out;
}

function readBundleFile(root: string, rel: string): CorpusFile {
  const path = join(root, rel);
  return { rel, parsed: parseYamlText(path, readFileSync(path, 'utf8')) };
}

/** Files under `root` matching a Go-style glob, relative and sorted. */
export function globFiles(root: string, pattern: string): string[] {
  if (pattern.startsWith('/')) return [];
  let dirs = [''];
  const segments = pattern.split('/').filter((s) => s !== '' && s !== '.');
  for (const [i, seg] of segments.entries()) {
    const last = i === segments.length - 1;
    const next: string[] = [];
    for (const d of dirs) {
      if (seg === '..') {
        next.push(join(d, '..'));
        continue;
      }
      const abs = join(root, d);
      if (!existsSync(abs) || !statSync(abs).isDirectory()) continue;
      const re = segmentRegExp(seg);
      for (const entry of readdirSync(abs).sort()) {
        if (!re.test(entry)) continue;
        const rel = join(d, entry);
        if (last ? statSync(join(root, rel)).isFile() : statSync(join(root, rel)).isDirectory()) next.push(rel);
      }
    }
    dirs = next;
  }
  return dirs.map((p) => relative(root, join(root, p)).split('\\').join('/'));
}

function segmentRegExp(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const ch = seg[i]!;
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const end = seg.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${seg.slice(i + 1, end).replace(/^\^/, '^').replace(/^!/, '^')}]`;
        i = end;
      }
    } else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** A job definition found in a file: under `resources.jobs` or a target's `resources.jobs`. */
export interface JobDefinition {
  where: string;
  value: unknown;
}

export function jobDefinitions(file: CorpusFile): JobDefinition[] {
  const root = file.parsed.value;
  if (!isMap(root)) return [];
  const out: JobDefinition[] = [];
  const collect = (resources: unknown, prefix: string) => {
    if (!isMap(resources) || !isMap(resources.jobs)) return;
    for (const [key, job] of Object.entries(resources.jobs)) out.push({ where: `${file.rel}:${prefix}resources.jobs.${key}`, value: job });
  };
  collect(root.resources, '');
  for (const section of ['targets', 'environments']) {
    const targets = root[section];
    if (!isMap(targets)) continue;
    for (const [name, t] of Object.entries(targets)) if (isMap(t)) collect(t.resources, `${section}.${name}.`);
  }
  return out;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
