/**
 * Bundles the CLI (src/cli/bin.ts) with esbuild into a temp dir, once per test file, so tests
 * can run the real `jobs` binary as a child process (signals, kill -9, exit codes).
 */
import { build } from 'esbuild';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let built: Promise<string> | undefined;

export function buildCli(): Promise<string> {
  built ??= (async () => {
    const outdir = await mkdtemp(join(tmpdir(), 'jobs-cli-'));
    await build({
      entryPoints: { cli: 'src/cli/bin.ts' }, outdir, bundle: true, format: 'esm', platform: 'node', target: 'node20',
      external: ['cosmiconfig', '@databricks/sdk-experimental'], logLevel: 'warning',
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    });
    // The engine's Python runtime ships beside the bundle, as scripts/build.mjs does for dist/.
    await cp('src/local/engine/python', join(outdir, 'python'), { recursive: true, filter: (src) => !src.includes('__pycache__') });
    return join(outdir, 'cli.js');
  })();
  return built;
}
