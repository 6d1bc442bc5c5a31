/**
 * `jobs plan`: what a deploy would change, read-only. Text on stdout (a TTY gets colour), or
 * the JSON plan (docs/deploy.md); with --detailed-exitcode, 2 means "there are changes".
 */
import { stringifyJson } from '../../api/json.js';
import { hasErrors } from '../../diag/diagnostic.js';
import { Prefetch } from '../../deploy/prefetch.js';
import { prepareDeploy } from '../../deploy/prepare.js';
import { planHasChanges } from '../../plan/model.js';
import { planToJson } from '../../render/plan/json.js';
import { renderPlanText } from '../../render/plan/text.js';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { startPrefetch, showDiagnostics, withSession, type SessionFlags } from './session.js';

export interface PlanOptions extends SessionFlags {
  output: 'text' | 'json';
  select?: string[];
  detailedExitcode: boolean;
}

export async function runPlan(ctx: CommandContext, opts: PlanOptions): Promise<number> {
  const prefetch = new Prefetch((await ctx.toolConfig()).concurrency);
  const onConnect = await startPrefetch(ctx, opts, prefetch);
  const code = await withSession(ctx, opts, async ({ session, color }) => {
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
  prefetch.stop();
  return code;
}
