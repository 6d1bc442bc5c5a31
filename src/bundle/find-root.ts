/**
 * Finds the bundle root (I/O): `-C/--bundle-dir`, then DATABRICKS_BUNDLE_ROOT, then a walk up
 * from the working directory, as the reference CLI does: the walk looks for `databricks.yml`
 * through every ancestor first, then `databricks.yaml`, then the legacy `bundle.y(a)ml`.
 */
import { dirname, join, resolve } from 'node:path';
import { diag, type Diagnostic } from '../diag/diagnostic.js';
import type { FileSystem } from '../ports/io.js';

export const ROOT_FILE_NAMES = ['databricks.yml', 'databricks.yaml', 'bundle.yml', 'bundle.yaml'] as const;

export interface BundleRoot {
  dir: string;
  /** Absolute path of the root configuration file. */
  file: string;
}

export interface FindRootOptions {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `-C/--bundle-dir`: the root itself, or a directory to start the walk from. */
  bundleDir?: string;
}

export async function findBundleRoot(fs: FileSystem, opts: FindRootOptions): Promise<{ root?: BundleRoot; diagnostics: Diagnostic[] }> {
  const explicit = opts.bundleDir ? resolve(opts.cwd, opts.bundleDir) : undefined;
  const envRoot = opts.env.DATABRICKS_BUNDLE_ROOT ? resolve(opts.cwd, opts.env.DATABRICKS_BUNDLE_ROOT) : undefined;
  if (!explicit && envRoot) {
    const found = await rootFileIn(fs, envRoot);
    if (found.diagnostics.length > 0 || found.root) return found;
    return {
      diagnostics: [
        diag('error', 'bundle/root-env-invalid', `DATABRICKS_BUNDLE_ROOT=${envRoot} has no databricks.yml`, {
          detail: `Expected one of ${ROOT_FILE_NAMES.join(', ')} in that directory, or unset the variable.`,
        }),
      ],
    };
  }
  if (explicit && !(await isDirectory(fs, explicit))) {
    return {
      diagnostics: [
        diag('error', 'bundle/root-not-found', `-C ${opts.bundleDir}: ${explicit} is not a directory`, {
          detail: 'Pass the bundle folder (the one holding databricks.yml) or a folder inside it.',
        }),
      ],
    };
  }
  const start = explicit ?? opts.cwd;
  for (const name of ROOT_FILE_NAMES) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (await isFile(fs, join(dir, name))) return rootFileIn(fs, dir);
      if (dirname(dir) === dir) break;
    }
  }
  return {
    diagnostics: [
      diag('error', 'bundle/root-not-found', `databricks.yml not found in ${start} or any parent directory`, {
        detail: 'Run the command inside a bundle, pass -C <dir>, or set DATABRICKS_BUNDLE_ROOT. To check a single Jobs API file, pass it: jobs validate job.json',
      }),
    ],
  };
}

async function rootFileIn(fs: FileSystem, dir: string): Promise<{ root?: BundleRoot; diagnostics: Diagnostic[] }> {
  const present: string[] = [];
  for (const name of ROOT_FILE_NAMES) if (await isFile(fs, join(dir, name))) present.push(name);
  if (present.length > 1) {
    return {
      diagnostics: [
        diag('error', 'bundle/multiple-roots', `multiple bundle root configuration files found in ${dir}`, {
          detail: `Found ${present.join(' and ')}; keep exactly one.`,
        }),
      ],
    };
  }
  return { root: present[0] ? { dir, file: join(dir, present[0]) } : undefined, diagnostics: [] };
}

export async function isFile(fs: FileSystem, path: string): Promise<boolean> {
  return (await statOrUndefined(fs, path))?.isFile() === true;
}

async function isDirectory(fs: FileSystem, path: string): Promise<boolean> {
  return (await statOrUndefined(fs, path))?.isDirectory() === true;
}

/** The stat of a path, or undefined when there is nothing there (or it cannot be read). */
async function statOrUndefined(fs: FileSystem, path: string): Promise<Awaited<ReturnType<FileSystem['stat']>> | undefined> {
  try {
    return await fs.stat(path);
  } catch {
    return undefined;
  }
}
