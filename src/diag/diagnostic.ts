/**
 * Diagnostics are data, not exceptions. Every stage of the pipeline returns them next to its
 * value; the CLI decides the exit code and `render/` turns them into text, JSON, GitHub
 * annotations or SARIF. Tests assert on `code` and `span`, never on wording.
 */
import type { DiagCode } from './codes.js';

export type Severity = 'error' | 'warning' | 'info';

/** A position in a source file. `line` and `column` are 1-based; `offset` is 0-based UTF-16. */
export interface Pos {
  line: number;
  column: number;
  offset: number;
}

/** A range in one file. `file` is an absolute path until rendering makes it root-relative. */
export interface Span {
  file: string;
  start: Pos;
  end: Pos;
}

/** A config path such as `['resources', 'jobs', 'etl', 'tasks', 1, 'depends_on', 0]`. */
export type ConfigPath = readonly (string | number)[];

export interface Related {
  message: string;
  span: Span;
}

export interface Diagnostic {
  severity: Severity;
  code: DiagCode;
  /** One line, plain text, no colour. */
  summary: string;
  /** Optional longer explanation or hint; may span lines. */
  detail?: string;
  path?: ConfigPath;
  /** The exact faulty token. */
  span?: Span;
  /** Other places that explain this finding (cycle edges, overridden definitions). */
  related?: Related[];
}

/** The result of a pipeline stage: its value plus what it found. */
export interface Staged<T> {
  value: T;
  diagnostics: Diagnostic[];
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === 'error');
}

/** Builds a diagnostic, dropping undefined optional fields so JSON output stays clean. */
export function diag(
  severity: Severity,
  code: DiagCode,
  summary: string,
  extra: Partial<Pick<Diagnostic, 'detail' | 'path' | 'span' | 'related'>> = {},
): Diagnostic {
  const d: Diagnostic = { severity, code, summary };
  if (extra.detail !== undefined) d.detail = extra.detail;
  if (extra.path !== undefined) d.path = extra.path;
  if (extra.span !== undefined) d.span = extra.span;
  if (extra.related !== undefined && extra.related.length > 0) d.related = extra.related;
  return d;
}

/** Renders a config path the way the Databricks CLI prints it: `a.b[0].c`. */
export function formatPath(path: ConfigPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** Stable order for output: by file, then position, then code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fa = a.span?.file ?? '\uffff';
  const fb = b.span?.file ?? '\uffff';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const oa = a.span?.start.offset ?? 0;
  const ob = b.span?.start.offset ?? 0;
  if (oa !== ob) return oa - ob;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.summary < b.summary ? -1 : a.summary > b.summary ? 1 : 0;
}
