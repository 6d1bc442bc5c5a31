// Bundles bench/engine/bench.ts with esbuild and runs it: `node bench/engine/run.mjs`.
// BENCH_PARALLEL (default: available parallelism), BENCH_ROUNDS (3), BENCH_LAYERS/BENCH_WIDTH (20x50).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// Outside the repo, so the bundle is neither committed nor linted.
const dir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
const out = join(dir, 'engine-bench.mjs');
await build({
  entryPoints: [join(here, 'bench.ts')], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20',
  banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" }, logLevel: 'warning',
});
// The engine's Python runtime sits beside the bundle, as in dist/.
cpSync(join(here, '../../src/local/engine/python'), join(dir, 'python'), { recursive: true, filter: (src) => !src.includes('__pycache__') });
cpSync(join(here, 'floor.mjs'), join(dir, 'floor.mjs'));
const r = spawnSync(process.execPath, [out], { stdio: 'inherit' });
process.exitCode = r.status ?? 1;
