/**
 * The machine shape of a validation result (Terraform-style), built once from diagnostics and
 * consumed by every renderer: JSON prints it, text/GitHub/SARIF render from it. Files are
 * relative to a base directory (the bundle root) with forward slashes.
 */
import { relative, sep } from 'node:path';
import { compareDiagnostics, formatPath, type Diagnostic, type Span } from '../../diag/diagnostic.js';

export interface JsonLocation {
  file: string;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
}

export interface JsonDiagnostic {
  severity: Diagnostic['severity'];
  code: string;
  summary: string;
  detail?: string;
  path?: string;
  location?: JsonLocation;
  related?: { message: string; location: JsonLocation }[];
}

export interface DiagnosticReport {
  format_version: '1.0';
  valid: boolean;
  error_count: number;
  warning_count: number;
  info_count: number;
  diagnostics: JsonDiagnostic[];
}

export function toLocation(span: Span, baseDir: string): JsonLocation {
  const rel = relative(baseDir, span.file);
  return {
    file: sep === '/' ? rel : rel.split(sep).join('/'),
    line: span.start.line,
    column: span.start.column,
    end_line: span.end.line,
    end_column: span.end.column,
  };
}

/**
 * Builds the report. With `strict`, warnings make the result invalid (the reference's
 * `--strict`), while keeping their severity.
 */
export function toReport(diagnostics: readonly Diagnostic[], baseDir: string, strict = false): DiagnosticReport {
  const sorted = dedupe([...diagnostics].sort(compareDiagnostics));
  const count = (s: Diagnostic['severity']) => sorted.filter((d) => d.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  return {
    format_version: '1.0',
    valid: errors === 0 && (!strict || warnings === 0),
    error_count: errors,
    warning_count: warnings,
    info_count: count('info'),
    diagnostics: sorted.map((d) => {
      const j: JsonDiagnostic = { severity: d.severity, code: d.code, summary: d.summary };
      if (d.detail !== undefined) j.detail = d.detail;
      if (d.path !== undefined) j.path = formatPath(d.path);
      if (d.span) j.location = toLocation(d.span, baseDir);
      if (d.related?.length) j.related = d.related.map((r) => ({ message: r.message, location: toLocation(r.span, baseDir) }));
      return j;
    }),
  };
}

/** The same finding reached twice (e.g. through two targets of a merge) is shown once. */
function dedupe(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const key = `${d.severity}|${d.code}|${d.summary}|${d.detail ?? ''}|${d.span?.file}:${d.span?.start.offset}|${d.path ? formatPath(d.path) : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
