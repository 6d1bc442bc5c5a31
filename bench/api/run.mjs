// Bundles bench/api/bench.ts with esbuild and runs it: `node bench/api/run.mjs`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// Outside the repo, so the bundle is neither committed nor linted.
const out = join(mkdtempSync(join(tmpdir(), 'bench-api-')), 'api-bench.mjs');
await build({
  entryPoints: [join(here, 'bench.ts')], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20',
  banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" }, logLevel: 'warning',
});
const r = spawnSync(process.execPath, [out], { stdio: 'inherit' });
process.exitCode = r.status ?? 1;
