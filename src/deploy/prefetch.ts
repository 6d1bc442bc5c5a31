/**
 * Reads started before the bundle is fully resolved (I/O): the jobs/get (and permissions) calls
 * for every job the local state cache names, so they overlap the loading and validation of the
 * bundle instead of following it. They run in a worker thread (prefetch-worker.ts): loading and
 * validation are synchronous, and on the main thread the responses would wait for them.
 *
 * Two ways to start:
 * - `startEarly`, before the bundle is loaded at all, from where the last deploy of the target
 *   went (prefetch-hint.ts) and credentials resolved from the environment and profiles alone.
 *   The reads are kept only if the session then connects with the same credentials to the same
 *   bundle root and target (`start`) and resolves to the same state path and user (`confirm`);
 *   otherwise they are dropped and the normal path is taken.
 * - `start`, once the session's client exists (the first load is done), with its credentials.
 *
 * Only a hint either way: readRemote uses a prefetched answer when the state it trusts names the
 * same job id, and asks through its client otherwise, or when the prefetch failed or was
 * dropped (no local cache, as on a fresh CI runner, means no prefetch). The worker's requests
 * are not counted by the client's concurrency bound; while it runs, the main thread sends only
 * the handful of reads it needs to plan (identity, state, snapshot).
 */
import { join } from 'node:path';
import type { LoadedBundle } from '../bundle/load-bundle.js';
import { findBundleRoot } from '../bundle/find-root.js';
import type { Job } from '../api/jobs.js';
import type { ObjectPermissions } from '../api/workspace.js';
import { VERSION } from '../cli/version.js';
import type { Io } from '../ports/io.js';
import { bearerToken, type Credentials } from '../remote/auth/credentials.js';
import { readAuthConfig } from '../remote/auth/read-config.js';
import { sameCredentials, type AuthConfig } from '../remote/auth/resolve.js';
import type { WorkspaceClient } from '../remote/client.js';
import { hintMatches, readHint, type PrefetchHint, type SessionFacts } from './prefetch-hint.js';
import { PrefetchReads } from './prefetch-reads.js';
import type { PrefetchWork } from './prefetch-worker.js';
import { deployedJobIds, jobStateKey, parseDeploymentState, STATE_FILE } from './state-format.js';
import { readLocal } from './state-store.js';

export interface EarlyPrefetchOptions {
  /** `-C/--bundle-dir`. */
  bundleDir?: string;
  /** `-t/--target`. */
  target?: string;
  /** `--profile` (or the tool settings' profile). */
  profile?: string;
}

/** What an early prefetch assumed about the session, checked once the session is known. */
interface Assumed {
  root: string;
  target: string;
  auth: AuthConfig;
  hint: PrefetchHint;
}

export class Prefetch {
  private reads = new PrefetchReads();
  private assumed?: Assumed;
  /** Resolves once the local cache was read and the work handed to the worker. */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly concurrency = 10) {}

  /**
   * Starts reading before the bundle is loaded, when the last deploy of the target left a hint
   * and the environment or a profile alone yields credentials for the host it names. Never
   * fails: without a hint or credentials, nothing starts and `start` does the work later.
   */
  async startEarly(io: Io, opts: EarlyPrefetchOptions): Promise<void> {
    try {
      const found = await findBundleRoot(io.fs, { cwd: io.cwd, env: io.env, bundleDir: opts.bundleDir });
      if (!found.root) return;
      const chosen = await readHint(io, found.root.dir, opts.target ?? io.env.DATABRICKS_BUNDLE_TARGET);
      if (!chosen) return;
      // Without the bundle's workspace.host: the host must come from where the credentials do
      // (DATABRICKS_HOST, or the profile), so a token is only ever sent to its own host. Hence
      // no early start for credentials in the environment without DATABRICKS_HOST: the bundle,
      // not loaded yet, may name another host for them than the profile the hint names.
      if (!credentialsBoundToHost(io.env)) return;
      const auth = await readAuthConfig(io, { flags: { profile: opts.profile }, bundle: { profile: chosen.hint.profile } });
      if (auth.host !== chosen.hint.host) return;
      this.assumed = { root: found.root.dir, target: chosen.target, auth, hint: chosen.hint };
      const credentials = await credentialsOf(io, auth);
      const statePath = join(found.root.dir, '.databricks', 'bundle', chosen.target, STATE_FILE);
      // Not awaited: an OAuth token is fetched while the bundle loads (a PAT is at hand at once).
      this.ready = this.launch(io, statePath, auth.host, () => credentials.authorization());
    } catch {
      this.assumed = undefined;
    }
  }

  /**
   * Called once the session's client exists: keeps an early prefetch that read from the same
   * place with the same credentials, else starts reading every job the local state cache of the
   * bundle's target names. `auth` is absent for the embedded workspace.
   */
  start(io: Io, client: WorkspaceClient, bundle: LoadedBundle, auth?: AuthConfig): void {
    const early = this.assumed;
    if (early && early.root === bundle.root && early.target === bundle.target && auth && sameCredentials(auth, early.auth)) return;
    this.drop();
    const path = join(bundle.root, '.databricks', 'bundle', bundle.target ?? 'default', STATE_FILE);
    this.ready = this.launch(io, path, client.host, () => client.authorization());
  }

  /** Drops an early prefetch when the session resolved to another host, state path or user. */
  confirm(session: SessionFacts): void {
    if (this.assumed && !hintMatches(this.assumed.hint, session)) this.drop();
  }

  /** The prefetched job: its value (undefined when it no longer exists), or undefined to ask again. */
  job(id: string): Promise<{ value: Job | undefined } | undefined> {
    return this.reads.job(id);
  }

  permissions(id: string): Promise<{ value: ObjectPermissions | undefined } | undefined> {
    return this.reads.permissions(id);
  }

  /** Stops the worker (the session is closing); unanswered reads fall back to the client. */
  stop(): void {
    this.reads.stop();
  }

  /** Whether reads started before the bundle was loaded are still in use (for tests). */
  get startedEarly(): boolean {
    return this.assumed !== undefined;
  }

  private drop(): void {
    this.reads.stop();
    this.reads = new PrefetchReads();
    this.assumed = undefined;
    this.ready = Promise.resolve();
  }

  private launch(io: Io, statePath: string, host: string, authorization: () => Promise<string>): Promise<void> {
    const reads = this.reads;
    return (async () => {
      const text = await readLocal(io, statePath);
      const state = text === undefined ? undefined : parseDeploymentState(text);
      const work: PrefetchWork = { host, authorization: '', userAgent: `jobs-as-code/${VERSION} prefetch`, jobs: [], permissions: [], concurrency: this.concurrency };
      for (const [key, id] of deployedJobIds(state)) {
        work.jobs.push(id);
        if (state!.state[`${jobStateKey(key)}.permissions`]) work.permissions.push(id);
      }
      reads.expect(work.jobs, work.permissions);
      if (work.jobs.length === 0) return;
      work.authorization = await authorization();
      reads.spawn(work);
    })().catch(() => reads.stop());
  }
}

/** A PAT at once; OAuth's providers (and their HTTP client) only when needed. */
async function credentialsOf(io: Io, auth: AuthConfig): Promise<Credentials> {
  if (auth.authType === 'pat') return bearerToken(auth.token!, auth.source);
  const { credentialsFor } = await import('../remote/auth/providers.js');
  return credentialsFor(auth, { clock: io.clock });
}

/** Credentials from the environment come with their host there too (or come from a profile). */
function credentialsBoundToHost(env: Io['env']): boolean {
  return !!env.DATABRICKS_HOST || !(env.DATABRICKS_TOKEN || env.DATABRICKS_CLIENT_ID || env.DATABRICKS_CLIENT_SECRET);
}
