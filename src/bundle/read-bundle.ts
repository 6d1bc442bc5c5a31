/**
 * Reads a bundle's files (I/O): the root file, then every file its `include:` names, each
 * decoded and parsed into plain data with locations. Merging is pure and happens elsewhere
 * (merge-files.ts). Include rules follow the reference CLI: paths and globs relative to the
 * bundle root, Go glob semantics, matches sorted per pattern, each file loaded once, only
 * .yml/.yaml/.json files, and a literal entry that matches nothing is an error.
 */
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { diag, type Diagnostic } from '../diag/diagnostic.js';
import type { FileSystem } from '../ports/io.js';
import { decodeBundleFile } from '../source/decode.js';
import { valueSpan, locOf } from '../source/locations.js';
import { parseYamlText, type ParsedFile } from '../source/parse-yaml.js';
import { hasMeta, segmentRegExp } from './glob.js';
import { cloneWithLocs } from './merge.js';
import type { BundleRoot } from './find-root.js';

export interface BundleFiles {
  root: BundleRoot;
  /** The root file first, then included files in load order. */
  files: ParsedFile[];
}

export async function readBundleFiles(fs: FileSystem, root: BundleRoot, cache?: ParseCache): Promise<{ value: BundleFiles; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const rootFile = await readConfigFile(fs, root.file, diagnostics, cache);
  const files: ParsedFile[] = [rootFile];
  const includes = includeEntries(rootFile, diagnostics);
  const seen = new Set([root.file]);
  const toRead: string[] = [];
  if (/[*?[\\]/.test(root.dir) && includes.length > 0) {
    diagnostics.push(diag('error', 'bundle/include-bad-glob', `bundle root path ${root.dir} contains glob characters`, {
      detail: 'Include patterns are resolved relative to the root; move the bundle to a path without * ? [ or \\.',
    }));
  }
  for (const entry of includes) {
    const span = valueSpan(entry.loc);
    const where = { span, path: ['include', entry.index] };
    if (isAbsolute(entry.pattern)) {
      diagnostics.push(diag('error', 'bundle/include-absolute', `include entry ${entry.pattern} is an absolute path`, {
        ...where,
        detail: 'Include paths are relative to the bundle root.',
      }));
      continue;
    }
    const matches = hasMeta(entry.pattern) ? await globFiles(fs, root.dir, entry.pattern) : await literalFile(fs, root.dir, entry.pattern);
    if (matches === undefined) {
      diagnostics.push(diag('error', 'bundle/include-bad-glob', `include pattern ${entry.pattern} is malformed`, where));
      continue;
    }
    if (matches.length === 0 && !hasMeta(entry.pattern)) {
      diagnostics.push(diag('error', 'bundle/include-no-match', `${entry.pattern} defined in 'include' section does not match any files`, where));
    }
    for (const abs of matches) {
      if (seen.has(abs)) continue;
      seen.add(abs);
      if (!['.yml', '.yaml', '.json'].includes(extname(abs).toLowerCase())) {
        diagnostics.push(diag('error', 'bundle/include-not-yaml', "Files in the 'include' configuration section must be YAML or JSON files.", {
          ...where,
          detail: `The file ${relative(root.dir, abs)} in the 'include' configuration section is not a YAML or JSON file, and only such files are supported. To include files to sync, specify them in the 'sync.include' configuration section instead.`,
        }));
        continue;
      }
      toRead.push(abs);
    }
  }
  const read = await Promise.all(toRead.map((abs) => readConfigFile(fs, abs, [], cache)));
  for (const f of read) {
    files.push(f);
    diagnostics.push(...f.diagnostics);
  }
  return { value: { root, files }, diagnostics: [...rootFile.diagnostics, ...diagnostics] };
}

interface IncludeEntry {
  pattern: string;
  index: number;
  loc: NonNullable<ReturnType<typeof locOf>>;
}

function includeEntries(rootFile: ParsedFile, diagnostics: Diagnostic[]): IncludeEntry[] {
  const value = rootFile.value as Record<string, unknown> | undefined;
  const list = value && typeof value === 'object' ? value.include : undefined;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    const loc = locOf(value, 'include');
    diagnostics.push(diag('error', 'schema/type', 'include must be a list of paths', { path: ['include'], span: loc && valueSpan(loc) }));
    return [];
  }
  const out: IncludeEntry[] = [];
  list.forEach((p, index) => {
    const loc = locOf(list, index);
    if (typeof p !== 'string' || !loc) {
      diagnostics.push(diag('error', 'schema/type', 'include entries must be strings', { path: ['include', index], span: loc && valueSpan(loc) }));
      return;
    }
    out.push({ pattern: p, index, loc });
  });
  return out;
}

/**
 * Parsed files by path, for a command that loads the same bundle twice (openBundleSession:
 * once to connect, once with the deploying user). A hit is a copy, since loading changes the
 * values it merges; the text must be unchanged.
 */
export type ParseCache = Map<string, { text: string; parsed: ParsedFile }>;

/** Reads and parses one configuration file; read and decode failures become diagnostics. */
export async function readConfigFile(fs: FileSystem, path: string, into: Diagnostic[], cache?: ParseCache): Promise<ParsedFile> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (err) {
    const d = diag('error', 'io/read-failed', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    into.push(d);
    return { ...parseYamlText(path, ''), value: undefined, diagnostics: [d] };
  }
  const decoded = decodeBundleFile(path, bytes);
  if (decoded.text === undefined) {
    into.push(...decoded.diagnostics);
    return { ...parseYamlText(path, ''), value: undefined, diagnostics: decoded.diagnostics };
  }
  const hit = cache?.get(path);
  if (hit && hit.text === decoded.text) return { ...hit.parsed, value: cloneWithLocs(hit.parsed.value) };
  const parsed = parseYamlText(path, decoded.text);
  cache?.set(path, { text: decoded.text, parsed: { ...parsed, value: cloneWithLocs(parsed.value) } });
  return parsed;
}

async function literalFile(fs: FileSystem, dir: string, rel: string): Promise<string[]> {
  const abs = resolve(dir, rel);
  try {
    return (await fs.stat(abs)).isFile() ? [abs] : [];
  } catch {
    return [];
  }
}

/** Expands a relative glob like Go's filepath.Glob (sorted per directory); undefined if malformed. */
export async function globFiles(fs: FileSystem, dir: string, pattern: string): Promise<string[] | undefined> {
  const segments = pattern.split(/[\\/]/).filter((s, i) => s !== '' || i === 0);
  let bases = [dir];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const last = i === segments.length - 1;
    const next: string[] = [];
    if (!hasMeta(seg)) {
      for (const b of bases) next.push(join(b, seg));
    } else {
      const re = segmentRegExp(seg);
      if (!re) return undefined;
      for (const b of bases) {
        let entries;
        try {
          entries = await fs.readdir(b);
        } catch {
          continue;
        }
        const names = entries.filter((e) => re.test(e.name)).map((e) => e.name).sort();
        for (const n of names) next.push(join(b, n));
      }
    }
    bases = next;
    if (last) break;
  }
  const files: string[] = [];
  for (const b of bases) {
    try {
      if ((await fs.stat(b)).isFile()) files.push(b);
    } catch {
      // a literal segment that does not exist: no match
    }
  }
  return files;
}

/** Path of `abs` relative to the bundle root with forward slashes, for output. */
export function rootRelative(rootDir: string, abs: string): string {
  const rel = relative(rootDir, abs);
  return sep === '/' ? rel : rel.split(sep).join('/');
}
