/**
 * The generated schema file, embedded. esbuild inlines the JSON into whichever lazy chunk
 * imports this module (`jobs schema`, `jobs validate`), so the bundled CLI needs no file
 * lookup at run time.
 */
import generated from '../../schemas/bundle.schema.json' with { type: 'json' };
import type { JsonSchema } from './dsl.js';

/** The bundle JSON Schema as written to schemas/bundle.schema.json. Treat as read-only. */
export const BUNDLE_SCHEMA: JsonSchema = generated as JsonSchema;

/** The schema as `jobs schema` prints it: the same text as the generated file. */
export function bundleSchemaText(): string {
  return `${JSON.stringify(BUNDLE_SCHEMA, null, 2)}\n`;
}
