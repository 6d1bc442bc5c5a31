/**
 * The bundle's source files to upload (I/O): every file under `sync.paths`, minus what
 * `.gitignore` files ignore (unless `sync.include` brings it back) and what `sync.exclude`
 * removes, each with its content hash. `.git` and the bundle's `.databricks` folder are never
 * synced.
 *
 * Nothing outside the sync root is read: symlinks are followed only when their target lies
 * inside it (a symlinked directory is not entered: its files are reached through their real
 * path when that is synced), and `.gitignore` files above the sync root are not consulted.
 */
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { notebookLanguage } from '../../bundle/path-facts.js';
import { diag, type Diagnostic, type Staged } from '../../diag/diagnostic.js';
import type { FileSystem } from '../../ports/io.js';
import { decide, isIgnored, parseIgnoreRules, parseRule, type IgnoreRule } from './ignore-rules.js';

/** The Workspace API refuses larger imports (MAX_NOTEBOOK_SIZE_EXCEEDED). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface LocalFile {
  /** Relative to the sync root, `/`-separated. */
  path: string;
  abs: string;
  sha256: string;
  size: number;
  /** A source notebook or .ipynb: imported as a notebook, without its extension. */
  notebook: boolean;
}

export interface ScanOptions {
  syncRoot: string;
  /** Absolute paths to sync (files or directories) under the sync root. */
  paths: readonly string[];
  /** Patterns relative to the sync root. */
  include: readonly string[];
  exclude: readonly string[];
  /** The bundle root, whose `.databricks` folder is skipped. */
  bundleRoot: string;
}

interface Walk {
  fs: FileSystem;
  opts: ScanOptions;
  realRoot: string;
  git: IgnoreRule[];
  include: IgnoreRule[];
  exclude: IgnoreRule[];
  files: Map<string, LocalFile>;
  diagnostics: Diagnostic[];
  loadedIgnores: Set<string>;
}

export async function scanSyncFiles(fs: FileSystem, opts: ScanOptions): Promise<Staged<LocalFile[]>> {
  const w: Walk = {
    fs, opts, realRoot: await fs.realpath(opts.syncRoot), git: [], files: new Map(), diagnostics: [], loadedIgnores: new Set(),
    include: opts.include.map((p) => parseRule(p)).filter((r): r is IgnoreRule => r !== undefined),
    exclude: opts.exclude.map((p) => parseRule(p)).filter((r): r is IgnoreRule => r !== undefined),
  };
  for (const abs of opts.paths) {
    const rel = toRel(opts.syncRoot, abs);
    if (rel === undefined) continue;
    // .gitignore files between the sync root and this path apply too.
    const parts = rel === '' ? [] : rel.split('/');
    for (let i = 0; i <= parts.length; i++) await loadIgnore(w, parts.slice(0, i).join('/'));
    await visit(w, abs, rel);
  }
  const files = [...w.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { value: files, diagnostics: w.diagnostics };
}

async function visit(w: Walk, abs: string, rel: string): Promise<void> {
  let st;
  try {
    st = await w.fs.lstat(abs);
  } catch {
    return;
  }
  if (st.isSymbolicLink()) return visitLink(w, abs, rel);
  if (st.isDirectory()) return walkDir(w, abs, rel);
  if (st.isFile()) return addFile(w, abs, rel);
}

async function walkDir(w: Walk, abs: string, rel: string): Promise<void> {
  await loadIgnore(w, rel);
  let entries: Dirent[];
  try {
    entries = await w.fs.readdir(abs);
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const childAbs = join(abs, e.name);
    const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.name === '.git' || childAbs === join(w.opts.bundleRoot, '.databricks')) continue;
    if (e.isDirectory() && !wantDir(w, childRel)) continue;
    if (e.isSymbolicLink()) await visitLink(w, childAbs, childRel);
    else if (e.isDirectory()) await walkDir(w, childAbs, childRel);
    else if (e.isFile()) await addFile(w, childAbs, childRel);
    else skip(w, childRel, 'it is not a regular file');
  }
}

/** Descend unless the directory is excluded, or ignored with no include rule to bring files back. */
function wantDir(w: Walk, rel: string): boolean {
  if (isIgnored(w.exclude, rel, true)) return false;
  return w.include.length > 0 || !isIgnored(w.git, rel, true);
}

async function visitLink(w: Walk, abs: string, rel: string): Promise<void> {
  let real: string;
  try {
    real = await w.fs.realpath(abs);
  } catch {
    return skip(w, rel, 'it is a broken symlink');
  }
  if (toRel(w.realRoot, real) === undefined) return skip(w, rel, `it is a symlink to ${real}, outside the sync root`);
  const st = await w.fs.stat(real);
  if (st.isFile()) return addFile(w, real, rel);
  if (st.isDirectory()) return skip(w, rel, 'it is a symlink to a directory (its files are synced from where they really are)');
}

async function addFile(w: Walk, abs: string, rel: string): Promise<void> {
  if (rel === '' || w.files.has(rel)) return;
  if (isIgnored(w.exclude, rel, false)) return;
  if (isIgnored(w.git, rel, false) && !isIncluded(w.include, rel)) return;
  const bytes = await w.fs.readFile(abs);
  if (bytes.length > MAX_FILE_BYTES) {
    w.diagnostics.push(diag('error', 'deploy/file-too-large', `${rel} is ${bytes.length} bytes; the Workspace API imports files up to 10 MB`, {
      detail: 'Exclude it with sync.exclude or .gitignore, or keep it in a volume or cloud storage instead.',
    }));
    return;
  }
  const head = Buffer.from(bytes.subarray(0, 256)).toString('utf8');
  w.files.set(rel, {
    path: rel, abs, size: bytes.length, notebook: notebookLanguage(rel, head) !== undefined,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
}

/** An include pattern matching the file or one of its folders brings it back. */
function isIncluded(rules: readonly IgnoreRule[], rel: string): boolean {
  if (rules.length === 0) return false;
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) if (decide(rules, parts.slice(0, i).join('/'), i < parts.length)) return true;
  return false;
}

async function loadIgnore(w: Walk, dirRel: string): Promise<void> {
  if (w.loadedIgnores.has(dirRel)) return;
  w.loadedIgnores.add(dirRel);
  const path = join(w.opts.syncRoot, dirRel, '.gitignore');
  try {
    const text = (await w.fs.readFile(path)).toString('utf8');
    w.git.push(...parseIgnoreRules(text, dirRel));
  } catch {
    // no .gitignore here
  }
}

function skip(w: Walk, rel: string, why: string): void {
  if (isIgnored(w.git, rel, false) || isIgnored(w.exclude, rel, false)) return;
  w.diagnostics.push(diag('warning', 'deploy/sync-skipped', `${rel} is not synced: ${why}`));
}

/** `abs` relative to `root` with `/`, or undefined when it lies outside. */
function toRel(root: string, abs: string): string | undefined {
  const rel = relative(root, abs);
  if (rel.startsWith('..') || rel.startsWith(sep) || /^[A-Za-z]:/.test(rel)) return undefined;
  return sep === '/' ? rel : rel.split(sep).join('/');
}
