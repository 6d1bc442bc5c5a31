/**
 * `jobs deploy`: print the plan, apply it (progress on stderr), then a summary with each job's
 * URL on stdout. A failed step is an expected failure (exit 1) whose message names the job and
 * the call, and whose hint says what was applied.
 */
import { hasErrors } from '../../diag/diagnostic.js';
import { deployBundle } from '../../deploy/deploy.js';
import { recordDeployHint } from '../../deploy/prefetch-hint.js';
import { renderPlanText } from '../../render/plan/text.js';
import { deployProgress } from '../../render/deploy/progress.js';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import type { StartedPrefetch } from './prefetch.js';
import { lockHolder, showDiagnostics, targetByDefault, withSession, type SessionFlags } from './session.js';
import { jobLines } from './summary.js';

export interface DeployVerbOptions extends SessionFlags {
  select?: string[];
  autoApprove: boolean;
  forceLock: boolean;
  lockWaitMs: number;
}

/** `started`: the prefetch the command started before it loaded this module (verbs/prefetch.ts). */
export async function runDeploy(ctx: CommandContext, opts: DeployVerbOptions, started: StartedPrefetch): Promise<number> {
  const { prefetch, onConnect } = started;
  try {
    return await withSession(ctx, opts, async ({ session, concurrency, color }) => {
      const progress = deployProgress(ctx.io);
      let outcome;
      try {
        outcome = await deployBundle(ctx.io, session, {
          select: opts.select, autoApprove: opts.autoApprove, forceLock: opts.forceLock, lockWaitMs: opts.lockWaitMs, concurrency,
          ...lockHolder(ctx, 'deploy'), report: progress.report, prefetch,
          onPlan: (p) => ctx.io.stdout.write(renderPlanText(p.plan, { color })),
        });
      } finally {
        progress.stop();
      }
      if (!outcome.prepared || hasErrors(outcome.diagnostics)) {
        showDiagnostics(ctx, outcome.diagnostics, color, session.bundle.root);
        return ExitCode.FAILURE;
      }
      showDiagnostics(ctx, outcome.diagnostics.filter((d) => d.severity === 'warning' && d.code.startsWith('deploy/')), color, session.bundle.root);
      const { plan, target } = outcome.prepared;
      await recordDeployHint(ctx.io, session, target, targetByDefault(ctx, opts));
      const c = plan.counts;
      const f = plan.files;
      ctx.io.stdout.write(outcome.noop
        ? `No changes: the workspace already matches the bundle.\n`
        : `Deploy complete: ${c.add} added, ${c.change} changed, ${c.delete} deleted, ${c.unchanged} unchanged; ${plural(f.upload.length, 'file')} uploaded, ${f.delete.length} deleted.\n`);
      ctx.io.stdout.write(jobLines(outcome.prepared.desired.map((d) => ({ key: d.key, name: typeof d.settings.name === 'string' ? d.settings.name : undefined })), outcome.ids, session));
      return ExitCode.OK;
    }, false, onConnect);
  } finally {
    // Also when the session could not open: the early reads may have started long before.
    prefetch.stop();
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
