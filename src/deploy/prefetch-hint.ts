/**
 * Where the last deploy of a target went, kept beside its local state cache as
 * `<bundle root>/.databricks/bundle/<target>/last-deploy.json`, so the next deploy or plan can
 * start reading the jobs that state names before the bundle is loaded (prefetch.ts): loading
 * is what reveals the host, and it takes most of a second of CPU on a large bundle.
 *
 *   {version: 1, host, profile?, state_path, user_name, default_target}
 *
 * Only a guess about the coming session: it names no secret (the credentials are resolved again
 * from the environment and profiles), and every field is checked against the session once that
 * is open (`hintMatches`); a mismatch drops what was read early. `default_target` says the
 * deploy was run without `-t`, which is how a later run without `-t` finds the file.
 */
import { join } from 'node:path';
import { parseJsonObject } from '../api/json.js';
import type { Io } from '../ports/io.js';
import type { BundleSession } from '../workspace/bundle-session.js';
import { readLocal, writeLocalAtomic } from './state-store.js';
import type { DeployTarget } from './target.js';

export const HINT_FILE = 'last-deploy.json';

export interface PrefetchHint {
  /** The workspace URL the session connected to. */
  host: string;
  /** The `~/.databrickscfg` profile its credentials came from, if any. */
  profile?: string;
  statePath: string;
  userName: string;
  /** The target was chosen by the bundle (no `-t`, no DATABRICKS_BUNDLE_TARGET). */
  defaultTarget: boolean;
}

/** The session facts an early read must agree with. */
export interface SessionFacts {
  host: string;
  statePath: string;
  userName: string;
}

export function toHintText(h: PrefetchHint): string {
  return `${JSON.stringify({ version: 1, host: h.host, ...(h.profile ? { profile: h.profile } : {}), state_path: h.statePath, user_name: h.userName, default_target: h.defaultTarget }, null, 2)}\n`;
}

/** Parses a hint file; undefined when it is not one (a guess is never worth an error). */
export function parseHint(text: string): PrefetchHint | undefined {
  const v = parseJsonObject(text);
  if (v?.version !== 1) return undefined;
  const { host, profile, state_path: statePath, user_name: userName, default_target: defaultTarget } = v;
  if (typeof host !== 'string' || typeof statePath !== 'string' || typeof userName !== 'string') return undefined;
  return { host, ...(typeof profile === 'string' ? { profile } : {}), statePath, userName, defaultTarget: defaultTarget === true };
}

/** Whether what was read from the hint's host is what this session would read. */
export function hintMatches(hint: PrefetchHint, session: SessionFacts): boolean {
  return hint.host === session.host && hint.statePath === session.statePath && hint.userName === session.userName;
}

/**
 * The hint for a target: the requested one, or without a request the newest hint written by a
 * deploy that ran without one (the bundle's default target then, and most likely now).
 */
export async function readHint(io: Io, bundleRoot: string, requested: string | undefined): Promise<{ target: string; hint: PrefetchHint } | undefined> {
  const base = join(bundleRoot, '.databricks', 'bundle');
  if (requested !== undefined) {
    const text = await readLocal(io, join(base, requested, HINT_FILE));
    const hint = text === undefined ? undefined : parseHint(text);
    return hint && { target: requested, hint };
  }
  const dirs = await io.fs.readdir(base).catch(() => []);
  let best: { target: string; hint: PrefetchHint; at: number } | undefined;
  for (const d of dirs.filter((e) => e.isDirectory())) {
    const path = join(base, d.name, HINT_FILE);
    const text = await readLocal(io, path);
    const hint = text === undefined ? undefined : parseHint(text);
    if (!hint?.defaultTarget) continue;
    const at = (await io.fs.stat(path)).mtimeMs;
    if (!best || at > best.at) best = { target: d.name, hint, at };
  }
  return best && { target: best.target, hint: best.hint };
}

/**
 * Records the session of a finished deploy. Written on every deploy, not only when it changes:
 * the file's age is what picks the default target's hint among several (readHint).
 */
export async function writeHint(io: Io, localDir: string, hint: PrefetchHint): Promise<void> {
  await writeLocalAtomic(io, join(localDir, HINT_FILE), toHintText(hint));
}

/**
 * After a deploy to a workspace (not the embedded one, whose URL changes with every start):
 * records where it went. A failure to write is ignored; the hint only saves time.
 */
export async function recordDeployHint(io: Io, session: BundleSession, target: Pick<DeployTarget, 'localDir' | 'statePath'>, defaultTarget: boolean): Promise<void> {
  if (session.local) return;
  const hint: PrefetchHint = { host: session.host, ...(session.auth?.profile ? { profile: session.auth.profile } : {}), statePath: target.statePath, userName: session.user.userName, defaultTarget };
  await writeHint(io, target.localDir, hint).catch(() => undefined);
}
