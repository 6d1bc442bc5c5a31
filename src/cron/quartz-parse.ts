/**
 * A faithful port of the parser in Quartz 2.3.2's `org.quartz.CronExpression` (written from its
 * observed behaviour and structure, then checked case by case against the real class).
 *
 * Databricks validates schedules with that class, so "valid" here means exactly "Quartz accepts
 * it", quirks included: fields split on space/tab only, names read by their first three letters,
 * `99` meaning `*`, characters after a value often ignored, an `L` that parses but breaks fire-time
 * computation. Suspicious-but-accepted input is reported by lint.ts, not here; this file answers
 * "what does Quartz do with it" and nothing else.
 *
 * The result also records where each field and list item sits in the expression, so findings can
 * point at the offending field.
 */
import { JavaError, upperWithOrigin } from './java-text.js';
import { DAY_OF_MONTH, DAY_OF_WEEK, type ParseErrorKind, type QuartzSpec } from './quartz-fields.js';
import { Parser, QuartzError } from './quartz-values.js';

export * from './quartz-fields.js';

/** A piece of the expression: offsets index the original (not upper-cased) text. */
export interface Piece {
  text: string;
  start: number;
  end: number;
}

export interface Field extends Piece {
  index: number;
  /** The comma-separated items Quartz reads (empty items are skipped, as StringTokenizer does). */
  items: Piece[];
}


export interface QuartzParseError {
  kind: ParseErrorKind;
  /** Quartz's own ParseException message (for runtime exceptions, the wrapped form). */
  message: string;
  /** Field index where parsing stopped, or undefined for whole-expression errors. */
  field?: number;
  start: number;
  end: number;
}

export interface QuartzParse {
  expr: string;
  /** The upper-cased text Quartz works on. */
  upper: string;
  /** Every blank-separated field, including any beyond the seventh (which Quartz ignores). */
  fields: Field[];
  spec?: QuartzSpec;
  error?: QuartzParseError;
}

export interface ParseOptions {
  /**
   * Quartz's MAX_YEAR (the year it runs in + 100). Only decides whether an open year sequence that
   * starts after it (`2200/5`) is an error; when unknown such sequences are accepted.
   */
  maxYear?: number;
}

/** Parses `expr` as Quartz 2.3.2 does. Never throws. */
export function parseQuartz(expr: string, options: ParseOptions = {}): QuartzParse {
  const { upper, origin } = upperWithOrigin(expr);
  const fields = splitFields(upper, origin, expr);
  const parser = new Parser(options.maxYear);
  const result: QuartzParse = { expr, upper, fields };
  let field: Field | undefined;
  let item: Piece | undefined;
  try {
    for (field of fields.slice(0, 7)) {
      parser.checkField(field.index, upperSlice(upper, origin, field));
      for (item of field.items) parser.store(upperSlice(upper, origin, item), field.index);
      item = undefined;
    }
    field = undefined;
    result.spec = parser.finish(fields.length);
  } catch (err) {
    if (!(err instanceof QuartzError) && !(err instanceof JavaError)) throw err;
    const kind = err instanceof QuartzError ? err.kind : err.javaText.includes('Start year') ? 'year-range' : 'syntax';
    const message = err instanceof QuartzError ? err.message : `Illegal cron expression format (${err.javaText})`;
    const at = item ?? field;
    result.error = { kind, message, field: field?.index, start: at?.start ?? 0, end: at?.end ?? expr.length };
    if (kind === 'both-days' || kind === 'field-count') result.error = locateWholeError(result.error, fields, expr);
  }
  return result;
}

function toUpper(origin: number[], offset: number): number {
  const i = origin.indexOf(offset);
  return i < 0 ? origin.length - 1 : i;
}

function upperSlice(upper: string, origin: number[], p: Piece): string {
  return upper.slice(toUpper(origin, p.start), toUpper(origin, p.end));
}

/**
 * StringTokenizer(" \t") then trim(): the fields and their items, located in the original text.
 * Trimming can leave an empty field (a lone newline between blanks); Quartz then stores nothing.
 */
function splitFields(upper: string, origin: number[], expr: string): Field[] {
  const fields: Field[] = [];
  const re = /[^ \t]+/g;
  for (let m = re.exec(upper); m; m = re.exec(upper)) {
    const raw = m[0];
    let a = 0;
    let b = raw.length;
    while (a < b && raw.charCodeAt(a) <= 0x20) a++;
    while (b > a && raw.charCodeAt(b - 1) <= 0x20) b--;
    const ua = m.index + a;
    const ub = m.index + b;
    const start = origin[ua]!;
    const end = origin[ub]!;
    const items: Piece[] = [];
    const itemRe = /[^,]+/g;
    const text = upper.slice(ua, ub);
    for (let im = itemRe.exec(text); im; im = itemRe.exec(text)) {
      const s = origin[ua + im.index]!;
      const e = origin[ua + im.index + im[0].length]!;
      items.push({ text: expr.slice(s, e), start: s, end: e });
    }
    fields.push({ index: fields.length, text: expr.slice(start, end), start, end, items });
  }
  return fields;
}

/** Whole-expression errors point at the whole text (too few fields) or at the day fields. */
function locateWholeError(e: QuartzParseError, fields: Field[], expr: string): QuartzParseError {
  if (e.kind === 'field-count') return { ...e, field: undefined, start: 0, end: expr.length };
  const dom = fields[DAY_OF_MONTH];
  const dow = fields[DAY_OF_WEEK];
  // Point at the field that should become '?': day-of-month when it alone is '*', else day-of-week.
  const target = dom?.text === '*' && dow?.text !== '*' ? dom : (dow ?? dom);
  return target ? { ...e, field: target.index, start: target.start, end: target.end } : e;
}

/**
 * What Quartz makes of one list item on its own (values plus day-rule flags), or undefined if it
 * rejects it. Lint uses this to tell "ignored characters" from "read differently".
 */
export function readItem(item: string, type: number): string | undefined {
  const p = new Parser(undefined);
  try {
    p.store(upperWithOrigin(item).upper, type === DAY_OF_WEEK && item.startsWith('?') ? DAY_OF_MONTH : type);
  } catch {
    return undefined;
  }
  const { lastDayOfWeek, nthDayOfWeek, lastDayOfMonth, nearestWeekday, lastDayOffset } = p;
  const set = [...p.sets[type === DAY_OF_WEEK && item.startsWith('?') ? DAY_OF_MONTH : type]!].sort((a, b) => a - b);
  return JSON.stringify([set, p.openYears, lastDayOfWeek, nthDayOfWeek, lastDayOfMonth, nearestWeekday, lastDayOffset]);
}
