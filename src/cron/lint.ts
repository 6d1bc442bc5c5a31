/**
 * Warnings for expressions Quartz accepts but that almost surely do not mean what was written.
 *
 * Each list item is checked against a strict cron grammar. When an item is not strict, we find its
 * longest strict prefix and ask the Quartz port what it reads from the item and from the prefix:
 * if both readings agree, the rest was silently ignored (`5X`, `?x`, `MONDAY`); if not, Quartz
 * reads something unusual. Field-level checks then catch what single items cannot: lists mixing
 * `nW`/`n#k`, fields Quartz stores nothing for, extra fields, schedules that fire every second.
 */
import { finding, type CronFinding } from './finding.js';
import {
  ALL_SPEC,
  DAY_OF_MONTH,
  DAY_OF_WEEK,
  FIELD_NAMES,
  HOUR,
  MINUTE,
  MONTH,
  NO_SPEC,
  readItem,
  SECOND,
  type Field,
  type Piece,
  type QuartzParse,
  type QuartzSpec,
} from './quartz-parse.js';

const MONTH_NAMES = 'JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC';
const DAY_NAMES = 'SUN|MON|TUE|WED|THU|FRI|SAT';
const FULL_NAMES =
  'JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|SEPT|OCTOBER|NOVEMBER|DECEMBER|SUNDAY|MONDAY|TUESDAY|TUES|WEDNESDAY|THURSDAY|THUR|THURS|FRIDAY|SATURDAY';

/** Strict values per field: numbers in range (no leading junk), names where allowed. */
const VALUE = [
  '[0-5]?[0-9]',
  '[0-5]?[0-9]',
  '[01]?[0-9]|2[0-3]',
  '0?[1-9]|[12][0-9]|3[01]',
  `0?[1-9]|1[0-2]|${MONTH_NAMES}`,
  `[1-7]|${DAY_NAMES}`,
  '19[7-9][0-9]|2[01][0-9][0-9]',
];

function strictItem(type: number): RegExp {
  const v = `(?:${VALUE[type]})`;
  const step = '/[0-9]+';
  const common = [`\\*(?:${step})?`, `${v}(?:-${v})?(?:${step})?`, `${step}`];
  if (type === DAY_OF_MONTH) common.push('\\?', 'L(?:-[0-9]+)?W?', `${v}W`);
  if (type === DAY_OF_WEEK) common.push('\\?', 'L', `${v}L`, `${v}#[1-5]`);
  return new RegExp(`^(?:${common.join('|')})$`);
}
const STRICT = [0, 1, 2, 3, 4, 5, 6].map(strictItem);

/** Warnings for a Quartz-valid parse (never-fires needs `from`; analyze.ts adds it). */
export function lintQuartz(parse: QuartzParse): CronFinding[] {
  const out: CronFinding[] = [];
  const fields = parse.fields;
  if (fields.length > 7) {
    const extra = { start: fields[7]!.start, end: fields[fields.length - 1]!.end };
    out.push(finding('warning', 'cron/extra-fields', `Quartz ignores everything after the 7th field`, extra, {
      detail: 'Quartz reads at most 7 fields (seconds … year) and silently drops the rest. Remove them.',
    }));
  }
  for (const f of fields.slice(0, 7)) {
    for (const item of f.items) {
      const w = lintItem(item, f.index);
      if (w) out.push(w);
    }
    const m = mixedList(f);
    if (m) out.push(m);
  }
  out.push(...unusable(parse));
  out.push(...habits(parse));
  return out;
}

function lintItem(item: Piece, type: number): CronFinding | undefined {
  const u = item.text.toUpperCase();
  const field = FIELD_NAMES[type];
  if (u.startsWith('L') && (type === SECOND || type === MINUTE || type === HOUR || type === MONTH)) return undefined; // see unusable()
  const magic = /^(99|98)(?![0-9])/.exec(u);
  if (magic && (magic[1] === '99' || type === DAY_OF_MONTH || type === DAY_OF_WEEK)) {
    const means = magic[1] === '99' ? '*' : '?';
    return finding('warning', 'cron/magic-number', `Quartz reads ${magic[1]} in the ${field} field as ${means}`, at(item, 0, 2), {
      detail: `${magic[1]} is Quartz's internal marker for ${means}; write ${means} if that is what you mean, or a value in range.`,
    });
  }
  const zeroStep = /^(\*|[0-9]+)\/0+$/.exec(u);
  const nameStep = new RegExp(`^[A-Z]{3}[A-Z]*(?:-[A-Z]{3}[A-Z]*)?(/[0-9]+)$`).exec(u);
  if (zeroStep || nameStep) {
    const slash = u.indexOf('/');
    return finding('warning', 'cron/ignored-step', `Quartz ignores the step in ${item.text}`, at(item, slash, u.length), {
      detail: zeroStep ? 'A step of 0 means "no step" to Quartz. Remove it or give a positive step.' : 'Quartz ignores steps after month or weekday names: list the values (e.g. OCT,DEC) or use numbers (10-12/2).',
    });
  }
  if (STRICT[type]!.test(u)) return undefined;
  let k = u.length - 1;
  while (k > 0 && !STRICT[type]!.test(u.slice(0, k))) k--;
  const whole = readItem(u, type);
  if (k > 0 && whole !== undefined && whole === readItem(u.slice(0, k), type)) {
    if (new RegExp(`^(?:${FULL_NAMES})(?:-(?:${FULL_NAMES}|${MONTH_NAMES}|${DAY_NAMES}))?$|^(?:${MONTH_NAMES}|${DAY_NAMES})-(?:${FULL_NAMES})$`).test(u)) {
      return finding('info', 'cron/long-name', `Quartz reads only the first three letters of ${item.text}`, at(item, 0, u.length), {
        detail: `Write three-letter names (${u.slice(0, k)}).`,
      });
    }
    return finding('warning', 'cron/ignored-text', `Quartz ignores "${item.text.slice(k)}" in ${item.text}`, at(item, k, u.length), {
      detail: `Quartz reads this item as ${u.slice(0, k)} and silently drops the rest. Remove it or fix the typo.`,
    });
  }
  return finding('warning', 'cron/nonstandard', `${item.text} is not standard syntax for the ${field} field`, at(item, 0, u.length), {
    detail: 'Quartz accepts it, but reads it in a way that is easy to misjudge. Use plain values, ranges (a-b), steps (a/n, */n) and lists.',
  });
}

function at(item: Piece, from: number, to: number): { start: number; end: number } {
  // Item text is original text; upper-casing rarely changes length, so clamp to the item.
  return { start: Math.min(item.start + from, item.end), end: Math.min(item.start + to, item.end) };
}

function mixedList(f: Field): CronFinding | undefined {
  if (f.items.length < 2) return undefined;
  const special = f.items.find((i) => (f.index === DAY_OF_MONTH ? /W$/i.test(i.text) : f.index === DAY_OF_WEEK && i.text.includes('#')));
  if (!special) return undefined;
  return finding('warning', 'cron/mixed-list', `Quartz uses only one value of this list (${special.text} cannot be combined)`, f, {
    detail: f.index === DAY_OF_MONTH ? 'nW applies to the first day in the list only; the other values are dropped. Use one nW per schedule.' : 'n#k uses only the first weekday of the list with the last #k. Use one n#k per schedule.',
  });
}

/** Fields Quartz stores nothing for (or nonsense for): parse succeeds, fire-time search fails. */
function unusable(parse: QuartzParse): CronFinding[] {
  const spec = parse.spec!;
  const out: CronFinding[] = [];
  const sets = spec.sets;
  const empty = (i: number) => sets[i]!.length === 0;
  const warn = (i: number, summary: string, detail: string) => {
    const f = parse.fields[i];
    if (f) out.push(finding('warning', 'cron/unusable', summary, f, { detail }));
  };
  for (const i of [SECOND, MINUTE, HOUR, MONTH]) {
    if (empty(i)) {
      warn(i, `Quartz stores nothing for the ${FIELD_NAMES[i]} field "${parse.fields[i]?.text}"`,
        'It accepts the expression but then fails computing fire times (NoSuchElementException), so the job would never be scheduled. L only means something in the day fields.');
    }
  }
  const domRules = !sets[DAY_OF_MONTH]!.includes(NO_SPEC);
  if (domRules && !spec.lastDayOfMonth && empty(DAY_OF_MONTH)) warn(DAY_OF_MONTH, 'Quartz stores no day of month', 'Fire-time computation fails; give a day (1-31, L, nW).');
  if (domRules && spec.nearestWeekday && !spec.lastDayOfMonth && sets[DAY_OF_MONTH]![0] === 0) {
    warn(DAY_OF_MONTH, 'Quartz never finishes computing fire times for 0W', 'Day 0 does not exist; Quartz loops for ever on it. Use 1W for the first weekday.');
  }
  if (!domRules) {
    if (empty(DAY_OF_WEEK)) warn(DAY_OF_WEEK, 'Quartz stores no day of week', 'Fire-time computation fails; give a weekday (SUN-SAT).');
    else if (sets[DAY_OF_WEEK]!.some((d) => (d < 1 || d > 7) && d !== ALL_SPEC && d !== NO_SPEC)) {
      warn(DAY_OF_WEEK, 'a day-of-week value outside 1-7 never matches', 'Quartz skips the range check after # or L; weekdays are 1 (SUN) to 7 (SAT).');
    }
  }
  return out;
}

/** Valid Quartz that is probably a Unix habit or a slip. */
function habits(parse: QuartzParse): CronFinding[] {
  const out: CronFinding[] = [];
  const spec: QuartzSpec = parse.spec!;
  const sec = parse.fields[SECOND]!;
  if (spec.sets[SECOND]!.filter((s) => s < 60).length === 60) {
    out.push(finding('warning', 'cron/every-second', 'the seconds field matches every second: this fires up to 60 times a minute', sec, {
      detail: 'The first Quartz field is seconds. Use 0 to fire once per matching minute.',
    }));
  }
  const dow = parse.fields[DAY_OF_WEEK]!;
  if (/^1-5$/.test(dow.text)) {
    out.push(finding('warning', 'cron/unix-weekday', '1-5 in Quartz is Sunday to Thursday (1 = SUN), not Monday to Friday', dow, {
      detail: 'If you meant weekdays, write MON-FRI (or 2-6).',
      suggestion: parse.fields.map((f) => (f === dow ? 'MON-FRI' : f.text)).join(' '),
    }));
  }
  return out;
}
