/** `jobs run [KEY]`: start a deployed job, follow it, summarise it; the exit code says how it ended. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseParam } from '../../run/run-request.js';
import type { CommandContext } from '../context.js';
import { collectParam, collectList, interruptPolicy, parseTimeout, RUN_EXIT_CODES } from './run-options.js';

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
  return new Command('run')
    .description('run a deployed job: start it, follow its tasks, summarise the result')
    .argument('[key]', 'job resource key (optional when the bundle has one job)')
    .option('-t, --target <name>', 'target to run in')
    .option('--param <name=value>', 'job parameter for this run (repeatable; checked against the job)', collectParam)
    .option('--only <tasks>', 'run only these tasks (comma-separated; +key adds upstream, key+ downstream)', collectList)
    .option('--no-wait', 'print the run id and return once the run has started')
    .option('--timeout <duration>', 'stop waiting after this long (90s, 10m, 1h30m): exit 4, the run goes on', parseTimeout)
    .option('--cancel-on-timeout', 'cancel the run when --timeout is reached')
    .option('--cancel-on-interrupt', 'Ctrl-C cancels the run without asking')
    .option('--no-cancel-on-interrupt', 'Ctrl-C stops following and leaves the run running')
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
