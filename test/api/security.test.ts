/**
 * Security of the embedded workspace and of the client: every request needs the bearer token,
 * the server refuses non-loopback binds unless asked, and tokens and secrets never show up in
 * debug logs or error messages.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NonLoopbackError } from '../../src/local/server/http-server.js';
import { startLocalWorkspace, type LocalWorkspace } from '../../src/local/start.js';
import { bearerToken } from '../../src/remote/auth/credentials.js';
import { credentialsFor } from '../../src/remote/auth/providers.js';
import { createWorkspaceClient } from '../../src/remote/client.js';
import type { ApiError } from '../../src/remote/errors.js';
import { realClock } from '../helpers/local-workspace.js';

const TOKEN = 'dapi-local-SECRET-0123456789abcdef';

describe('authentication', () => {
  let ws: LocalWorkspace;
  beforeAll(async () => {
    ws = await startLocalWorkspace({ token: TOKEN });
  });
  afterAll(() => ws.close());

  const get = (headers: Record<string, string>) => request(`${ws.url}/api/2.2/jobs/list`, { headers });

  it('refuses a request without a token (401) and with a wrong one (403)', async () => {
    const none = await get({});
    expect(none.statusCode).toBe(401);
    expect(await none.body.json()).toMatchObject({ error_code: 'UNAUTHENTICATED' });
    const wrong = await get({ authorization: 'Bearer nope-nope-nope' });
    expect(wrong.statusCode).toBe(403);
    expect(await wrong.body.json()).toMatchObject({ error_code: 'PERMISSION_DENIED' });
    const basic = await get({ authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` });
    expect(basic.statusCode).toBe(403);
    await basic.body.dump();
    const ok = await get({ authorization: `Bearer ${TOKEN}` });
    expect(ok.statusCode).toBe(200);
    await ok.body.dump();
  });

  it('never puts the token in debug logs or error messages', async () => {
    const lines: string[] = [];
    const good = createWorkspaceClient({ host: ws.url, credentials: bearerToken(TOKEN, 'DATABRICKS_TOKEN'), clock: realClock, debug: (l) => lines.push(l) });
    await good.jobs.create({ name: 'j', description: `mentions ${TOKEN} in a body` });
    await good.workspace.importFile(`/Shared/${TOKEN}.txt`, TOKEN, { overwrite: true });
    await good.workspace.download(`/Shared/${TOKEN}.txt`);
    await good.jobs.listPage({ name: TOKEN });
    await good.close();
    const badToken = `${TOKEN}-wrong`;
    const bad = createWorkspaceClient({ host: ws.url, credentials: bearerToken(badToken, 'a personal access token from DATABRICKS_TOKEN'), clock: realClock, debug: (l) => lines.push(l) });
    const err = (await bad.jobs.listPage().catch((e: unknown) => e)) as ApiError;
    await bad.close();
    expect(err.status).toBe(403);
    expect(err.message).toMatch(/a personal access token from DATABRICKS_TOKEN/);
    const text = lines.join('\n') + err.message + String(err.stack);
    expect(lines.length).toBeGreaterThan(5);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toMatch(/authorization/i);
  });

  it('never logs OAuth client secrets or the tokens they yield', async () => {
    const lines: string[] = [];
    const creds = credentialsFor(
      { host: ws.url, authType: 'oauth-m2m', clientId: 'cid', clientSecret: 'client-SECRET-value', source: 'OAuth M2M client cid from DATABRICKS_CLIENT_ID' },
      // The token endpoint hands out the workspace token, so the client can then call it.
      { clock: realClock, http: { get: async () => ({ status: 500, text: '' }), postForm: async () => ({ status: 200, text: JSON.stringify({ access_token: TOKEN, expires_in: 3600 }) }) } },
    );
    const client = createWorkspaceClient({ host: ws.url, credentials: creds, clock: realClock, debug: (l) => lines.push(l) });
    await client.jobs.create({ name: `oauth ${TOKEN} client-SECRET-value` });
    await client.close();
    expect(lines.join('\n')).not.toMatch(/client-SECRET-value|dapi-local-SECRET/);
  });
});

describe('binding', () => {
  it('refuses non-loopback addresses unless explicitly allowed', async () => {
    for (const host of ['0.0.0.0', '192.168.1.10', '::']) await expect(startLocalWorkspace({ host, token: TOKEN })).rejects.toBeInstanceOf(NonLoopbackError);
    const open = await startLocalWorkspace({ host: '0.0.0.0', allowRemote: true, token: TOKEN });
    expect(open.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    await open.close();
  });

  it('writes a generated token to <data-dir>/token with mode 0600 and reuses it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jobs-sec-'));
    try {
      const a = await startLocalWorkspace({ dataDir: dir });
      expect(a.tokenFile).toBe(join(dir, 'token'));
      expect((await stat(join(dir, 'token'))).mode & 0o777).toBe(0o600);
      const token = a.token;
      await a.close();
      const b = await startLocalWorkspace({ dataDir: dir });
      expect(b.token).toBe(token);
      await b.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
