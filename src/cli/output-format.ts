/** The output format of a command that prints text or JSON. */
import type { CommandContext } from './context.js';

/** `-o`, else the tool settings' `output` when it is one these commands know, else text. */
export async function outputFormat(ctx: CommandContext, given: string | undefined): Promise<'text' | 'json'> {
  if (given === 'json' || given === 'text') return given;
  return (await ctx.toolConfig()).output === 'json' ? 'json' : 'text';
}
