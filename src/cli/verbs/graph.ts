/**
 * The graph verb: load the bundle offline, pick the job, draw it. Load errors are shown as
 * diagnostics (the picture of a bundle that does not load would be a guess).
 */
import { loadBundle } from '../../bundle/load-bundle.js';
import { hasErrors } from '../../diag/diagnostic.js';
import { writeDiagnostics } from '../../render/diagnostics/index.js';
import { toReport } from '../../render/diagnostics/report.js';
import { renderGraph, type GraphFormat } from '../../render/graph/index.js';
import { jobViews } from '../../validate/check.js';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { UsageError } from '../main.js';
import { VERSION } from '../version.js';

export interface GraphOptions {
  key?: string;
  target?: string;
  format: GraphFormat;
  unicode: boolean;
}

export async function runGraph(ctx: CommandContext, opts: GraphOptions): Promise<number> {
  const globals = ctx.globals();
  const { bundle, diagnostics } = await loadBundle(ctx.io, { bundleDir: globals.bundleDir, target: opts.target });
  if (!bundle || hasErrors(diagnostics)) {
    const sources = new Map((bundle?.files ?? []).map((f) => [f.file.path, f.file]));
    const report = toReport(diagnostics.filter((d) => d.severity === 'error'), bundle?.root ?? ctx.io.cwd);
    writeDiagnostics(report, 'text', { io: ctx.io, color: globals.color && ctx.io.stderr.isTTY, baseDir: bundle?.root ?? ctx.io.cwd, version: VERSION, sources });
    return ExitCode.FAILURE;
  }
  const jobs = jobViews(bundle.config);
  const keys = jobs.map((j) => j.key);
  const job = opts.key === undefined ? (jobs.length === 1 ? jobs[0] : undefined) : jobs.find((j) => j.key === opts.key);
  if (!job) {
    if (jobs.length === 0) throw new UsageError('this bundle defines no jobs');
    throw new UsageError(opts.key === undefined ? `name the job to draw: ${keys.join(', ')}` : `no job "${opts.key}" in this bundle; jobs: ${keys.join(', ')}`);
  }
  ctx.io.stdout.write(renderGraph(job, opts.format, { unicode: opts.unicode }));
  return ExitCode.OK;
}
