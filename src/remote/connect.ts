/**
 * The one call commands make to talk to a workspace: resolve auth from the Io (env, config file,
 * flags, bundle settings), build credentials and a client. Debug logs go to stderr, redacted.
 *
 * @example
 *   const { client, auth } = await openWorkspaceClient(io, { profile: globals.profile, bundle: bundle.workspace, debug: globals.debug });
 */
import type { Io } from '../ports/io.js';
import { credentialsFor } from './auth/providers.js';
import { readAuthConfig } from './auth/read-config.js';
import type { AuthConfig } from './auth/resolve.js';
import { createWorkspaceClient, type WorkspaceClient, type WorkspaceClientOptions } from './client.js';

export interface OpenOptions extends Partial<Pick<WorkspaceClientOptions, 'concurrency' | 'timeoutMs' | 'retry' | 'userAgentExtra' | 'transport'>> {
  profile?: string;
  bundle?: { host?: string; profile?: string };
  debug?: boolean;
}

export async function openWorkspaceClient(io: Io, opts: OpenOptions = {}): Promise<{ client: WorkspaceClient; auth: AuthConfig }> {
  const auth = await readAuthConfig(io, { flags: { profile: opts.profile }, bundle: opts.bundle });
  const credentials = credentialsFor(auth, { clock: io.clock });
  const client = createWorkspaceClient({
    host: auth.host, credentials, clock: io.clock, concurrency: opts.concurrency, timeoutMs: opts.timeoutMs, retry: opts.retry, transport: opts.transport,
    userAgentExtra: [`auth/${auth.authType}`, opts.userAgentExtra].filter(Boolean).join(' '),
    ...(opts.debug ? { debug: (line: string) => io.stderr.write(`debug: ${line}\n`) } : {}),
  });
  return { client, auth };
}
