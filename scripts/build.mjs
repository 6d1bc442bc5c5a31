// Bundles the CLI into dist/ with esbuild. Code splitting keeps each verb's implementation in
// its own chunk, loaded on first use, so start-up stays small (see bench/README.md).
import { build } from 'esbuild';
import { cp, readFile, rm } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/bin.ts', index: 'src/index.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  define: { __JOBS_VERSION__: JSON.stringify(pkg.version) },
  // Packages that load optional peers dynamically stay outside the bundle.
  external: ['cosmiconfig', '@databricks/sdk-experimental'],
  // Some bundled CommonJS dependencies call require(); give ESM output a real one.
  banner: { js: "import { createRequire as __jobsCreateRequire } from 'node:module'; const require = __jobsCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The local engine's Python runtime ships as files beside the bundle (src/local/engine/runtime-dir.ts).
await cp(new URL('../src/local/engine/python', import.meta.url), new URL('../dist/python', import.meta.url), {
  recursive: true,
  filter: (src) => !src.includes('__pycache__'),
});
