/** `jobs destroy`: delete the bundle's jobs and workspace folder. */
import { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { collectVar, parseVars } from '../options.js';
import { DEFAULT_LOCK_WAIT_MS, lockWait } from './deploy.js';

interface DestroyOpts {
  target?: string;
  var?: string[];
  autoApprove?: boolean;
  forceLock?: boolean;
  lockWait?: number;
}

export function destroyCommand(ctx: CommandContext): Command {
  return new Command('destroy')
    .description("delete the bundle's jobs (from the state, and any tagged for this bundle and target) and its workspace folder")
    .option('-t, --target <name>', 'target to destroy')
    .option('--var <name=value>', 'set a variable (repeatable)', collectVar)
    .option('--auto-approve', 'do not ask for confirmation (required without a terminal)')
    .option('--force-lock', 'take the deploy lock even if another deploy holds it')
    .option('--lock-wait <duration>', 'how long to wait for a held deploy lock: 30s (default), 2m, 0 to fail at once', lockWait)
    .action(async (opts: DestroyOpts) => {
      const { runDestroy } = await import('../verbs/destroy.js');
      ctx.exitCode = await runDestroy(ctx, { target: opts.target, vars: parseVars(opts.var ?? []), autoApprove: opts.autoApprove === true, forceLock: opts.forceLock === true, lockWaitMs: opts.lockWait ?? DEFAULT_LOCK_WAIT_MS });
    });
}
