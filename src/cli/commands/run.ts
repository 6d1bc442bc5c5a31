/** `jobs run [KEY]`: start a deployed job, follow it, summarise it; the exit code says how it ended. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseParam } from '../../run/run-request.js';
import type { CommandContext } from '../context.js';
import { collectList } from '../options.js';
import { collectParam, addFollowOptions, interruptPolicy, RUN_EXIT_CODES } from './run-options.js';

interface RunOpts {
  target?: string;
  param?: string[];
  only?: string[];
  wait: boolean;
  timeout?: number;
  cancelOnTimeout?: boolean;
  output?: 'text' | 'json';
  cancelOnInterrupt?: boolean;
  idempotencyToken?: string;
}

export function runCommand(ctx: CommandContext): Command {
  const cmd = new Command('run')
    .description('run a deployed job: start it, follow its tasks, summarise the result')
    .argument('[key]', 'job resource key (optional when the bundle has one job)')
    .option('-t, --target <name>', 'target to run in')
    .option('--param <name=value>', 'job parameter for this run (repeatable; checked against the job)', collectParam)
    .option('--only <tasks>', 'run only these tasks (comma-separated; +key adds upstream, key+ downstream)', collectList);
  return addFollowOptions(cmd, 'run')
    .addOption(new Option('-o, --output <format>', 'text | json (the final run as runs/get returns it)').choices(['text', 'json']))
    .addOption(new Option('--idempotency-token <token>', 'reuse a token to make a retried command start the run only once (≤ 64 chars)').argParser(token))
    .addHelpText('after', `\nExamples:\n  jobs run medallion -t local\n  jobs run etl -t dev --param run_date=2026-11-21 --only +transform\n  jobs run etl -t prod --no-wait\n\n${RUN_EXIT_CODES}`)
    .action(async (key: string | undefined, opts: RunOpts) => {
      const { runRun } = await import('../verbs/run.js');
      ctx.exitCode = await runRun(ctx, {
        key, target: opts.target, params: (opts.param ?? []).map((p) => parseParam(p)!), only: opts.only ?? [], wait: opts.wait, timeoutMs: opts.timeout,
        cancelOnTimeout: opts.cancelOnTimeout === true, output: opts.output, interrupt: interruptPolicy(opts.cancelOnInterrupt), idempotencyToken: opts.idempotencyToken,
      });
    });
}

function token(value: string): string {
  if (value.length === 0 || value.length > 64) throw new InvalidArgumentError('an idempotency token has 1 to 64 characters');
  return value;
}
