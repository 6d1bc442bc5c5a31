/**
 * `jobs plan`: what a deploy would change, read-only. Text on stdout (a TTY gets colour), or
 * the JSON plan (docs/deploy.md); with --detailed-exitcode, 2 means "there are changes".
 */
import { stringifyJson } from '../../api/json.js';
import { hasErrors } from '../../diag/diagnostic.js';
import { prepareDeploy } from '../../deploy/prepare.js';
import { planHasChanges } from '../../plan/model.js';
import { planToJson } from '../../render/plan/json.js';
import { renderPlanText } from '../../render/plan/text.js';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import type { StartedPrefetch } from './prefetch.js';
import { showDiagnostics, withSession, type SessionFlags } from './session.js';

export interface PlanOptions extends SessionFlags {
  output: 'text' | 'json';
  select?: string[];
  detailedExitcode: boolean;
}

/** `started`: the prefetch the command started before it loaded this module (verbs/prefetch.ts). */
export async function runPlan(ctx: CommandContext, opts: PlanOptions, started: StartedPrefetch): Promise<number> {
  const { prefetch, onConnect } = started;
  try {
    return await withSession(ctx, opts, async ({ session, color }) => {
      const { prepared, diagnostics } = await prepareDeploy(ctx.io, session, { select: opts.select, prefetch });
      if (!prepared || hasErrors(diagnostics)) {
        showDiagnostics(ctx, diagnostics, color, session.bundle.root);
        return ExitCode.FAILURE;
      }
      const { plan, target } = prepared;
      if (opts.output === 'json') {
        const json = planToJson(plan, { bundle: target.bundleName, target: target.target, host: session.host, rootPath: target.rootPath, diagnostics });
        ctx.io.stdout.write(stringifyJson(json, 2) + '\n');
      } else {
        showDiagnostics(ctx, diagnostics, color, session.bundle.root);
        ctx.io.stdout.write(renderPlanText(plan, { color }));
      }
      return opts.detailedExitcode && planHasChanges(plan) ? ExitCode.CHANGES : ExitCode.OK;
    }, opts.output === 'json', onConnect);
  } finally {
    // Also when the session could not open: the early reads may have started long before.
    prefetch.stop();
  }
}
