/**
 * The validate verb: options in, exit code out. Loads the tool settings for defaults, runs the
 * validation, renders in the chosen format.
 */
import { ExitCode } from '../exit-codes.js';
import type { CommandContext } from '../context.js';
import { VERSION } from '../version.js';
import { toReport } from '../../render/diagnostics/report.js';
import { writeDiagnostics, type DiagnosticsFormat } from '../../render/diagnostics/index.js';
import { validateBundle, validateJobFile } from '../../validate/validate-bundle.js';

export interface ValidateOptions {
  file?: string;
  target?: string;
  vars: { name: string; value: string }[];
  output?: string;
  strict: boolean;
}

export async function runValidate(ctx: CommandContext, opts: ValidateOptions): Promise<number> {
  const globals = ctx.globals();
  const settings = await ctx.toolConfig();
  const format = (opts.output ?? settings.output ?? 'text') as DiagnosticsFormat;
  const result = opts.file
    ? await validateJobFile(ctx.io, opts.file)
    : await validateBundle(ctx.io, { bundleDir: globals.bundleDir, target: opts.target, vars: opts.vars });
  const report = toReport(result.diagnostics, result.baseDir, opts.strict);
  const color = globals.color && settings.color !== 'never' && (settings.color === 'always' || ctx.io.stderr.isTTY);
  writeDiagnostics(report, format, {
    io: ctx.io,
    color,
    baseDir: result.baseDir,
    version: VERSION,
    sources: result.sources,
    extra: result.config ? { config: result.config } : undefined,
  });
  return report.valid ? ExitCode.OK : ExitCode.FAILURE;
}
