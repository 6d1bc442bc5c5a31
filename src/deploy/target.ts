/**
 * Where a resolved bundle deploys to and how (pure): the workspace paths, the local cache
 * folder, the sync paths and patterns, and the deployment settings (lock, fail_on_active_runs).
 * Sync paths and patterns are relative to the YAML file that declares them, like every path in
 * a bundle; patterns are turned into patterns relative to the sync root.
 */
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { LoadedBundle } from '../bundle/load-bundle.js';
import { isDict, type Dict } from '../bundle/merge.js';
import { syncRootOf } from '../bundle/paths.js';
import { locOf } from '../source/locations.js';

export interface DeployTarget {
  bundleName: string;
  target: string;
  rootDir: string;
  rootPath: string;
  filePath: string;
  artifactPath: string;
  statePath: string;
  /** `<bundle root>/.databricks/bundle/<target>`: the local state cache and snapshot. */
  localDir: string;
  syncRoot: string;
  syncPaths: string[];
  include: string[];
  exclude: string[];
  /** `bundle.deployment.lock.enabled` (false in development mode unless set). */
  lockEnabled: boolean;
  /** `bundle.deployment.lock.force`. */
  lockForce: boolean;
  failOnActiveRuns: boolean;
  mode?: string;
  git?: Record<string, unknown>;
  sourceLinked: boolean;
}

export function describeTarget(bundle: LoadedBundle): DeployTarget {
  const c = bundle.config;
  const b = dict(c.bundle);
  const ws = dict(c.workspace);
  const deployment = dict(b.deployment);
  const lock = dict(deployment.lock);
  const sync = dict(c.sync);
  const target = bundle.target ?? 'default';
  const syncRoot = syncRootOf(c, bundle.root);
  return {
    bundleName: String(b.name ?? ''),
    target,
    rootDir: bundle.root,
    rootPath: String(ws.root_path ?? ''),
    filePath: String(ws.file_path ?? ''),
    artifactPath: String(ws.artifact_path ?? ''),
    statePath: String(ws.state_path ?? ''),
    localDir: join(bundle.root, '.databricks', 'bundle', target),
    syncRoot,
    syncPaths: listOf(sync.paths).map(({ value, base }) => resolve(base ?? bundle.root, value)),
    include: patterns(sync.include, bundle.root, syncRoot),
    exclude: patterns(sync.exclude, bundle.root, syncRoot),
    lockEnabled: lock.enabled !== false,
    lockForce: lock.force === true,
    failOnActiveRuns: deployment.fail_on_active_runs === true,
    ...(typeof b.mode === 'string' && b.mode !== '' ? { mode: b.mode } : {}),
    ...(isDict(b.git) ? { git: b.git } : {}),
    sourceLinked: isDict(c.presets) && c.presets.source_linked_deployment === true,
  };
}

function dict(v: unknown): Dict {
  return isDict(v) ? v : {};
}

/** String entries of a list with the folder of the file that declares each. */
function listOf(v: unknown): { value: string; base?: string }[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x, i) => (typeof x === 'string' ? [{ value: x, base: locOf(v, i) ? dirname(locOf(v, i)!.file.path) : undefined }] : []));
}

function patterns(v: unknown, rootDir: string, syncRoot: string): string[] {
  return listOf(v).map(({ value, base }) => {
    const negate = value.startsWith('!');
    const body = negate ? value.slice(1) : value;
    const rel = relative(syncRoot, resolve(base ?? rootDir, body)).split(sep).join('/');
    // A bare name (`*.pyc`) declared at the sync root keeps matching at any depth.
    return `${negate ? '!' : ''}${rel}${body.endsWith('/') ? '/' : ''}`;
  });
}
