/**
 * Most broken Databricks schedules are Unix cron written into a Quartz field. This module knows
 * the translations: five fields (Quartz adds seconds first), `@daily`-style macros, weekdays
 * numbered 0-6 from Sunday (Quartz: 1-7 from Sunday, or names), and `*` in both day fields (Quartz
 * needs `?` in one of them). Each helper returns a corrected expression only if Quartz accepts it.
 */
import { DAY_OF_MONTH, DAY_OF_WEEK, parseQuartz } from './quartz-parse.js';

const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Quartz equivalents of the Unix/Vixie cron macros (`@reboot` has none). */
export const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 0 1 1 ?',
  '@annually': '0 0 0 1 1 ?',
  '@monthly': '0 0 0 1 * ?',
  '@weekly': '0 0 0 ? * SUN',
  '@daily': '0 0 0 * * ?',
  '@midnight': '0 0 0 * * ?',
  '@hourly': '0 0 * * * ?',
};

/** Unix weekday numbers (0 or 7 = Sunday) rewritten as Quartz names: `1-5` → `MON-FRI`. */
export function unixWeekdaysToNames(field: string): string {
  return field.replace(/[0-9]+/g, (n, offset: number, all: string) => {
    // Leave the k of `n#k` alone.
    if (all[offset - 1] === '#' || all[offset - 1] === '/') return n;
    const v = Number(n);
    return v <= 7 ? WEEKDAYS[v % 7]! : n;
  });
}

/**
 * `?` in the day field that should not constrain: day-of-week when it is `*`, else day-of-month.
 * (When both name days, Unix fires on either; Quartz cannot say that, so the weekday rule stays.)
 */
export function withQuestionMark(fields: string[]): string[] {
  const out = [...fields];
  if (out[DAY_OF_WEEK] === '*') out[DAY_OF_WEEK] = '?';
  else out[DAY_OF_MONTH] = '?';
  return out;
}

const accepted = (expr: string): string | undefined => (parseQuartz(expr).error ? undefined : expr);

/** A five-field Unix expression as Quartz: seconds `0` first, Quartz weekdays, one `?`. */
export function fromUnix(fields: string[]): string | undefined {
  if (fields.length !== 5) return undefined;
  const quartz = ['0', ...fields];
  const dow = quartz[DAY_OF_WEEK]!;
  quartz[DAY_OF_WEEK] = dow === '*' || dow === '?' ? '*' : unixWeekdaysToNames(dow);
  return accepted(withQuestionMark(quartz).join(' '));
}

/** The expression with one field replaced, if Quartz accepts the result. */
export function replaceField(fields: string[], index: number, text: string): string | undefined {
  const out = [...fields];
  out[index] = text;
  return accepted(out.join(' '));
}
