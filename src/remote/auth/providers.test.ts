import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AuthError, credentialsFor } from './providers.js';
import type { AuthConfig } from './resolve.js';
import { undiciTokenHttp, type TokenHttp } from './token-http.js';

function fakeClock() {
  let t = 1_000_000;
  return { advance: (ms: number) => void (t += ms), now: () => new Date(t), sleep: async () => undefined };
}

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  form?: Record<string, string>;
}

function fakeHttp(answer: (s: Seen) => { status: number; body: unknown }): TokenHttp & { seen: Seen[] } {
  const seen: Seen[] = [];
  const reply = (s: Seen) => {
    seen.push(s);
    const a = answer(s);
    return Promise.resolve({ status: a.status, text: JSON.stringify(a.body) });
  };
  return {
    seen,
    get: (url, headers) => reply({ method: 'GET', url, headers }),
    postForm: (url, form, headers) => reply({ method: 'POST', url, headers, form }),
  };
}

const m2m: AuthConfig = { host: 'https://ws.example.com', authType: 'oauth-m2m', clientId: 'cid', clientSecret: 'csecret', source: 'OAuth M2M client cid from DATABRICKS_CLIENT_ID' };

describe('OAuth M2M', () => {
  it('asks <host>/oidc/v1/token with client_credentials and caches until shortly before expiry', async () => {
    let n = 0;
    const http = fakeHttp(() => ({ status: 200, body: { access_token: `at-${++n}`, expires_in: 3600, token_type: 'Bearer' } }));
    const clock = fakeClock();
    const creds = credentialsFor(m2m, { clock, http });
    expect(await creds.authorization()).toBe('Bearer at-1');
    expect(await creds.authorization()).toBe('Bearer at-1');
    expect(http.seen).toHaveLength(1);
    const [req] = http.seen;
    expect(req?.url).toBe('https://ws.example.com/oidc/v1/token');
    expect(req?.form).toEqual({ grant_type: 'client_credentials', scope: 'all-apis' });
    expect(req?.headers.authorization).toBe(`Basic ${Buffer.from('cid:csecret').toString('base64')}`);
    clock.advance(3600_000 - 59_000);
    expect(await creds.authorization()).toBe('Bearer at-2');
    creds.invalidate?.();
    expect(await creds.authorization()).toBe('Bearer at-3');
    expect(creds.secrets()).toEqual(expect.arrayContaining(['csecret', 'at-1', 'at-3']));
  });

  it('shares one token request among concurrent callers', async () => {
    const http = fakeHttp(() => ({ status: 200, body: { access_token: 'at', expires_in: 3600 } }));
    const creds = credentialsFor(m2m, { clock: fakeClock(), http });
    await Promise.all(Array.from({ length: 5 }, () => creds.authorization()));
    expect(http.seen).toHaveLength(1);
  });

  it('explains a refused client without echoing the secret', async () => {
    const http = fakeHttp(() => ({ status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed for csecret' } }));
    const err = await credentialsFor(m2m, { clock: fakeClock(), http }).authorization().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as Error).message).toMatch(/invalid_client/);
    expect((err as Error).message).not.toContain('csecret');
  });
});

describe('GitHub Actions OIDC federation', () => {
  const gh: AuthConfig = {
    host: 'https://ws.example.com', authType: 'github-oidc', clientId: 'sp-app-id', source: 'GitHub Actions OIDC',
    actionsIdTokenRequestUrl: 'https://pipelines.example/idtoken?api-version=2.0', actionsIdTokenRequestToken: 'gh-request-token',
  };

  it('gets an id token for the token endpoint audience and exchanges it', async () => {
    const http = fakeHttp((s) => (s.method === 'GET' ? { status: 200, body: { value: 'the.jwt.value' } } : { status: 200, body: { access_token: 'ws-token', expires_in: 3600 } }));
    const creds = credentialsFor(gh, { clock: fakeClock(), http });
    expect(await creds.authorization()).toBe('Bearer ws-token');
    const [get, post] = http.seen;
    expect(get?.url).toBe(`https://pipelines.example/idtoken?api-version=2.0&audience=${encodeURIComponent('https://ws.example.com/oidc/v1/token')}`);
    expect(get?.headers.authorization).toBe('Bearer gh-request-token');
    expect(post?.url).toBe('https://ws.example.com/oidc/v1/token');
    expect(post?.form).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      subject_token: 'the.jwt.value', client_id: 'sp-app-id', scope: 'all-apis',
    });
    expect(creds.secrets()).toEqual(expect.arrayContaining(['gh-request-token', 'ws-token']));
  });

  it('uses DATABRICKS_TOKEN_AUDIENCE when given', async () => {
    const http = fakeHttp((s) => (s.method === 'GET' ? { status: 200, body: { value: 'j' } } : { status: 200, body: { access_token: 't' } }));
    await credentialsFor({ ...gh, tokenAudience: 'my-aud' }, { clock: fakeClock(), http }).authorization();
    expect(http.seen[0]?.url.endsWith('&audience=my-aud')).toBe(true);
  });
});

it('sends a form-encoded body over undici', async () => {
  const got: { body: string; type?: string }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      got.push({ body, type: req.headers['content-type'] });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"x","expires_in":60}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    expect(await credentialsFor({ ...m2m, host }, { clock: fakeClock(), http: undiciTokenHttp() }).authorization()).toBe('Bearer x');
    expect(got[0]).toEqual({ body: 'grant_type=client_credentials&scope=all-apis', type: 'application/x-www-form-urlencoded' });
  } finally {
    server.close();
  }
});
