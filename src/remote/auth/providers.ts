/**
 * Credentials for each auth type. PAT is a fixed header. OAuth M2M asks the workspace token
 * endpoint (`<host>/oidc/v1/token`, client_credentials, scope `all-apis`, client id and secret in
 * a Basic header as the Go SDK sends them). GitHub OIDC federation first gets an id token from
 * GitHub Actions (`ACTIONS_ID_TOKEN_REQUEST_URL&audience=…` with the request token; the audience
 * defaults to the token endpoint URL, as in the Go SDK), then exchanges it at the same endpoint
 * (`grant_type=urn:ietf:params:oauth:grant-type:token-exchange`, `subject_token_type=…:jwt`).
 * Tokens are cached until shortly before they expire; concurrent callers share one fetch.
 */
import { EXPECTED_FAILURE } from '../../diag/errors.js';
import type { Clock } from '../../ports/io.js';
import { redactText } from '../redact.js';
import { bearerToken, type Credentials } from './credentials.js';
import type { AuthConfig } from './resolve.js';
import { undiciTokenHttp, type TokenHttp } from './token-http.js';

export class AuthError extends Error {
  readonly [EXPECTED_FAILURE] = true;
  readonly code = 'remote/auth-failed';
}

export interface ProviderOptions {
  clock: Clock;
  http?: TokenHttp;
  /** Refresh this long before expiry (default 60 s). */
  refreshMarginMs?: number;
}

export function credentialsFor(config: AuthConfig, options: ProviderOptions): Credentials {
  if (config.authType === 'pat') return bearerToken(config.token as string, config.source);
  const http = options.http ?? undiciTokenHttp();
  const tokenUrl = `${config.host}/oidc/v1/token`;
  const known = [config.clientSecret, config.actionsIdTokenRequestToken].filter((s): s is string => !!s);
  const fetchToken = config.authType === 'oauth-m2m'
    ? () => clientCredentials(http, tokenUrl, config, known)
    : () => githubFederation(http, tokenUrl, config, known);
  return cachedOAuth(fetchToken, config.source, known, options);
}

interface FetchedToken {
  accessToken: string;
  expiresInMs: number;
}

function cachedOAuth(fetchToken: () => Promise<FetchedToken>, source: string, known: string[], o: ProviderOptions): Credentials {
  const margin = o.refreshMarginMs ?? 60_000;
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  const issued: string[] = [];
  return {
    source,
    async authorization() {
      const now = o.clock.now().getTime();
      if (cached && now < cached.refreshAt) return `Bearer ${cached.token}`;
      inFlight ??= fetchToken()
        .then((t) => {
          cached = { token: t.accessToken, refreshAt: o.clock.now().getTime() + Math.max(0, t.expiresInMs - margin) };
          issued.push(t.accessToken);
          return t.accessToken;
        })
        .finally(() => {
          inFlight = undefined;
        });
      return `Bearer ${await inFlight}`;
    },
    secrets: () => [...known, ...issued],
    invalidate() {
      cached = undefined;
    },
  };
}

async function clientCredentials(http: TokenHttp, tokenUrl: string, c: AuthConfig, known: string[]): Promise<FetchedToken> {
  const basic = Buffer.from(`${encodeURIComponent(c.clientId as string)}:${encodeURIComponent(c.clientSecret as string)}`).toString('base64');
  const res = await http.postForm(tokenUrl, { grant_type: 'client_credentials', scope: 'all-apis' }, { authorization: `Basic ${basic}` });
  return readToken(res, `${c.source}: token request to ${tokenUrl}`, known);
}

async function githubFederation(http: TokenHttp, tokenUrl: string, c: AuthConfig, known: string[]): Promise<FetchedToken> {
  const audience = c.tokenAudience ?? tokenUrl;
  const idUrl = `${c.actionsIdTokenRequestUrl as string}&audience=${encodeURIComponent(audience)}`;
  const idRes = await http.get(idUrl, { authorization: `Bearer ${c.actionsIdTokenRequestToken as string}` });
  if (idRes.status >= 400) throw new AuthError(redactText(`${c.source}: GitHub refused the id token request (${idRes.status}): ${idRes.text.slice(0, 200)}. Does the workflow grant \`permissions: id-token: write\`?`, known));
  const jwt = (safeJson(idRes.text) as { value?: string } | undefined)?.value;
  if (!jwt) throw new AuthError(`${c.source}: GitHub's id token response has no value`);
  const res = await http.postForm(tokenUrl, {
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    subject_token: jwt, client_id: c.clientId as string, scope: 'all-apis',
  }, {});
  return readToken(res, `${c.source}: token exchange at ${tokenUrl}`, [...known, jwt]);
}

function readToken(res: { status: number; text: string }, what: string, known: string[]): FetchedToken {
  const body = safeJson(res.text) as { access_token?: string; expires_in?: number; error?: string; error_description?: string } | undefined;
  if (res.status >= 400 || !body?.access_token) {
    const why = body?.error ? `${body.error}${body.error_description ? `: ${body.error_description}` : ''}` : res.text.slice(0, 200);
    throw new AuthError(redactText(`${what} failed (${res.status}): ${why}. Check the client id and secret (or the federation policy) for this workspace.`, known));
  }
  return { accessToken: body.access_token, expiresInMs: (body.expires_in ?? 3600) * 1000 };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
