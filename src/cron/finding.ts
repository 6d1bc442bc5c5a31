/**
 * A finding about a cron expression or a time-zone id, located by offsets inside that string.
 * Callers turn it into a Diagnostic: the validate check with `spanInString(config, path, from,
 * to)`, the CLI by drawing a caret under the text. Keeping offsets (not spans) here keeps the cron
 * module independent of where the string came from.
 */
import type { DiagCode } from '../diag/codes.js';
import type { Severity } from '../diag/diagnostic.js';

export interface CronFinding {
  severity: Severity;
  code: DiagCode;
  /** One line, plain text. */
  summary: string;
  /** The fix, or why it matters. */
  detail?: string;
  /** UTF-16 offsets of the offending text inside the analysed string: `[from, to)`. */
  from: number;
  to: number;
  /** A corrected expression (or zone id) when one can be offered with confidence. */
  suggestion?: string;
}

export function finding(
  severity: Severity,
  code: DiagCode,
  summary: string,
  at: { start: number; end: number },
  extra: { detail?: string; suggestion?: string } = {},
): CronFinding {
  const f: CronFinding = { severity, code, summary, from: at.start, to: at.end };
  if (extra.detail !== undefined) f.detail = extra.detail;
  if (extra.suggestion !== undefined) f.suggestion = extra.suggestion;
  return f;
}
