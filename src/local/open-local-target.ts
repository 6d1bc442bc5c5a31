/**
 * What a bundle target with `workspace.host: local` connects to: the embedded workspace whose
 * data lives in `<bundle root>/.databricks/local`. If a server already holds that data dir (a
 * `jobs local serve --data-dir …` left running, or another command in flight), the client
 * connects to it over HTTP with the token from the data dir; otherwise one is started in this
 * process on 127.0.0.1:0 and stopped by `close()`. Either way the deployer talks HTTP, exactly
 * as to a real workspace.
 *
 * @example
 *   if (isLocalHost(bundle.workspace.host)) {
 *     const target = await openLocalTarget({ bundleRoot, clock: io.clock, validateJobSettings, executor });
 *     try { await deploy(plan, target.client); } finally { await target.close(); }
 *   }
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../ports/io.js';
import { bearerToken } from '../remote/auth/credentials.js';
import { createWorkspaceClient, type WorkspaceClient, type WorkspaceClientOptions } from '../remote/client.js';
import { startLocalWorkspace, type LocalWorkspaceOptions } from './start.js';
import { LockHeldError, readLockHolder } from './store/lock.js';

/** `workspace.host: local` (the only spelling) selects the embedded workspace. */
export function isLocalHost(host: string | undefined): boolean {
  return host?.trim().toLowerCase() === 'local';
}

export interface LocalTargetOptions extends Omit<LocalWorkspaceOptions, 'dataDir' | 'noListen' | 'host' | 'port' | 'allowRemote'> {
  bundleRoot: string;
  clock: Clock;
  client?: Partial<Omit<WorkspaceClientOptions, 'host' | 'credentials' | 'clock'>>;
}

export interface LocalTarget {
  client: WorkspaceClient;
  url: string;
  dataDir: string;
  /** True when another server already held the data dir and we connected to it. */
  shared: boolean;
  close(): Promise<void>;
}

export function localDataDir(bundleRoot: string): string {
  return join(bundleRoot, '.databricks', 'local');
}

export async function openLocalTarget(opts: LocalTargetOptions): Promise<LocalTarget> {
  const { bundleRoot, clock, client: clientOptions, ...workspaceOptions } = opts;
  const dataDir = localDataDir(bundleRoot);
  await mkdir(dataDir, { recursive: true });
  const connect = (url: string, token: string): WorkspaceClient =>
    createWorkspaceClient({ ...clientOptions, host: url, credentials: bearerToken(token, `the local workspace token in ${join(dataDir, 'token')}`), clock });
  for (let attempt = 0; ; attempt++) {
    try {
      const ws = await startLocalWorkspace({ ...workspaceOptions, dataDir, host: '127.0.0.1', port: 0 });
      const client = connect(ws.url, ws.token);
      return { client, url: ws.url, dataDir, shared: false, close: async () => (await client.close(), await ws.close()) };
    } catch (err) {
      if (!(err instanceof LockHeldError)) throw err;
      // The holder may still be starting (lock taken, URL not yet announced): ask again shortly.
      const url = err.url ?? (await readLockHolder(dataDir))?.url;
      if (url) {
        const token = (await readFile(join(dataDir, 'token'), 'utf8')).trim();
        const client = connect(url, token);
        return { client, url, dataDir, shared: true, close: () => client.close() };
      }
      if (attempt >= 50) throw err;
      await clock.sleep(100);
    }
  }
}
