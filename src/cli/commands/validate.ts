/** `jobs validate`: check a bundle (or one Jobs API file) offline and report every finding. */
import { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { collectVar, outputOption, parseVars } from '../options.js';

interface ValidateOpts {
  target?: string;
  var?: string[];
  output?: string;
  strict?: boolean;
}

export function validateCommand(ctx: CommandContext): Command {
  return new Command('validate')
    .description('check a bundle offline: schema, targets, variables, paths, jobs; every problem in one pass')
    .argument('[file]', 'a Jobs API job file (jobs/create body or jobs/get answer) to check instead of the bundle')
    .option('-t, --target <name>', 'target to resolve (default: DATABRICKS_BUNDLE_TARGET, the only or the default target)')
    .option('--var <name=value>', 'set a variable (repeatable; beats BUNDLE_VAR_<name>)', collectVar)
    .addOption(outputOption(['text', 'json', 'github', 'sarif']))
    .option('--strict', 'treat warnings as failures (exit 1)')
    .addHelpText(
      'after',
      '\nExamples:\n  jobs validate\n  jobs validate -t prod --var catalog=main\n  jobs validate -o github        # annotations in a GitHub Actions job\n  jobs validate exported-job.json\n\nExit codes: 0 valid (warnings allowed), 1 errors found (or warnings with --strict), 2 usage error.\n',
    )
    .action(async (file: string | undefined, opts: ValidateOpts) => {
      const { runValidate } = await import('../verbs/validate.js');
      ctx.exitCode = await runValidate(ctx, { file, target: opts.target, vars: parseVars(opts.var ?? []), output: opts.output, strict: opts.strict === true });
    });
}
