/**
 * Human output: a compiler-style first line editors and CI can link to, a code frame with a
 * caret under the faulty token, the config path, the hint, and a trailer with counts. Colour
 * only when the caller says the stream is a colour terminal.
 */
import { Chalk } from 'chalk';
import type { DiagnosticReport, JsonDiagnostic } from './report.js';

export interface SourceText {
  /** Full text of a file, by root-relative path. */
  lines(file: string): string[] | undefined;
}

export interface TextOptions {
  color: boolean;
  sources?: SourceText;
}

export function renderText(report: DiagnosticReport, opts: TextOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const sev = { error: c.red.bold, warning: c.yellow.bold, info: c.cyan } as const;
  let out = '';
  for (const d of report.diagnostics) {
    const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.column}: ` : '';
    out += `${c.bold(where)}${sev[d.severity](d.severity)} ${c.dim(d.code)}: ${d.summary.split('\n').join('\n  ')}\n`;
    if (d.severity !== 'info') out += frame(d, opts.sources, c);
    if (d.path) out += `  ${c.dim('at')} ${d.path}\n`;
    for (const r of d.related ?? []) out += `  ${c.dim(`${r.location.file}:${r.location.line}:${r.location.column}:`)} ${r.message}\n`;
    if (d.detail) out += d.detail.split('\n').map((l) => `  ${c.dim('│')} ${l}`).join('\n') + '\n';
    out += '\n';
  }
  return out + trailer(report, c);
}

function frame(d: JsonDiagnostic, sources: SourceText | undefined, c: InstanceType<typeof Chalk>): string {
  if (!d.location || !sources) return '';
  const lines = sources.lines(d.location.file);
  const text = lines?.[d.location.line - 1];
  if (text === undefined) return '';
  const num = String(d.location.line);
  const pad = ' '.repeat(num.length);
  const startCol = d.location.column;
  const endCol = d.location.end_line === d.location.line ? d.location.end_column : text.length + 1;
  const width = Math.max(1, Math.min(endCol, text.length + 1) - startCol);
  const shown = text.replace(/\t/g, ' ');
  return `  ${c.dim(`${num} |`)} ${shown}\n  ${c.dim(`${pad} |`)} ${' '.repeat(startCol - 1)}${c.red('^'.repeat(width))}\n`;
}

function trailer(r: DiagnosticReport, c: InstanceType<typeof Chalk>): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (r.error_count === 0 && r.warning_count === 0) return c.green('Validation OK!') + (r.info_count ? c.dim(` (${plural(r.info_count, 'note')})`) : '') + '\n';
  const parts = [plural(r.error_count, 'error'), plural(r.warning_count, 'warning')];
  if (r.info_count) parts.push(plural(r.info_count, 'note'));
  const line = `Found ${parts.join(', ')}`;
  return (r.valid ? c.yellow(line) : c.red(line)) + '\n';
}
