/** `jobs deploy`: apply the plan to the workspace (deletions need approval). */
import { Command, InvalidArgumentError } from 'commander';
import type { CommandContext } from '../context.js';
import { collectList, collectVar, parseVars } from '../options.js';

interface DeployOpts {
  target?: string;
  var?: string[];
  select?: string[];
  autoApprove?: boolean;
  forceLock?: boolean;
  lockWait?: number;
}

export function deployCommand(ctx: CommandContext): Command {
  return new Command('deploy')
    .description('deploy the bundle: sync files, create, update and delete jobs, record the state')
    .option('-t, --target <name>', 'target to deploy')
    .option('--var <name=value>', 'set a variable (repeatable)', collectVar)
    .option('--select <keys>', 'deploy only these job keys (comma-separated, repeatable)', collectList)
    .option('--auto-approve', 'approve deletions without asking (required without a terminal)')
    .option('--force-lock', 'take the deploy lock even if another deploy holds it')
    .option('--lock-wait <duration>', 'how long to wait for a held deploy lock: 30s (default), 2m, 0 to fail at once', lockWait)
    .addHelpText('after', '\nExamples:\n  jobs deploy -t prod --auto-approve\n  jobs deploy --select etl,report\n')
    .action(async (opts: DeployOpts) => {
      // The prefetch first: its reads run while the verb's modules load.
      const started = await (await import('../verbs/prefetch.js')).startPrefetch(ctx, opts);
      const { runDeploy } = await import('../verbs/deploy.js');
      const { parseSelect } = await import('../verbs/session.js');
      ctx.exitCode = await runDeploy(ctx, {
        target: opts.target, vars: parseVars(opts.var ?? []), select: parseSelect(opts.select),
        autoApprove: opts.autoApprove === true, forceLock: opts.forceLock === true, lockWaitMs: opts.lockWait ?? DEFAULT_LOCK_WAIT_MS,
      }, started);
    });
}

/** `--lock-wait` when not given. */
export const DEFAULT_LOCK_WAIT_MS = 30_000;

export function lockWait(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`expected a duration such as 30s, 2m or 0, got "${value}"`);
  const unit = m[2] ?? 's';
  return Math.round(Number(m[1]) * (unit === 'ms' ? 1 : unit === 's' ? 1000 : 60_000));
}
