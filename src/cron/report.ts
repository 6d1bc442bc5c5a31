/**
 * What `jobs cron next` and `jobs cron explain` print, as data → text (pure; the command writes
 * it). Results go to stdout, findings to stderr with a caret under the offending field. The JSON
 * shape is the documented contract:
 * `{"valid", "description", "next": [ISO-8601 UTC], "diagnostics": [...]}` (explain omits `next`).
 */
import { analyzeCron, previewCron, type CronAnalysis, type CronPreview } from './analyze.js';
import { civilFromDays, DAY_MS } from './civil.js';
import type { CronFinding } from './finding.js';

export interface CronReport {
  stdout: string;
  stderr: string;
  /** 0 valid (warnings allowed), 1 invalid expression or zone. */
  exitCode: number;
}

export interface NextRequest {
  expr: string;
  timezone: string;
  from: number;
  count: number;
  /** Quartz's MAX_YEAR: the current year + 100. */
  maxYear: number;
  json: boolean;
}

export interface JsonDiagnostic {
  severity: string;
  code: string;
  summary: string;
  detail?: string;
  suggestion?: string;
  /** Which argument the finding is about, and the offsets inside it. */
  input: 'expression' | 'timezone';
  start: number;
  end: number;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export function reportNext(req: NextRequest): CronReport {
  const p = previewCron(req.expr, { timezone: req.timezone, from: req.from, count: req.count, maxYear: req.maxYear });
  const diags = [...toJson(p.expression.findings, 'expression'), ...toJson(p.timezone.findings, 'timezone')];
  const exitCode = p.valid ? 0 : 1;
  if (req.json) {
    const body = { valid: p.valid, description: p.expression.description ?? null, next: p.next.map(iso), diagnostics: diags };
    return { stdout: `${JSON.stringify(body, null, 2)}\n`, stderr: '', exitCode };
  }
  const stderr = renderFindings(p.expression.findings, req.expr) + renderFindings(p.timezone.findings, req.timezone);
  return { stdout: p.valid ? nextText(p, req) : '', stderr, exitCode };
}

export function reportExplain(expr: string, from: number, json: boolean): CronReport {
  const a: CronAnalysis = analyzeCron(expr, { from });
  const exitCode = a.valid ? 0 : 1;
  if (json) {
    const body = { valid: a.valid, description: a.description ?? null, diagnostics: toJson(a.findings, 'expression') };
    return { stdout: `${JSON.stringify(body, null, 2)}\n`, stderr: '', exitCode };
  }
  const stdout = a.valid ? `${expr.trim()}\n  ${a.description}\n` : '';
  return { stdout, stderr: renderFindings(a.findings, expr), exitCode };
}

function toJson(found: CronFinding[], input: JsonDiagnostic['input']): JsonDiagnostic[] {
  return found.map((f) => {
    const d: JsonDiagnostic = { severity: f.severity, code: f.code, summary: f.summary, input, start: f.from, end: f.to };
    if (f.detail) d.detail = f.detail;
    if (f.suggestion) d.suggestion = f.suggestion;
    return d;
  });
}

function nextText(p: CronPreview, req: NextRequest): string {
  const zone = p.timezone.java;
  const lines = [
    `${req.expr.trim()}  (${req.timezone}${zone.id !== req.timezone ? `, read by Quartz as ${zone.id}` : ''})`,
    `  ${p.expression.description}`,
    '',
  ];
  // Quartz works in whole seconds (fireTimes truncates `from`), so show `from` that way too.
  const from = iso(Math.floor(req.from / 1000) * 1000);
  if (p.next.length === 0) lines.push(`No fire time after ${from}.`);
  else lines.push(`Next ${p.next.length} fire time${p.next.length === 1 ? '' : 's'} after ${from}:`);
  for (const t of p.next) lines.push(`  ${localTime(t, zone.rules.offsetAt(t))}   ${iso(t)}`);
  if (p.end === 'exhausted' && p.next.length > 0 && p.next.length < req.count) lines.push('  (no further fire times)');
  if (p.end === 'error' || p.end === 'hang') lines.push('  (Quartz cannot compute further fire times for this expression)');
  return `${lines.join('\n')}\n`;
}

const WEEKDAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'];

/** `Sun 2026-03-29 03:30:00 +02:00`: the wall-clock time in the zone, with its offset. */
function localTime(t: number, offset: number): string {
  const wall = t + offset;
  const days = Math.floor(wall / DAY_MS);
  const { year, month, day } = civilFromDays(days);
  const secs = Math.floor((wall - days * DAY_MS) / 1000);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const off = Math.abs(offset) / 60_000;
  const sign = offset < 0 ? '-' : '+';
  const wd = WEEKDAYS[((days % 7) + 7) % 7];
  return `${wd} ${year}-${p2(month)}-${p2(day)} ${p2(Math.floor(secs / 3600))}:${p2(Math.floor(secs / 60) % 60)}:${p2(secs % 60)} ${sign}${p2(Math.floor(off / 60))}:${p2(off % 60)}`;
}

/** Compiler-style lines with the text and a caret under the finding. */
export function renderFindings(found: CronFinding[], text: string): string {
  let out = '';
  for (const f of found) {
    const shown = text.replace(/[\t\n\r]/g, ' ');
    const width = Math.max(1, f.to - f.from);
    out += `${f.severity} ${f.code}: ${f.summary}\n`;
    out += `  ${shown}\n  ${' '.repeat(f.from)}${'^'.repeat(width)}\n`;
    if (f.detail) out += `  hint: ${f.detail}\n`;
  }
  return out;
}
