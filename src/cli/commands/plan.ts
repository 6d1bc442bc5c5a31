/** `jobs plan`: what a deploy would create, change and delete, with field diffs against the workspace. */
import { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { collectList, collectVar, outputOption, parseVars } from '../options.js';

interface PlanOpts {
  target?: string;
  var?: string[];
  output?: string;
  select?: string[];
  detailedExitcode?: boolean;
}

export function planCommand(ctx: CommandContext): Command {
  return new Command('plan')
    .description('show what deploy would change: create, update, delete, unchanged, with field diffs against the workspace')
    .option('-t, --target <name>', 'target to deploy')
    .option('--var <name=value>', 'set a variable (repeatable)', collectVar)
    .addOption(outputOption(['text', 'json']))
    .option('--select <keys>', 'plan only these job keys (comma-separated, repeatable)', collectList)
    .option('--detailed-exitcode', 'exit 0 without changes, 2 with changes, 1 on error (as Terraform)')
    .addHelpText('after', '\nExit codes: 0 success (with --detailed-exitcode: no changes), 1 error, 2 changes (with --detailed-exitcode) or usage error.\n')
    .action(async (opts: PlanOpts) => {
      // The prefetch first: its reads run while the verb's modules load.
      const started = await (await import('../verbs/prefetch.js')).startPrefetch(ctx, opts);
      const { runPlan } = await import('../verbs/plan.js');
      const { parseSelect } = await import('../verbs/session.js');
      const settings = await ctx.toolConfig();
      const output = (opts.output ?? (settings.output === 'json' ? 'json' : 'text')) as 'text' | 'json';
      ctx.exitCode = await runPlan(ctx, { target: opts.target, vars: parseVars(opts.var ?? []), output, select: parseSelect(opts.select), detailedExitcode: opts.detailedExitcode === true }, started);
    });
}
