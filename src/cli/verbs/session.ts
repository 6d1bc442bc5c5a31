/**
 * Shared front of the workspace verbs (plan, deploy, destroy, summary): open the bundle
 * session, show load and validation findings the way `validate` does (errors stop the
 * command), and always close the session.
 */
import { hostname } from 'node:os';
import type { Diagnostic } from '../../diag/diagnostic.js';
import { hasErrors } from '../../diag/diagnostic.js';
import { writeDiagnostics } from '../../render/diagnostics/index.js';
import { toReport } from '../../render/diagnostics/report.js';
import { openBundleSession, type BundleSession, type SessionOptions } from '../../workspace/bundle-session.js';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { VERSION } from '../version.js';

export interface SessionFlags {
  target?: string;
  vars: { name: string; value: string }[];
}

export interface VerbEnv {
  session: BundleSession;
  concurrency: number;
  color: boolean;
}

export async function withSession(
  ctx: CommandContext,
  flags: SessionFlags,
  body: (env: VerbEnv) => Promise<number>,
  quietWarnings = false,
  onConnect?: SessionOptions['onConnect'],
): Promise<number> {
  const globals = ctx.globals();
  const settings = await ctx.toolConfig();
  const concurrency = settings.concurrency ?? 10;
  const { session, diagnostics } = await openBundleSession(ctx.io, {
    bundleDir: globals.bundleDir, target: flags.target, vars: flags.vars, profile: globals.profile ?? settings.profile, debug: globals.debug, concurrency, onConnect,
  });
  const color = globals.color && settings.color !== 'never' && (settings.color === 'always' || ctx.io.stdout.isTTY);
  const shown = diagnostics.filter((d) => d.severity === 'error' || (!quietWarnings && d.severity === 'warning'));
  if (!session || hasErrors(diagnostics)) {
    showDiagnostics(ctx, shown, color);
    return ExitCode.FAILURE;
  }
  if (shown.length > 0) showDiagnostics(ctx, shown, color, session.bundle.root);
  try {
    return await body({ session, concurrency, color });
  } finally {
    await session.close();
  }
}

/** Findings as `validate` prints them (text, on stderr). */
export function showDiagnostics(ctx: CommandContext, diagnostics: readonly Diagnostic[], color: boolean, baseDir = ctx.io.cwd): void {
  if (diagnostics.length === 0) return;
  const report = toReport([...diagnostics], baseDir);
  writeDiagnostics(report, 'text', { io: ctx.io, color: color && ctx.io.stderr.isTTY, baseDir, version: VERSION, sources: new Map() });
}

/** Who holds a deploy lock: the tool and, in CI, the run. */
export function lockHolder(ctx: CommandContext, verb: string): { holder: string; host: string } {
  const env = ctx.io.env;
  const ci = env.GITHUB_ACTIONS === 'true' && env.GITHUB_RUN_ID
    ? `, GitHub Actions run ${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY ?? ''}/actions/runs/${env.GITHUB_RUN_ID}`
    : env.CI ? ', CI' : '';
  return { holder: `jobs-as-code ${VERSION} ${verb}${ci}`, host: hostname() };
}

/** `--select` as collected (already split at commas): undefined when not given. */
export function parseSelect(values: readonly string[] | undefined): string[] | undefined {
  return values && values.length > 0 ? [...values] : undefined;
}

/** The target was left for the bundle to choose (no `-t`, no DATABRICKS_BUNDLE_TARGET). */
export function targetByDefault(ctx: CommandContext, flags: SessionFlags): boolean {
  return !flags.target && !ctx.io.env.DATABRICKS_BUNDLE_TARGET;
}
