/**
 * `jobs schema`: prints the JSON Schema of the bundle format, for editors (docs/editor-setup.md).
 * The schema is embedded in the lazily loaded chunk, so no file is looked up at run time.
 */
import { Command } from 'commander';
import type { CommandContext } from '../context.js';

export function schemaCommand(ctx: CommandContext): Command {
  return new Command('schema')
    .description('print the JSON Schema of bundle files (databricks.yml), for editor completion and checks')
    .action(async () => {
      const { bundleSchemaText } = await import('../../schema/schema-json.js');
      ctx.io.stdout.write(bundleSchemaText());
    });
}
