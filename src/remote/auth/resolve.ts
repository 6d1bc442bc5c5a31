/**
 * Where the credentials come from, decided as the Databricks SDKs and CLI decide it, as a pure
 * function of (environment, config file text, flags, bundle workspace settings) → `AuthConfig`.
 *
 * Order, per attribute: the bundle (`workspace.host`) > environment (`DATABRICKS_*`) > the
 * selected profile of `~/.databrickscfg` (or `DATABRICKS_CONFIG_FILE`). The profile is
 * `--profile` > bundle `workspace.profile` > `DATABRICKS_CONFIG_PROFILE`; without one, the single
 * profile whose host matches (several → error), else `[DEFAULT]`. The auth type is
 * `auth_type`/`DATABRICKS_AUTH_TYPE` when set, else: a token → PAT; client id + secret → OAuth
 * M2M; client id inside GitHub Actions with an id-token URL → GitHub OIDC federation. Token and
 * client secret together is ambiguous and an error, as in the SDKs.
 *
 * Deliberately stricter than the reference in two places, because a token sent to the wrong
 * host is a leak: a selected profile whose host differs from the bundle's is an error ("config
 * host mismatch", as the CLI says), and so is a `DATABRICKS_HOST` that differs from the bundle's
 * `workspace.host`. Hosts must be https, except loopback (`http://127.0.0.1:…`, `localhost`).
 */
import { EXPECTED_FAILURE } from '../../diag/errors.js';
import { parseIni } from './ini.js';

export type AuthType = 'pat' | 'oauth-m2m' | 'github-oidc';

export interface AuthInput {
  env: Readonly<Record<string, string | undefined>>;
  /** Text of the config file, when it exists. */
  configFileText?: string;
  /** Display path of the config file (for messages). */
  configFilePath: string;
  flags?: { profile?: string };
  bundle?: { host?: string; profile?: string };
}

export interface AuthConfig {
  host: string;
  authType: AuthType;
  /** Human description of where the credentials came from (never the secret itself). */
  source: string;
  profile?: string;
  token?: string;
  clientId?: string;
  clientSecret?: string;
  /** GitHub OIDC: the id-token request URL and its bearer token, and the audience to ask for. */
  actionsIdTokenRequestUrl?: string;
  actionsIdTokenRequestToken?: string;
  tokenAudience?: string;
}

export class AuthConfigError extends Error {
  readonly [EXPECTED_FAILURE] = true;
  readonly code = 'remote/auth-config';
}

interface Attr {
  value: string;
  from: string;
}

const ENV_KEYS = {
  host: 'DATABRICKS_HOST', token: 'DATABRICKS_TOKEN', client_id: 'DATABRICKS_CLIENT_ID', client_secret: 'DATABRICKS_CLIENT_SECRET',
  auth_type: 'DATABRICKS_AUTH_TYPE', token_audience: 'DATABRICKS_TOKEN_AUDIENCE',
} as const;
type Key = keyof typeof ENV_KEYS;

export function resolveAuth(input: AuthInput): AuthConfig {
  const env = input.env;
  const sections = input.configFileText !== undefined ? parseIni(input.configFileText) : new Map<string, Record<string, string>>();
  const attrs = new Map<Key, Attr>();
  const set = (k: Key, value: string | undefined, from: string): void => {
    if (value !== undefined && value !== '' && !attrs.has(k)) attrs.set(k, { value, from });
  };
  const bundleHost = input.bundle?.host ? normalizeHost(input.bundle.host, 'the bundle workspace.host') : undefined;
  if (bundleHost) set('host', bundleHost, 'the bundle (workspace.host)');
  const envHost = env.DATABRICKS_HOST ? normalizeHost(env.DATABRICKS_HOST, 'DATABRICKS_HOST') : undefined;
  if (bundleHost && envHost && envHost !== bundleHost)
    throw new AuthConfigError(`host mismatch: DATABRICKS_HOST is ${envHost}, but the bundle's workspace.host is ${bundleHost}; unset one of them or make them agree`);
  for (const k of Object.keys(ENV_KEYS) as Key[]) set(k, k === 'host' ? envHost : env[ENV_KEYS[k]], ENV_KEYS[k]);

  const { name: profile, explicit } = chooseProfile(input, sections, attrs.get('host')?.value);
  if (profile !== undefined) {
    const values = sections.get(profile);
    if (!values || Object.keys(values).length === 0) {
      if (explicit) throw new AuthConfigError(`${input.configFilePath} has no ${profile} profile configured`);
    } else {
      const profileHost = values.host ? normalizeHost(values.host, `profile ${profile}`) : undefined;
      const configured = attrs.get('host')?.value;
      if (profileHost && configured && profileHost !== configured)
        throw new AuthConfigError(`config host mismatch: profile uses host ${profileHost}, but CLI configured to use ${configured}`);
      const from = `profile [${profile}] in ${input.configFilePath}`;
      set('host', profileHost, from);
      for (const k of ['token', 'client_id', 'client_secret', 'auth_type', 'token_audience'] as const) set(k, values[k], from);
    }
  }
  const host = attrs.get('host');
  if (!host) throw new AuthConfigError(`no workspace host configured: set workspace.host in the bundle, DATABRICKS_HOST, or a profile in ${input.configFilePath} (--profile)`);
  return { ...pickAuth(attrs, env), host: host.value, ...(profile !== undefined && sections.get(profile) ? { profile } : {}) };
}

function chooseProfile(input: AuthInput, sections: Map<string, Record<string, string>>, host: string | undefined): { name?: string; explicit: boolean } {
  const named = input.flags?.profile ?? input.bundle?.profile ?? input.env.DATABRICKS_CONFIG_PROFILE;
  if (named) return { name: named, explicit: true };
  if (!host) return { name: 'DEFAULT', explicit: false };
  const matching = [...sections].filter(([, v]) => v.host && safeHost(v.host) === host).map(([k]) => k);
  if (matching.length > 1 && !matching.includes('DEFAULT'))
    throw new AuthConfigError(`multiple profiles in ${input.configFilePath} match host ${host}: ${matching.join(', ')}; choose one with --profile`);
  // The DEFAULT profile only fills gaps when it is for the same host: never mix hosts.
  return { name: matching.includes('DEFAULT') ? 'DEFAULT' : matching[0], explicit: false };
}

function pickAuth(attrs: Map<Key, Attr>, env: AuthInput['env']): Omit<AuthConfig, 'host' | 'profile'> {
  const v = (k: Key): string | undefined => attrs.get(k)?.value;
  const from = (k: Key): string => attrs.get(k)?.from ?? '';
  const declared = v('auth_type');
  const gh = { url: env.ACTIONS_ID_TOKEN_REQUEST_URL, token: env.ACTIONS_ID_TOKEN_REQUEST_TOKEN };
  let type: AuthType;
  if (declared) {
    if (declared === 'github-oidc-databricks-wif') type = 'github-oidc';
    else if (declared === 'pat' || declared === 'oauth-m2m' || declared === 'github-oidc') type = declared;
    else throw new AuthConfigError(`auth type ${declared} (from ${from('auth_type')}) is not supported; use pat, oauth-m2m or github-oidc`);
  } else if (v('token') && v('client_secret')) {
    throw new AuthConfigError(`validate: more than one authorization method configured: oauth and pat (token from ${from('token')}, client secret from ${from('client_secret')}); remove one or set DATABRICKS_AUTH_TYPE`);
  } else if (v('token')) type = 'pat';
  else if (v('client_id') && v('client_secret')) type = 'oauth-m2m';
  else if (v('client_id') && gh.url && gh.token) type = 'github-oidc';
  else throw new AuthConfigError('no credentials configured: set DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET, or use a profile (--profile); in GitHub Actions, DATABRICKS_CLIENT_ID with `permissions: id-token: write`');
  const need = (k: Key): string => {
    const value = v(k);
    if (!value) throw new AuthConfigError(`auth type ${type} needs ${k} (${ENV_KEYS[k]})`);
    return value;
  };
  if (type === 'pat') return { authType: type, token: need('token'), source: `a personal access token from ${from('token')}` };
  if (type === 'oauth-m2m')
    return { authType: type, clientId: need('client_id'), clientSecret: need('client_secret'), source: `OAuth M2M client ${need('client_id')} from ${from('client_id')}` };
  if (!gh.url || !gh.token) throw new AuthConfigError('auth type github-oidc needs ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN (grant `id-token: write` to the workflow)');
  return {
    authType: type, clientId: need('client_id'), actionsIdTokenRequestUrl: gh.url, actionsIdTokenRequestToken: gh.token,
    ...(v('token_audience') ? { tokenAudience: v('token_audience') } : {}),
    source: `GitHub Actions OIDC federation for client ${need('client_id')} from ${from('client_id')}`,
  };
}

/** `https://host` without path or trailing slash; http only for loopback. */
export function normalizeHost(raw: string, from: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw.trim()) ? raw.trim() : `https://${raw.trim()}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AuthConfigError(`${from}: ${raw} is not a valid host`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || /^127\./.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new AuthConfigError(`${from}: ${raw} must use https (plain http is only allowed for loopback hosts like http://127.0.0.1:<port>)`);
  return `${url.protocol}//${url.host}`.toLowerCase();
}

function safeHost(raw: string): string | undefined {
  try {
    return normalizeHost(raw, 'profile');
  } catch {
    return undefined;
  }
}

/**
 * Two resolutions that authenticate as the same principal on the same host: equal host, auth
 * type and secrets (where each came from does not matter). Used to keep reads made with
 * credentials resolved before the bundle was loaded (deploy's early prefetch).
 */
export function sameCredentials(a: AuthConfig, b: AuthConfig): boolean {
  const fields = ['host', 'authType', 'token', 'clientId', 'clientSecret', 'actionsIdTokenRequestUrl', 'actionsIdTokenRequestToken', 'tokenAudience'] as const;
  return fields.every((f) => a[f] === b[f]);
}
