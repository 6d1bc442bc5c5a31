/**
 * `jobs destroy`: list what goes (jobs and the workspace folder), confirm, delete. Without a
 * terminal, --auto-approve is required.
 */
import { hasErrors } from '../../diag/diagnostic.js';
import { destroyBundle } from '../../deploy/destroy.js';
import { renderPlanText } from '../../render/plan/text.js';
import { deployProgress } from '../../render/deploy/progress.js';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { lockHolder, showDiagnostics, withSession, type SessionFlags } from './session.js';

export interface DestroyVerbOptions extends SessionFlags {
  autoApprove: boolean;
  forceLock: boolean;
  lockWaitMs: number;
}

export async function runDestroy(ctx: CommandContext, opts: DestroyVerbOptions): Promise<number> {
  return withSession(ctx, opts, async ({ session, concurrency, color }) => {
    const progress = deployProgress(ctx.io);
    let outcome;
    try {
      outcome = await destroyBundle(ctx.io, session, {
        autoApprove: opts.autoApprove, forceLock: opts.forceLock, lockWaitMs: opts.lockWaitMs, concurrency, ...lockHolder(ctx, 'destroy'), report: progress.report,
        onPlan: (p, folderExists) => {
          if (p.plan.counts.delete > 0) ctx.io.stdout.write(renderPlanText(p.plan, { color }));
          if (folderExists) ctx.io.stdout.write(`delete folder ${p.target.rootPath}\n`);
        },
      });
    } finally {
      progress.stop();
    }
    if (!outcome.prepared || hasErrors(outcome.diagnostics)) {
      showDiagnostics(ctx, outcome.diagnostics, color, session.bundle.root);
      return ExitCode.FAILURE;
    }
    ctx.io.stdout.write(outcome.nothing
      ? 'Nothing to destroy: no job of this bundle and target is deployed.\n'
      : `Destroy complete: ${outcome.applied.length} job${outcome.applied.length === 1 ? '' : 's'} deleted${outcome.folderDeleted ? `, ${outcome.prepared.target.rootPath} deleted` : ''}.\n`);
    return ExitCode.OK;
  });
}
