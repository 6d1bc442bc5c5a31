/** `jobs runs list|get|cancel|timeline`: run history and control. */
import { Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { parseRunId, positiveInt } from './run-options.js';

const output = (what: string) => new Option('-o, --output <format>', `text | json (${what})`).choices(['text', 'json']);
const target = '-t, --target <name>';

export function runsCommand(ctx: CommandContext): Command {
  const runs = new Command('runs').description('run history: list, inspect, cancel, and a per-day timeline');
  runs
    .command('list')
    .description('recent runs, newest first (of KEY, of every deployed job of the bundle, or outside a bundle of the workspace)')
    .argument('[key]', 'job resource key')
    .option(target, 'bundle target')
    .option('--limit <n>', 'how many runs (1-1000)', positiveInt(1000), 20)
    .addOption(output('{"runs": [...]} as runs/list returns them'))
    .action(async (key: string | undefined, o: { target?: string; limit: number; output?: 'text' | 'json' }) => {
      const { runRunsList } = await import('../verbs/runs.js');
      ctx.exitCode = await runRunsList(ctx, { key, ...o });
    });
  runs
    .command('get')
    .description("a run's state and tasks; --logs adds every task's output")
    .argument('<run-id>', 'job run (or task run) id', parseRunId)
    .option(target, 'bundle target')
    .option('--logs', "fetch every started task's output (logs, notebook exit value, error trace)")
    .option('-f, --follow', 'follow the run until it ends, as jobs run does (exit code from its result; Ctrl-C stops following)')
    .addOption(output('the run as runs/get returns it; with --logs {"run", "outputs": {task: output}}'))
    .action(async (runId: bigint | number, o: { target?: string; logs?: boolean; follow?: boolean; output?: 'text' | 'json' }) => {
      const { runRunsGet } = await import('../verbs/runs.js');
      ctx.exitCode = await runRunsGet(ctx, { runId, ...o, logs: o.logs === true, follow: o.follow === true });
    });
  runs
    .command('cancel')
    .description('cancel a run and wait until it has stopped')
    .argument('<run-id>', 'job run (or task run) id', parseRunId)
    .option(target, 'bundle target')
    .option('--no-wait', 'return once the cancel is requested')
    .addOption(output('the run once stopped'))
    .action(async (runId: bigint | number, o: { target?: string; wait: boolean; output?: 'text' | 'json' }) => {
      const { runRunsCancel } = await import('../verbs/runs.js');
      ctx.exitCode = await runRunsCancel(ctx, { runId, ...o });
    });
  runs
    .command('timeline')
    .description('per job and day: runs, success rate, average and p95 duration (UTC days)')
    .argument('[key]', 'job resource key')
    .option(target, 'bundle target')
    .option('--days <n>', 'how many days back, today included (1-60: runs are kept 60 days)', positiveInt(60), 14)
    .addOption(output('{from, to, days, jobs: [{job_id, key, name, days: [...], total}]}'))
    .action(async (key: string | undefined, o: { target?: string; days: number; output?: 'text' | 'json' }) => {
      const { runRunsTimeline } = await import('../verbs/runs.js');
      ctx.exitCode = await runRunsTimeline(ctx, { key, ...o });
    });
  return runs;
}
