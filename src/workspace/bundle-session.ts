/**
 * The front half of every command that talks to a workspace (plan, deploy, destroy, run,
 * summary): load the bundle, connect to its workspace (the embedded one for
 * `workspace.host: local`, a real one otherwise), learn who is deploying, resolve the bundle
 * again with that identity (`${workspace.current_user.*}`, user-scoped paths, the development
 * prefix), validate it and normalise it to the schema's types.
 *
 * Loading happens twice because the host and profile are needed to connect, and the identity
 * the connection reveals is needed to resolve; the reference CLI has the same two phases.
 */
import type { LoadedBundle } from '../bundle/load-bundle.js';
import { loadBundle } from '../bundle/load-bundle.js';
import type { ParseCache } from '../bundle/read-bundle.js';
import { isServicePrincipal, type CurrentUser } from '../bundle/current-user.js';
import { hasErrors, type Diagnostic } from '../diag/diagnostic.js';
import { isLocalHost, openLocalTarget } from '../local/open-local-target.js';
import type { Io } from '../ports/io.js';
import type { AuthConfig } from '../remote/auth/resolve.js';
import { openWorkspaceClient } from '../remote/connect.js';
import type { WorkspaceClient } from '../remote/client.js';
import { normalizeToSchema } from '../schema/normalize.js';
import { jobViews } from '../validate/check.js';
import { validateConfig } from '../validate/validate-config.js';

export interface SessionOptions {
  bundleDir?: string;
  target?: string;
  vars?: readonly { name: string; value: string }[];
  /** `--profile`. */
  profile?: string;
  debug?: boolean;
  /** Parallel requests (tool settings `concurrency`). */
  concurrency?: number;
  /**
   * Called once the client exists, before the identity is asked and the bundle resolved again,
   * with the bundle as first loaded: a command may start reads that do not depend on the user
   * (deploy prefetches the jobs its local state names) so they overlap the second load. `auth`
   * is where the credentials came from (absent for the embedded workspace).
   */
  onConnect?: (client: WorkspaceClient, first: LoadedBundle, auth?: AuthConfig) => void;
  /**
   * False for commands that only need the bundle to find the workspace and its deployed jobs
   * (runs, repair): the checks of `jobs validate` are skipped, so a bundle being edited does not
   * keep anyone from looking at runs. Loading errors still stop the session. Default true.
   */
  validate?: boolean;
}

export interface BundleSession {
  /** Resolved with the deploying identity, validated and normalised. */
  bundle: LoadedBundle;
  client: WorkspaceClient;
  /** The workspace URL requests go to. */
  host: string;
  /** True for the embedded workspace (`workspace.host: local`). */
  local: boolean;
  /**
   * The embedded workspace was started by this session and stops with `close()`: runs still
   * going then are stopped too (a `jobs local serve` holding the data dir makes it false).
   */
  ephemeral: boolean;
  user: CurrentUser;
  /** How the client authenticates (absent for the embedded workspace). Holds secrets: never print it. */
  auth?: AuthConfig;
  close(): Promise<void>;
}

export interface SessionResult {
  session?: BundleSession;
  /** Load and validation findings; the session is absent when any is an error. */
  diagnostics: Diagnostic[];
}

export async function openBundleSession(io: Io, opts: SessionOptions): Promise<SessionResult> {
  // The files are parsed once: the second load reuses them (copies, since loading changes them).
  const parseCache: ParseCache = new Map();
  const first = await loadBundle(io, { bundleDir: opts.bundleDir, target: opts.target, vars: opts.vars, parseCache });
  if (!first.bundle || hasErrors(first.diagnostics)) return { diagnostics: first.diagnostics };
  const ws = (first.bundle.config.workspace ?? {}) as { host?: string; profile?: string };
  const local = isLocalHost(ws.host);
  const connection = local
    ? await openLocalTarget({ bundleRoot: first.bundle.root, clock: io.clock, client: { concurrency: opts.concurrency } })
    : await openWorkspaceClient(io, { profile: opts.profile, bundle: { host: ws.host, profile: ws.profile }, debug: opts.debug, concurrency: opts.concurrency });
  const client = connection.client;
  // The local target's close also stops the in-process server and closes its client.
  const close = 'close' in connection ? () => connection.close() : () => client.close();
  const auth = 'auth' in connection ? connection.auth : undefined;
  try {
    opts.onConnect?.(client, first.bundle, auth);
    const me = await client.currentUser.me();
    const user: CurrentUser = { userName: me.userName, displayName: me.displayName, id: me.id };
    const second = await loadBundle(io, {
      bundleDir: opts.bundleDir,
      target: opts.target,
      vars: opts.vars,
      user,
      deployerIsServicePrincipal: isServicePrincipal(user),
      parseCache,
    });
    const diagnostics = second.diagnostics;
    if (!second.bundle || hasErrors(diagnostics)) {
      await close();
      return { diagnostics };
    }
    const config = second.bundle.config;
    if (opts.validate !== false) diagnostics.push(...validateConfig({ config, jobs: jobViews(config), now: io.clock.now() }));
    if (hasErrors(diagnostics)) {
      await close();
      return { diagnostics };
    }
    if (opts.validate !== false) normalizeToSchema(config);
    const host = 'url' in connection ? connection.url : connection.auth.host;
    const ephemeral = 'shared' in connection && !connection.shared;
    return { session: { bundle: second.bundle, client, host, local, ephemeral, user, ...(auth ? { auth } : {}), close }, diagnostics };
  } catch (err) {
    await close();
    throw err;
  }
}
