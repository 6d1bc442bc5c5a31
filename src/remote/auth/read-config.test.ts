import { describe, expect, it } from 'vitest';
import type { FileSystem } from '../../ports/io.js';
import { readAuthConfig } from './read-config.js';

function fsWith(files: Record<string, string>): FileSystem {
  return {
    readFile: async (p: string) => {
      if (!(p in files)) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return Buffer.from(files[p] as string);
    },
  } as unknown as FileSystem;
}

describe('readAuthConfig', () => {
  it('reads ~/.databrickscfg through the injected fs and home', async () => {
    const c = await readAuthConfig({ env: {}, homedir: '/home/u', fs: fsWith({ '/home/u/.databrickscfg': '[DEFAULT]\nhost=https://a.example.com\ntoken=t1\n' }) });
    expect(c).toMatchObject({ host: 'https://a.example.com', token: 't1' });
  });

  it('honours DATABRICKS_CONFIG_FILE (with ~)', async () => {
    const c = await readAuthConfig(
      { env: { DATABRICKS_CONFIG_FILE: '~/cfg/db.ini' }, homedir: '/home/u', fs: fsWith({ '/home/u/cfg/db.ini': '[p]\nhost=https://b.example.com\ntoken=t2\n' }) },
      { flags: { profile: 'p' } },
    );
    expect(c).toMatchObject({ host: 'https://b.example.com', token: 't2', profile: 'p' });
  });

  it('works without a config file', async () => {
    const c = await readAuthConfig({ env: { DATABRICKS_HOST: 'https://c.example.com', DATABRICKS_TOKEN: 't3' }, homedir: '/h', fs: fsWith({}) });
    expect(c.authType).toBe('pat');
  });
});
