/**
 * Local wheels and jars (`libraries[].whl|jar`, and `./…whl` entries of an environment's
 * dependencies), which the loader leaves root-relative: each is uploaded to
 * `${workspace.artifact_path}/.internal/<file name>` and the job settings are rewritten to that
 * path, as the reference CLI does. A glob (`dist/*.whl`) becomes one entry per match.
 *
 * `findLocalLibraries` and `rewriteLibraries` are pure; `expandLibraries` reads the disk.
 */
import { createHash } from 'node:crypto';
import { basename, isAbsolute, relative } from 'node:path';
import { rootRelative, globFiles } from '../bundle/read-bundle.js';
import { diag, type Diagnostic, type Staged } from '../diag/diagnostic.js';
import type { FileSystem } from '../ports/io.js';
import type { DesiredJob, Settings } from './desired.js';

export interface LibraryFile {
  abs: string;
  /** Root-relative, `/`-separated. */
  localPath: string;
  remotePath: string;
  sha256: string;
}

type Slot = { list: unknown[]; index: number; field?: 'whl' | 'jar' };

/** Every local library reference in a job's settings. */
function slots(settings: Settings): Slot[] {
  const out: Slot[] = [];
  const tasks = Array.isArray(settings.tasks) ? (settings.tasks as Record<string, unknown>[]) : [];
  const all = tasks.flatMap((t) => [t, (t.for_each_task as { task?: Record<string, unknown> } | undefined)?.task].filter((x): x is Record<string, unknown> => !!x));
  for (const t of all) {
    const libs = Array.isArray(t.libraries) ? t.libraries : [];
    libs.forEach((lib, index) => {
      for (const field of ['whl', 'jar'] as const) {
        const v = (lib as Record<string, unknown>)?.[field];
        if (typeof v === 'string' && isLocal(v)) out.push({ list: libs, index, field });
      }
    });
  }
  const envs = Array.isArray(settings.environments) ? (settings.environments as { spec?: { dependencies?: unknown[] } }[]) : [];
  for (const env of envs) {
    const deps = env?.spec?.dependencies;
    if (!Array.isArray(deps)) continue;
    deps.forEach((d, index) => {
      if (typeof d === 'string' && /^\.\.?\//.test(d) && /\.whl$/i.test(d)) out.push({ list: deps, index });
    });
  }
  return out;
}

function isLocal(p: string): boolean {
  return p !== '' && !p.startsWith('/') && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(p) && !p.includes('${');
}

function read(slot: Slot): string {
  const v = slot.list[slot.index];
  return slot.field ? String((v as Record<string, unknown>)[slot.field]) : String(v);
}

/** The distinct local library patterns of the given jobs. */
export function findLocalLibraries(jobs: readonly DesiredJob[]): string[] {
  return [...new Set(jobs.flatMap((j) => slots(j.settings).map(read)))].sort();
}

/**
 * Expands each pattern under the bundle root and hashes the files (I/O). A match whose real
 * path leaves the sync root (a symlink) is not read.
 */
export async function expandLibraries(fs: FileSystem, rootDir: string, syncRoot: string, artifactPath: string, patterns: readonly string[]): Promise<Staged<Map<string, LibraryFile[]>>> {
  const diagnostics: Diagnostic[] = [];
  const out = new Map<string, LibraryFile[]>();
  const realRoot = patterns.length > 0 ? await fs.realpath(syncRoot) : syncRoot;
  for (const pattern of patterns) {
    const found = (await globFiles(fs, rootDir, pattern)) ?? [];
    const matches: string[] = [];
    for (const abs of found) {
      const rel = relative(realRoot, await fs.realpath(abs));
      if (rel.startsWith('..') || isAbsolute(rel)) {
        diagnostics.push(diag('error', 'path/outside-sync-root', `library ${rootRelative(rootDir, abs)} resolves to a file outside the sync root`, {
          detail: 'A symlinked wheel or jar must point inside the sync root; copy the file into the bundle instead.',
        }));
      } else matches.push(abs);
    }
    if (found.length === 0) {
      diagnostics.push(diag('error', 'deploy/library-not-found', `library ${pattern} matches no file under ${rootDir}`, {
        detail: 'Local wheels and jars are uploaded as they are; build them before deploying (jobs-as-code does not run artifact builds).',
      }));
      continue;
    }
    if (matches.length === 0) continue;
    const files: LibraryFile[] = [];
    for (const abs of matches) {
      const bytes = await fs.readFile(abs);
      files.push({
        abs, localPath: rootRelative(rootDir, abs), remotePath: `${artifactPath}/.internal/${basename(abs)}`,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
    }
    out.set(pattern, files);
  }
  return { value: out, diagnostics };
}

/** Rewrites local library references to their uploaded paths (in place). */
export function rewriteLibraries(jobs: readonly DesiredJob[], files: ReadonlyMap<string, LibraryFile[]>): void {
  for (const job of jobs) {
    // Replace from the end so indexes of earlier slots in the same list stay valid.
    for (const slot of slots(job.settings).reverse()) {
      const matched = files.get(read(slot));
      if (!matched) continue;
      const entries = matched.map((f) => (slot.field ? { ...(slot.list[slot.index] as object), [slot.field]: f.remotePath } : f.remotePath));
      slot.list.splice(slot.index, 1, ...entries);
    }
  }
}
