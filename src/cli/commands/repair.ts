/** `jobs repair RUN_ID`: rerun failed (or chosen) tasks inside a finished run, then follow it. */
import { Command, Option } from 'commander';
import { parseParam } from '../../run/run-request.js';
import type { CommandContext } from '../context.js';
import { collectParam, collectRepeat, addFollowOptions, interruptPolicy, parseRunId, RUN_EXIT_CODES } from './run-options.js';

interface RepairOpts {
  target?: string;
  task?: string[];
  allFailed?: boolean;
  dependents?: boolean;
  param?: string[];
  wait: boolean;
  timeout?: number;
  cancelOnTimeout?: boolean;
  cancelOnInterrupt?: boolean;
  output?: 'text' | 'json';
}

export function repairCommand(ctx: CommandContext): Command {
  const cmd = new Command('repair')
    .description('rerun the failed tasks of a finished run (or the ones named), inside the same run')
    .argument('<run-id>', 'the job run to repair', parseRunId)
    .option('-t, --target <name>', 'bundle target whose workspace holds the run')
    .option('--task <key>', 'rerun this task (repeatable; comma-separated allowed)', collectRepeat)
    .option('--all-failed', 'rerun every task that failed or did not run because of a failure (the default)')
    .option('--dependents', 'also rerun the tasks downstream of the chosen ones')
    .option('--param <name=value>', 'job parameter for the repaired tasks (repeatable)', collectParam);
  return addFollowOptions(cmd, 'repair')
    .addOption(new Option('-o, --output <format>', 'text | json (the final run, with its repair history)').choices(['text', 'json']))
    .addHelpText('after', `\nExamples:\n  jobs repair 1234 -t dev                 # every failed task\n  jobs repair 1234 --task transform --dependents\n\n${RUN_EXIT_CODES}`)
    .action(async (runId: bigint | number, opts: RepairOpts) => {
      const { runRepair } = await import('../verbs/repair.js');
      ctx.exitCode = await runRepair(ctx, {
        runId, target: opts.target, tasks: opts.task ?? [], allFailed: opts.allFailed === true, dependents: opts.dependents === true,
        params: (opts.param ?? []).map((p) => parseParam(p)!), wait: opts.wait, timeoutMs: opts.timeout, cancelOnTimeout: opts.cancelOnTimeout === true, output: opts.output, interrupt: interruptPolicy(opts.cancelOnInterrupt),
      });
    });
}
