/**
 * Next fire times: a port of Quartz 2.3.2's `CronExpression.getTimeAfter`, driven through the
 * lenient JavaCalendar so that DST gaps, overlaps and month overflow come out exactly as Quartz's.
 * The search jumps field by field (second → minute → hour → day → month → year), so each fire time
 * costs a handful of iterations, and it is bounded the way Quartz is: it gives up after the year
 * `maxYear` (Quartz: the year it runs in + 100) and after year 2999.
 *
 * Where Quartz itself breaks (an empty value set throws NoSuchElementException; `0W` loops
 * forever) we stop with a reason instead of hanging: an iteration budget stands in for "never
 * finishes".
 */
import { monthLength } from './civil.js';
import { JavaCalendar } from './java-calendar.js';
import { JavaError, noSuchElement } from './java-text.js';
import { DAY_OF_MONTH, DAY_OF_WEEK, HOUR, MINUTE, MONTH, NO_SPEC, SECOND, YEAR, type QuartzSpec } from './quartz-parse.js';
import type { ZoneRules } from './zone-rules.js';

export interface FireTimesOptions {
  /** Quartz's MAX_YEAR: no fire time after this year. Default: the year of `from` + 100. */
  maxYear?: number;
}

export type FireTimesEnd =
  /** As many fire times as asked for. */
  | 'complete'
  /** Quartz returns "no further fire time" (years ran out, the date never exists, horizon passed). */
  | 'exhausted'
  /** Quartz throws while computing (e.g. `L` in the hours field leaves the hour set empty). */
  | 'error'
  /** Quartz never returns (e.g. `0W`); we stopped after a bounded number of steps. */
  | 'hang';

export interface FireTimesResult {
  /** Fire times as UTC epoch milliseconds, strictly increasing. */
  times: number[];
  end: FireTimesEnd;
  /** For `error`: the Java exception Quartz would throw. */
  javaError?: string;
}

/**
 * Quartz's search always moves the calendar forward, except when it is stuck for good (`0W` sets
 * "day 0" of the next month, which is today, for ever). So a search that makes no progress for
 * this many steps is a hang; one that progresses ends at the horizon on its own.
 */
const STALL_LIMIT = 1_000;

class Hang extends Error {}

const SATURDAY = 7;
const SUNDAY = 1;

/**
 * The next `count` fire times strictly after `fromMs`, chained as a Quartz trigger chains them.
 * `fromMs` is truncated to the whole second (Quartz schedules never fire between seconds).
 */
export function fireTimes(spec: QuartzSpec, zone: ZoneRules, fromMs: number, count: number, options: FireTimesOptions = {}): FireTimesResult {
  const from = Math.floor(fromMs / 1000) * 1000;
  const maxYear = options.maxYear ?? new Date(from).getUTCFullYear() + 100;
  const search = new Search(spec, zone, maxYear);
  const times: number[] = [];
  let after = from;
  try {
    while (times.length < count) {
      const next = search.timeAfter(after);
      if (next === null) return { times, end: 'exhausted' };
      times.push(next);
      after = next;
    }
  } catch (err) {
    if (err instanceof Hang) return { times, end: 'hang' };
    if (err instanceof JavaError) return { times, end: 'error', javaError: err.javaText };
    throw err;
  }
  return { times, end: 'complete' };
}

/** Smallest element >= x of a sorted array (TreeSet.tailSet(x).first()), or undefined. */
function ceil(sorted: number[], x: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo];
}

function first(sorted: number[]): number {
  if (sorted.length === 0) throw noSuchElement();
  return sorted[0]!;
}

/** Calendar.set(HOUR_OF_DAY, h), stepping past an hour that the DST gap swallowed. */
function setCalendarHour(cal: JavaCalendar, hour: number): void {
  cal.set('hour', hour);
  if (cal.get('hour') !== hour && hour !== 24) cal.set('hour', hour + 1);
}

/** Midnight of day `day` (1-based, may overflow) of month `month0` (0-based, may overflow). */
function setDay(cal: JavaCalendar, day: number, month0: number, year?: number): void {
  cal.set('second', 0);
  cal.set('minute', 0);
  cal.set('hour', 0);
  cal.set('day', day);
  cal.set('month', month0);
  if (year !== undefined) cal.set('year', year);
}

class Search {
  private readonly s: number[][];
  /** The second, minute and hour Quartz chose in this pass, unnormalised (its local variables). */
  private chosen = { sec: 0, min: 0, hr: 0 };

  constructor(
    private readonly spec: QuartzSpec,
    private readonly zone: ZoneRules,
    private readonly maxYear: number,
  ) {
    this.s = spec.sets;
  }

  /** getTimeAfter. Returns null for "no further fire time". */
  timeAfter(after: number): number | null {
    const cl = new JavaCalendar(this.zone);
    const afterTime = after + 1000;
    cl.setTime(afterTime);
    cl.set('ms', 0);
    let latest = -Infinity;
    for (let stalled = 0; ; ) {
      const now = cl.getTime();
      if (now > latest) [latest, stalled] = [now, 0];
      else if (++stalled > STALL_LIMIT) throw new Hang();
      if (cl.get('year') > 2999) return null;
      if (!this.timeOfDay(cl)) continue;
      if (!this.dayOfMonthOrWeek(cl, afterTime)) continue;
      const r = this.monthAndYear(cl);
      if (r === 'none') return null;
      if (r === 'moved') continue;
      return cl.getTime();
    }
  }

  /** Seconds, minutes, hours. Returns false when the calendar moved and the loop must restart. */
  private timeOfDay(cl: JavaCalendar): boolean {
    const [seconds, minutes, hours] = [this.s[SECOND]!, this.s[MINUTE]!, this.s[HOUR]!];
    let sec = cl.get('second');
    let min = cl.get('minute');
    const s = ceil(seconds, sec);
    if (s !== undefined) sec = s;
    else {
      sec = first(seconds);
      cl.set('minute', ++min);
    }
    cl.set('second', sec);

    min = cl.get('minute');
    let hr = cl.get('hour');
    let t = -1;
    const m = ceil(minutes, min);
    if (m !== undefined) {
      t = min;
      min = m;
    } else {
      min = first(minutes);
      hr++;
    }
    if (min !== t) {
      cl.set('second', 0);
      cl.set('minute', min);
      setCalendarHour(cl, hr);
      return false;
    }
    cl.set('minute', min);

    hr = cl.get('hour');
    let day = cl.get('day');
    t = -1;
    const h = ceil(hours, hr);
    if (h !== undefined) {
      t = hr;
      hr = h;
    } else {
      hr = first(hours);
      day++;
    }
    if (hr !== t) {
      cl.set('second', 0);
      cl.set('minute', 0);
      cl.set('day', day);
      setCalendarHour(cl, hr);
      return false;
    }
    cl.set('hour', hr);
    this.chosen = { sec, min, hr };
    return true;
  }

  private dayOfMonthOrWeek(cl: JavaCalendar, afterTime: number): boolean {
    const domSpec = !this.s[DAY_OF_MONTH]!.includes(NO_SPEC);
    const dowSpec = !this.s[DAY_OF_WEEK]!.includes(NO_SPEC);
    if (domSpec && !dowSpec) return this.byDayOfMonth(cl, afterTime);
    if (dowSpec && !domSpec) return this.byDayOfWeek(cl);
    throw new JavaError('java.lang.UnsupportedOperationException');
  }

  private byDayOfMonth(cl: JavaCalendar, afterTime: number): boolean {
    const dom = this.s[DAY_OF_MONTH]!;
    const { lastDayOfMonth, nearestWeekday, lastDayOffset } = this.spec;
    let day = cl.get('day');
    let mon = cl.get('month') + 1;
    let t = -1;
    let tmon = mon;
    const st = ceil(dom, day);
    if (lastDayOfMonth && !nearestWeekday) {
      t = day;
      day = monthLength(mon, cl.get('year')) - lastDayOffset;
      if (t > day) {
        mon++;
        if (mon > 12) {
          mon = 1;
          tmon = 3333; // forces the "moved" test below, as Quartz does
          cl.addYears(1);
        }
        day = 1;
      }
    } else if (nearestWeekday) {
      t = day;
      day = lastDayOfMonth ? monthLength(mon, cl.get('year')) - lastDayOffset : first(dom);
      day = this.nearestWeekdayOf(day, mon, cl);
      if (this.wallTime(cl, day, mon) < afterTime) {
        day = lastDayOfMonth ? 1 : first(dom);
        mon++;
      }
    } else if (st !== undefined) {
      t = day;
      day = st;
      // Do not run past the end of a short month.
      if (day > monthLength(mon, cl.get('year'))) {
        day = first(dom);
        mon++;
      }
    } else {
      day = first(dom);
      mon++;
    }
    if (day !== t || mon !== tmon) {
      setDay(cl, day, mon - 1);
      return false;
    }
    cl.set('day', day);
    return true;
  }

  /** `nW`/`LW`: the weekday nearest `day`, never leaving the month. */
  private nearestWeekdayOf(day: number, mon: number, cl: JavaCalendar): number {
    const year = cl.get('year');
    const tcal = new JavaCalendar(this.zone);
    tcal.set('year', year);
    tcal.set('month', mon - 1);
    tcal.set('day', day);
    const dow = tcal.dayOfWeek();
    const ldom = monthLength(mon, year);
    if (dow === SATURDAY && day === 1) return day + 2;
    if (dow === SATURDAY) return day - 1;
    if (dow === SUNDAY && day === ldom) return day - 2;
    if (dow === SUNDAY) return day + 1;
    return day;
  }

  /** The instant of the current time of day on `day`/`mon` (Quartz's `tcal` check). */
  private wallTime(cl: JavaCalendar, day: number, mon: number): number {
    const tcal = new JavaCalendar(this.zone);
    tcal.set('year', cl.get('year'));
    tcal.set('month', mon - 1);
    tcal.set('day', day);
    tcal.set('hour', this.chosen.hr);
    tcal.set('minute', this.chosen.min);
    tcal.set('second', this.chosen.sec);
    return tcal.getTime();
  }

  private byDayOfWeek(cl: JavaCalendar): boolean {
    const dows = this.s[DAY_OF_WEEK]!;
    const { lastDayOfWeek, nthDayOfWeek } = this.spec;
    let day = cl.get('day');
    const mon = cl.get('month') + 1;
    const lastDay = () => monthLength(mon, cl.get('year'));
    const cDow = cl.dayOfWeek();
    let want = first(dows);
    if (!lastDayOfWeek && nthDayOfWeek === 0) want = ceil(dows, cDow) ?? want;
    let daysToAdd = cDow < want ? want - cDow : cDow > want ? want + (7 - cDow) : 0;
    if (lastDayOfWeek) {
      if (day + daysToAdd > lastDay()) return (setDay(cl, 1, mon), false);
      // The last such weekday of this month.
      while (day + daysToAdd + 7 <= lastDay()) daysToAdd += 7;
      day += daysToAdd;
      if (daysToAdd > 0) return (setDay(cl, day, mon - 1), false);
    } else if (nthDayOfWeek !== 0) {
      const shifted = daysToAdd > 0;
      day += daysToAdd;
      let weekOfMonth = Math.trunc(day / 7);
      if (day % 7 > 0) weekOfMonth++;
      daysToAdd = (nthDayOfWeek - weekOfMonth) * 7;
      day += daysToAdd;
      if (daysToAdd < 0 || day > lastDay()) return (setDay(cl, 1, mon), false);
      if (daysToAdd > 0 || shifted) return (setDay(cl, day, mon - 1), false);
    } else {
      if (day + daysToAdd > lastDay()) return (setDay(cl, 1, mon), false);
      if (daysToAdd > 0) return (setDay(cl, day + daysToAdd, mon - 1), false);
    }
    cl.set('day', day);
    return true;
  }

  private monthAndYear(cl: JavaCalendar): 'ok' | 'moved' | 'none' {
    const months = this.s[MONTH]!;
    let mon = cl.get('month') + 1;
    let year = cl.get('year');
    let t = -1;
    // Expressions that never fire would otherwise loop for ever.
    if (year > this.maxYear) return 'none';
    const m = ceil(months, mon);
    if (m !== undefined) {
      t = mon;
      mon = m;
    } else {
      mon = first(months);
      year++;
    }
    if (mon !== t) {
      setDay(cl, 1, mon - 1, year);
      return 'moved';
    }
    cl.set('month', mon - 1);

    year = cl.get('year');
    const y = this.yearCeil(year);
    if (y === undefined) return 'none';
    if (y !== year) {
      setDay(cl, 1, 0, y);
      return 'moved';
    }
    cl.set('year', y);
    return 'ok';
  }

  /** The first year >= `year` in the year set, counting open sequences up to maxYear. */
  private yearCeil(year: number): number | undefined {
    let best = ceil(this.s[YEAR]!, year);
    for (const { start, step } of this.spec.openYears) {
      const v = year <= start ? start : start + Math.ceil((year - start) / step) * step;
      if (v <= this.maxYear && (best === undefined || v < best)) best = v;
    }
    return best;
  }
}
