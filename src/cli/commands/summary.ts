/** `jobs summary`: what is deployed where, per job. */
import { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { outputFormat } from '../output-format.js';
import { collectVar, outputOption, parseVars } from '../options.js';

interface SummaryOpts {
  target?: string;
  var?: string[];
  output?: string;
}

export function summaryCommand(ctx: CommandContext): Command {
  return new Command('summary')
    .description('each job of the bundle with its id and URL, or "not deployed"')
    .option('-t, --target <name>', 'target to look at')
    .option('--var <name=value>', 'set a variable (repeatable)', collectVar)
    .addOption(outputOption(['text', 'json']))
    .action(async (opts: SummaryOpts) => {
      const { runSummary } = await import('../verbs/summary.js');
      ctx.exitCode = await runSummary(ctx, { target: opts.target, vars: parseVars(opts.var ?? []), output: await outputFormat(ctx, opts.output) });
    });
}
