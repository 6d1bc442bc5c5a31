/**
 * Loads a bundle the way the reference CLI does, from files on disk to the resolved
 * configuration that validate, plan and deploy consume. I/O happens only in this driver
 * (finding the root, reading files, the variable-overrides file, git facts, path facts); every
 * step between is a pure function over the configuration, which keeps source locations.
 *
 * The driver keeps going after errors whenever there is still a configuration to work on, so a
 * single `jobs validate` reports every problem at once.
 */
import { extname, join } from 'node:path';
import type { Diagnostic } from '../diag/diagnostic.js';
import type { Io } from '../ports/io.js';
import type { ParsedFile } from '../source/parse-yaml.js';
import { checkBundleName, checkResourceKeys, emptyRootFile } from './bundle-checks.js';
import { userNames, type CurrentUser, type UserNames } from './current-user.js';
import { findBundleRoot, isFile } from './find-root.js';
import { applyJobDefaults } from './job-defaults.js';
import { markBaseEntries, mergeKeyedLists } from './keyed-lists.js';
import { isDict, type Dict } from './merge.js';
import { mergeBundleFiles } from './merge-files.js';
import { applyMode } from './mode.js';
import { readPathFacts } from './path-facts.js';
import { collectLocalPaths, syncRootOf, translatePaths } from './paths.js';
import { applyPresets } from './presets.js';
import { readBundleFiles, readConfigFile, type ParseCache } from './read-bundle.js';
import { readGitInfo } from './read-git.js';
import { resolveBundleRefs } from './resolve-refs.js';
import { applyTarget, selectTarget, type TargetRequest } from './targets.js';
import { assignVariables } from './variables.js';
import { defineWorkspacePaths } from './workspace-paths.js';

export interface LoadOptions {
  /** `-C/--bundle-dir`. */
  bundleDir?: string;
  /** `-t/--target`. */
  target?: string;
  /** `--var name=value`, in order. */
  vars?: readonly { name: string; value: string }[];
  /** The deploying identity when known (deploy, run); undefined for offline validation. */
  user?: CurrentUser;
  deployerIsServicePrincipal?: boolean;
  /** Parsed files to reuse when the same bundle is loaded again in one command. */
  parseCache?: ParseCache;
}

export interface LoadedBundle {
  /** Absolute bundle root directory. */
  root: string;
  rootFile: string;
  target?: string;
  /** The resolved configuration: plain data with source locations. */
  config: Dict;
  /** Every parsed file, for code frames in diagnostics. */
  files: ParsedFile[];
}

export async function loadBundle(io: Io, opts: LoadOptions = {}): Promise<{ bundle?: LoadedBundle; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const found = await findBundleRoot(io.fs, { cwd: io.cwd, env: io.env, bundleDir: opts.bundleDir });
  diagnostics.push(...found.diagnostics);
  if (!found.root) return { diagnostics };
  const root = found.root;

  // readBundleFiles (I/O). Reads: databricks.yml and its include globs.
  const read = await readBundleFiles(io.fs, root, opts.parseCache);
  diagnostics.push(...read.diagnostics);
  const files = read.value.files;
  if (files[0]?.value === undefined) {
    // No document, and no parse error that already says why: an empty root file.
    if (files[0] && !read.diagnostics.some((d) => d.severity === 'error')) diagnostics.push(emptyRootFile(root.file));
    return { bundle: { root: root.dir, rootFile: root.file, config: {}, files }, diagnostics };
  }

  // mergeBundleFiles. Reads: every file. Writes: one tree; environments → targets.
  const merged = mergeBundleFiles(files);
  diagnostics.push(...merged.diagnostics);
  const config = merged.value;
  diagnostics.push(...checkResourceKeys(config));

  // selectTarget + applyTarget. Reads: targets.*, -t, DATABRICKS_BUNDLE_TARGET. Writes: merged sections.
  const request: TargetRequest | undefined = opts.target
    ? { name: opts.target, source: 'flag' }
    : io.env.DATABRICKS_BUNDLE_TARGET ? { name: io.env.DATABRICKS_BUNDLE_TARGET, source: 'env' } : undefined;
  const selected = selectTarget(config, request);
  diagnostics.push(...selected.diagnostics);
  const bundle: LoadedBundle = { root: root.dir, rootFile: root.file, target: selected.name, config, files };
  if (!selected.name) return { bundle, diagnostics };
  const base = markBaseEntries(config);
  const targetSetsRootPath = targetSets(config, selected.name, ['workspace', 'root_path']);
  diagnostics.push(...applyTarget(config, selected.name));
  diagnostics.push(...checkBundleName(config));

  // assignVariables. Reads: --var, BUNDLE_VAR_*, the overrides file (I/O), defaults. Writes: variables.*.value.
  const overridesPath = join(root.dir, '.databricks', 'bundle', selected.name, 'variable-overrides.json');
  const overridesFile = (await isFile(io.fs, overridesPath)) ? await readConfigFile(io.fs, overridesPath, []) : undefined;
  diagnostics.push(...assignVariables(config, { flags: opts.vars ?? [], env: io.env, target: selected.name, overridesFile }));

  // Git facts (I/O) and workspace paths. Writes: bundle.git, workspace.*_path, workspace.current_user.
  const user: UserNames | undefined = opts.user && userNames(opts.user);
  const git = await readGitInfo(io.fs, root.dir);
  const bundleSection = config.bundle as Dict;
  bundleSection.git = { ...git, ...(isDict(bundleSection.git) ? bundleSection.git : {}) };
  diagnostics.push(...defineWorkspacePaths(config, user));

  // resolveBundleRefs. Reads: every string. Writes: ${…} replaced except deploy-time references.
  diagnostics.push(...resolveBundleRefs(config));
  // mergeKeyedLists, applyMode, applyPresets, applyJobDefaults: the reference's initialize order.
  diagnostics.push(...mergeKeyedLists(config, base));
  diagnostics.push(...applyMode(config, { user, targetSetsRootPath, deployerIsServicePrincipal: opts.deployerIsServicePrincipal }));
  diagnostics.push(...applyPresets(config));
  applyJobDefaults(config, user);

  // Local paths: collect (pure), read facts (I/O), check and translate (pure).
  const refs = collectLocalPaths(config, root.dir);
  const extra = refs.filter((r) => r.kind === 'notebook' && extname(r.abs) === '').flatMap((r) => ['.py', '.sql', '.scala', '.r', '.ipynb'].map((e) => r.abs + e));
  const facts = await readPathFacts(io.fs, [...refs.map((r) => r.abs), ...extra]);
  const ws = config.workspace as Dict;
  diagnostics.push(...translatePaths(config, refs, { rootDir: root.dir, syncRoot: syncRootOf(config, root.dir), filePath: String(ws.file_path), facts }));
  return { bundle, diagnostics };
}

function targetSets(config: Dict, target: string, path: string[]): boolean {
  let node: unknown = isDict(config.targets) ? config.targets[target] : undefined;
  for (const seg of path) node = isDict(node) ? node[seg] : undefined;
  return node !== undefined && node !== null && node !== '';
}
