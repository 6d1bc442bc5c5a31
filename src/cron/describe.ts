/**
 * Plain-English description of what Quartz will do with an expression. It reads the parsed value
 * sets, not the text, so it describes Quartz's reading: `OCT-DEC/2` is "October to December"
 * (Quartz drops that step), `99` in the hours field is "every hour".
 */
import { ALL_SPEC, DAY_OF_MONTH, DAY_OF_WEEK, HOUR, MINUTE, MONTH, NO_SPEC, SECOND, YEAR, type QuartzSpec } from './quartz-parse.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
const SPAN: Record<number, [number, number]> = { [SECOND]: [0, 59], [MINUTE]: [0, 59], [HOUR]: [0, 23], [DAY_OF_MONTH]: [1, 31], [MONTH]: [1, 12], [DAY_OF_WEEK]: [1, 7] };

const values = (spec: QuartzSpec, field: number) => spec.sets[field]!.filter((v) => v !== ALL_SPEC && v !== NO_SPEC);
const two = (n: number) => String(n).padStart(2, '0');

function isAll(spec: QuartzSpec, field: number): boolean {
  const [lo, hi] = SPAN[field]!;
  const v = values(spec, field).filter((x) => x >= lo && x <= hi);
  return v.length === hi - lo + 1;
}

/** A step: at least three values, evenly spaced, starting at the field's low end. */
function step(spec: QuartzSpec, field: number): number | undefined {
  const v = values(spec, field);
  if (v.length < 3) return undefined;
  const d = v[1]! - v[0]!;
  return v[0] === SPAN[field]![0] && v.every((x, i) => i === 0 || x - v[i - 1]! === d) && v[v.length - 1]! + d > SPAN[field]![1] ? d : undefined;
}

/** `1, 3-5, 9` with consecutive runs folded; `name` renders a value. */
function list(v: number[], name: (n: number) => string = String): string {
  const parts: string[] = [];
  for (let i = 0; i < v.length; ) {
    let j = i;
    while (j + 1 < v.length && v[j + 1] === v[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${name(v[i]!)} to ${name(v[j]!)}` : v.slice(i, j + 1).map(name).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

function timeOfDay(spec: QuartzSpec): string {
  const [s, m, h] = [values(spec, SECOND), values(spec, MINUTE), values(spec, HOUR)];
  const secs = s.length === 1 && s[0] !== 0 ? `:${two(s[0]!)}` : '';
  const hours = isAll(spec, HOUR) ? '' : ` during hour${h.length > 1 ? 's' : ''} ${list(h, two)}`;
  if (s.length === 1 && m.length === 1 && h.length === 1) return `at ${two(h[0]!)}:${two(m[0]!)}${secs}`;
  if (s.length === 1 && m.length === 1) return `at minute ${two(m[0]!)}${secs ? ` second ${two(s[0]!)}` : ''} of ${hours ? hours.replace(' during ', '') : 'every hour'}`;
  const minuteStep = isAll(spec, MINUTE) ? 1 : step(spec, MINUTE);
  if (s.length === 1 && minuteStep) {
    const every = minuteStep > 1 ? `every ${minuteStep} minutes` : 'every minute';
    return `${every}${s[0] !== 0 ? ` at second ${s[0]}` : ''}${hours}`;
  }
  if (s.length === 1) return `at minutes ${list(m)}${secs ? ` (second ${two(s[0]!)})` : ''} of ${hours ? hours.replace(' during ', '') : 'every hour'}`;
  const secStep = isAll(spec, SECOND) ? 1 : step(spec, SECOND);
  const secPart = secStep === 1 ? 'every second' : secStep ? `every ${secStep} seconds` : `at second${s.length > 1 ? 's' : ''} ${list(s)}`;
  const minPart = minuteStep === 1 ? 'of every minute' : minuteStep ? `of every ${minuteStep}th minute` : `of minute${m.length > 1 ? 's' : ''} ${list(m)}`;
  return `${secPart} ${minPart}${hours}`;
}

function days(spec: QuartzSpec): string {
  if (!spec.sets[DAY_OF_MONTH]!.includes(NO_SPEC)) {
    if (spec.lastDayOfMonth) {
      const base = spec.lastDayOffset > 0 ? `${spec.lastDayOffset} day${spec.lastDayOffset > 1 ? 's' : ''} before the last day of the month` : 'the last day of the month';
      return spec.nearestWeekday ? `on the weekday nearest ${base}` : `on ${base}`;
    }
    const d = values(spec, DAY_OF_MONTH);
    if (spec.nearestWeekday) return `on the weekday nearest day ${d[0]} of the month`;
    return isAll(spec, DAY_OF_MONTH) ? 'every day' : `on day${d.length > 1 ? 's' : ''} ${list(d)} of the month`;
  }
  const w = values(spec, DAY_OF_WEEK);
  const name = (n: number) => DAYS[n - 1] ?? `day ${n}`;
  if (spec.lastDayOfWeek) return `on the last ${name(w[0]!)} of the month`;
  if (spec.nthDayOfWeek) return `on the ${ORDINALS[spec.nthDayOfWeek - 1]} ${name(w[0]!)} of the month`;
  return isAll(spec, DAY_OF_WEEK) ? 'every day' : `on ${list(w, name)}`;
}

function yearsPart(spec: QuartzSpec): string {
  const explicit = values(spec, YEAR);
  const open = spec.openYears.filter((o) => !(o.start === 1970 && o.step === 1));
  const parts = [...(explicit.length ? [`in ${list(explicit)}`] : []), ...open.map((o) => (o.step === 1 ? `from ${o.start} on` : `every ${o.step} years from ${o.start}`))];
  return parts.length ? `, ${parts.join(', ')}` : '';
}

/** "At 02:00, every day", "Every 15 minutes, on Monday to Friday, in March". */
export function describeQuartz(spec: QuartzSpec): string {
  const empty = [SECOND, MINUTE, HOUR, MONTH].find((f) => values(spec, f).length === 0);
  if (empty !== undefined) return 'Never: Quartz keeps no value for one of the time fields and cannot compute fire times';
  const months = isAll(spec, MONTH) ? '' : `, in ${list(values(spec, MONTH), (n) => MONTHS[n - 1] ?? `month ${n}`)}`;
  const text = `${timeOfDay(spec)}, ${days(spec)}${months}${yearsPart(spec)}`;
  return text[0]!.toUpperCase() + text.slice(1);
}
