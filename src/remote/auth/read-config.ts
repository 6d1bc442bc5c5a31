/**
 * The effectful edge of auth resolution: reads `DATABRICKS_CONFIG_FILE` or `~/.databrickscfg`
 * through the injected Io, then calls the pure `resolveAuth`.
 */
import type { Io } from '../../ports/io.js';
import { resolveAuth, type AuthConfig, type AuthInput } from './resolve.js';

export async function readAuthConfig(io: Pick<Io, 'env' | 'fs' | 'homedir'>, opts: Pick<AuthInput, 'flags' | 'bundle'> = {}): Promise<AuthConfig> {
  const configured = io.env.DATABRICKS_CONFIG_FILE;
  const path = configured ? configured.replace(/^~(?=$|\/)/, io.homedir) : `${io.homedir}/.databrickscfg`;
  let text: string | undefined;
  try {
    text = (await io.fs.readFile(path)).toString('utf8');
  } catch (err) {
    // A missing file is normal (CI with env vars only); anything else is worth reporting.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return resolveAuth({ env: io.env, configFileText: text, configFilePath: configured ?? '~/.databrickscfg', ...opts });
}
