/** Chooses the renderer for `-o text|json|github|sarif` and where its output goes. */
import { relative, sep } from 'node:path';
import { stringifyJson } from '../../api/json.js';
import type { Io } from '../../ports/io.js';
import type { SourceFile } from '../../source/source-file.js';
import { renderGithub } from './github.js';
import type { DiagnosticReport } from './report.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export type DiagnosticsFormat = 'text' | 'json' | 'github' | 'sarif';
export const DIAGNOSTICS_FORMATS: readonly DiagnosticsFormat[] = ['text', 'json', 'github', 'sarif'];

export interface RenderContext {
  io: Io;
  color: boolean;
  baseDir: string;
  version: string;
  sources: Map<string, SourceFile>;
  /** Extra top-level fields of the JSON output (e.g. the resolved `config`). */
  extra?: Record<string, unknown>;
}

/** Writes the report: machine formats to stdout, the human one to stderr (diagnostics). */
export function writeDiagnostics(report: DiagnosticReport, format: DiagnosticsFormat, ctx: RenderContext): void {
  const { io } = ctx;
  if (format === 'json') {
    io.stdout.write(stringifyJson({ ...report, ...ctx.extra }, 2) + '\n');
    return;
  }
  // GitHub and SARIF want paths from the repository root; GITHUB_WORKSPACE names it in Actions.
  const repoRoot = io.env.GITHUB_WORKSPACE ?? io.cwd;
  const rel = relative(repoRoot, ctx.baseDir);
  const prefix = rel === '' || rel.startsWith('..') ? '' : `${rel.split(sep).join('/')}/`;
  if (format === 'github') io.stdout.write(renderGithub(report, prefix));
  else if (format === 'sarif') io.stdout.write(renderSarif(report, ctx.version, prefix));
  else {
    const byRel = new Map<string, SourceFile>();
    for (const [abs, f] of ctx.sources) byRel.set(relative(ctx.baseDir, abs).split(sep).join('/'), f);
    const sources = { lines: (file: string) => byRel.get(file)?.text.split(/\r?\n/) };
    io.stderr.write(renderText(report, { color: ctx.color, sources }));
  }
}
