/**
 * Reads conformance corpus cases (../shared/corpus/bundles) for tests that need their YAML
 * files before the bundle loader exists: the root file plus the files its `include:` globs
 * name, each parsed with positions. Globs follow Go's filepath.Glob as the reference CLI uses
 * it: `*`, `?` and `[…]` within one path segment, and `**` is just `*`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseYamlText, type ParsedFile } from '../../src/source/parse-yaml.js';

export const CORPUS_DIR = new URL('../../../shared/corpus/bundles/', import.meta.url).pathname;

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
