// Writes schemas/bundle.schema.json from its TypeScript source (src/schema/definition.ts).
// Run after changing src/schema/defs/*: `npm run gen:schema`. A test fails while it is stale.
import { build } from 'esbuild';
import { Buffer } from 'node:buffer';
import { writeFile } from 'node:fs/promises';

const out = await build({
  entryPoints: ['src/schema/definition.ts'],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
});
const code = out.outputFiles[0].text;
const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
const target = new URL('../schemas/bundle.schema.json', import.meta.url);
await writeFile(target, mod.renderBundleSchema());
console.log(`wrote ${target.pathname}`);
