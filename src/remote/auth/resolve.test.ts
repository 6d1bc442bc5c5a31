import { describe, expect, it } from 'vitest';
import { AuthConfigError, resolveAuth, sameCredentials, type AuthInput } from './resolve.js';

const CFG = `
[DEFAULT]
host = https://default.cloud.databricks.com
token = dapi-default

[prod]
host = https://prod.cloud.databricks.com/
token = dapi-prod

[sp]
host = prod.cloud.databricks.com
client_id = sp-id
client_secret = sp-secret
`;

const resolve = (over: Partial<AuthInput>) => resolveAuth({ env: {}, configFilePath: '~/.databrickscfg', configFileText: CFG, ...over });
const fails = (over: Partial<AuthInput>): string => {
  try {
    resolve(over);
  } catch (err) {
    expect(err).toBeInstanceOf(AuthConfigError);
    return (err as Error).message;
  }
  throw new Error('expected an AuthConfigError');
};

describe('resolveAuth', () => {
  it('uses DATABRICKS_HOST and DATABRICKS_TOKEN (PAT)', () => {
    const c = resolve({ env: { DATABRICKS_HOST: 'https://env.cloud.databricks.com/', DATABRICKS_TOKEN: 'dapi-env' }, configFileText: undefined });
    expect(c).toMatchObject({ host: 'https://env.cloud.databricks.com', authType: 'pat', token: 'dapi-env' });
    expect(c.source).toBe('a personal access token from DATABRICKS_TOKEN');
  });

  it('falls back to the DEFAULT profile', () => {
    expect(resolve({})).toMatchObject({ host: 'https://default.cloud.databricks.com', token: 'dapi-default', profile: 'DEFAULT' });
  });

  it('takes --profile over the bundle profile over DATABRICKS_CONFIG_PROFILE', () => {
    expect(resolve({ env: { DATABRICKS_CONFIG_PROFILE: 'sp' }, bundle: { profile: 'prod' }, flags: { profile: 'DEFAULT' } }).profile).toBe('DEFAULT');
    expect(resolve({ env: { DATABRICKS_CONFIG_PROFILE: 'sp' }, bundle: { profile: 'prod' } }).profile).toBe('prod');
    expect(resolve({ env: { DATABRICKS_CONFIG_PROFILE: 'sp' } })).toMatchObject({ profile: 'sp', authType: 'oauth-m2m', clientId: 'sp-id' });
  });

  it('lets the environment win over the profile, attribute by attribute', () => {
    const c = resolve({ flags: { profile: 'prod' }, env: { DATABRICKS_TOKEN: 'dapi-env' } });
    expect(c).toMatchObject({ host: 'https://prod.cloud.databricks.com', token: 'dapi-env' });
  });

  it('errors on a profile whose host differs from the bundle host', () => {
    expect(fails({ flags: { profile: 'prod' }, bundle: { host: 'https://other.cloud.databricks.com' } })).toBe(
      'config host mismatch: profile uses host https://prod.cloud.databricks.com, but CLI configured to use https://other.cloud.databricks.com',
    );
  });

  it('errors when DATABRICKS_HOST and the bundle host disagree', () => {
    expect(fails({ env: { DATABRICKS_HOST: 'https://a.cloud.databricks.com', DATABRICKS_TOKEN: 'x' }, bundle: { host: 'https://b.cloud.databricks.com' } })).toMatch(/^host mismatch/);
  });

  it('finds the one profile matching the bundle host, and refuses to guess between several', () => {
    expect(resolve({ bundle: { host: 'https://default.cloud.databricks.com' } }).token).toBe('dapi-default');
    expect(fails({ bundle: { host: 'https://prod.cloud.databricks.com' } })).toMatch(/multiple profiles .* match host https:\/\/prod\.cloud\.databricks\.com: prod, sp/);
    // No profile for that host: the DEFAULT profile of another host is not mixed in.
    expect(fails({ bundle: { host: 'https://new.cloud.databricks.com' } })).toMatch(/^no credentials configured/);
  });

  it('names a missing explicit profile', () => {
    expect(fails({ flags: { profile: 'nope' } })).toBe('~/.databrickscfg has no nope profile configured');
  });

  it('picks OAuth M2M from client id + secret and GitHub OIDC inside Actions', () => {
    const env = { DATABRICKS_HOST: 'https://h.cloud.databricks.com', DATABRICKS_CLIENT_ID: 'cid' };
    expect(resolve({ configFileText: undefined, env: { ...env, DATABRICKS_CLIENT_SECRET: 's' } }).authType).toBe('oauth-m2m');
    const gh = resolve({ configFileText: undefined, env: { ...env, ACTIONS_ID_TOKEN_REQUEST_URL: 'https://gh/x?a=1', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'rt' } });
    expect(gh).toMatchObject({ authType: 'github-oidc', clientId: 'cid', actionsIdTokenRequestUrl: 'https://gh/x?a=1' });
    expect(fails({ configFileText: undefined, env })).toMatch(/^no credentials configured/);
  });

  it('refuses a token and a client secret together unless the auth type is set', () => {
    const env = { DATABRICKS_HOST: 'https://h.cloud.databricks.com', DATABRICKS_TOKEN: 't', DATABRICKS_CLIENT_ID: 'c', DATABRICKS_CLIENT_SECRET: 's' };
    expect(fails({ configFileText: undefined, env })).toMatch(/more than one authorization method configured: oauth and pat/);
    expect(resolve({ configFileText: undefined, env: { ...env, DATABRICKS_AUTH_TYPE: 'oauth-m2m' } }).authType).toBe('oauth-m2m');
  });

  it('accepts https and loopback http only, and never puts secrets in messages', () => {
    expect(resolve({ configFileText: undefined, env: { DATABRICKS_HOST: 'http://127.0.0.1:8123', DATABRICKS_TOKEN: 't' } }).host).toBe('http://127.0.0.1:8123');
    expect(resolve({ configFileText: undefined, env: { DATABRICKS_HOST: 'http://localhost:9', DATABRICKS_TOKEN: 't' } }).host).toBe('http://localhost:9');
    const msg = fails({ configFileText: undefined, env: { DATABRICKS_HOST: 'http://ws.example.com', DATABRICKS_TOKEN: 'dapi-very-secret' } });
    expect(msg).toMatch(/must use https/);
    expect(msg).not.toContain('dapi-very-secret');
  });
});

describe('sameCredentials', () => {
  const base = { host: 'https://a.example.com', authType: 'pat' as const, token: 't', source: 'a personal access token from DATABRICKS_TOKEN' };
  it('ignores where the credentials came from, not what they are', () => {
    expect(sameCredentials(base, { ...base, source: 'profile [a] in ~/.databrickscfg', profile: 'a' })).toBe(true);
    expect(sameCredentials(base, { ...base, token: 'u' })).toBe(false);
    expect(sameCredentials(base, { ...base, host: 'https://b.example.com' })).toBe(false);
    expect(sameCredentials({ ...base, authType: 'oauth-m2m', token: undefined, clientId: 'c', clientSecret: 's' }, { ...base, authType: 'oauth-m2m', token: undefined, clientId: 'c', clientSecret: 'x' })).toBe(false);
  });
});
