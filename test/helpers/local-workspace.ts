/**
 * Starts an embedded workspace and a client for it, in one of two modes: `in-process` (the
 * client's transport calls the router directly) or `http` (undici over loopback). Contract tests
 * run the same suite in both, so the router and the HTTP layer cannot drift apart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalWorkspace, type LocalWorkspace, type LocalWorkspaceOptions } from '../../src/local/start.js';
import { inProcessTransport } from '../../src/local/transport.js';
import { bearerToken } from '../../src/remote/auth/credentials.js';
import { createWorkspaceClient, type WorkspaceClient, type WorkspaceClientOptions } from '../../src/remote/client.js';

export type Mode = 'in-process' | 'http';

export interface TestWorkspace {
  ws: LocalWorkspace;
  client: WorkspaceClient;
  dataDir: string;
  close(): Promise<void>;
}

export const realClock = {
  now: () => new Date(),
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
};

export async function startTestWorkspace(
  mode: Mode,
  options: LocalWorkspaceOptions = {},
  client: Partial<WorkspaceClientOptions> = {},
): Promise<TestWorkspace> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'jobs-local-')));
  const ws = await startLocalWorkspace({ token: 'test-token-0123456789', ...options, dataDir, noListen: mode === 'in-process' });
  const c = createWorkspaceClient({
    host: ws.url,
    credentials: bearerToken(ws.token, 'the test token'),
    clock: realClock,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...(mode === 'in-process' ? { transport: inProcessTransport(ws.router) } : {}),
    ...client,
  });
  return {
    ws, client: c, dataDir,
    async close() {
      await c.close();
      await ws.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
