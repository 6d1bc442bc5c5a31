/**
 * The value-reading half of the Quartz 2.3.2 parser port: `storeExpressionVals`, `checkNext` and
 * `addToSet`, with their checks, quirks and exact messages. One Parser holds the state of one
 * expression (the value sets and the day-rule flags), as CronExpression's fields do; quartz-parse.ts
 * drives it field by field and item by item.
 */
import { charAt, isAsciiDigit, JavaError, parseJavaInt, substring } from './java-text.js';
import { ALL_SPEC, DAY_OF_MONTH, DAY_OF_WEEK, HOUR, MINUTE, MONTH, NO_SPEC, SECOND, YEAR, type OpenYears, type ParseErrorKind, type QuartzSpec } from './quartz-fields.js';

const MONTHS: Record<string, number> = { JAN: 0, FEB: 1, MAR: 2, APR: 3, MAY: 4, JUN: 5, JUL: 6, AUG: 7, SEP: 8, OCT: 9, NOV: 10, DEC: 11 };
const DAYS: Record<string, number> = { SUN: 1, MON: 2, TUE: 3, WED: 4, THU: 5, FRI: 6, SAT: 7 };

/** A ParseException of Quartz, with the category we report it under. */
export class QuartzError extends Error {
  constructor(
    readonly kind: ParseErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** The mutable state of one parse, mirroring CronExpression's fields. */
export class Parser {
  readonly sets: Set<number>[] = Array.from({ length: 7 }, () => new Set<number>());
  readonly openYears: OpenYears[] = [];
  lastDayOfWeek = false;
  nthDayOfWeek = 0;
  lastDayOfMonth = false;
  nearestWeekday = false;
  lastDayOffset = 0;

  constructor(private readonly maxYear: number | undefined) {}

  /**
   * The checks buildExpression makes on a whole field before reading its items. The "is not
   * implemented" errors here and in `finish` are Quartz 2.3.2's own rejections, word for word (the
   * corpus has them): Databricks refuses these expressions with the same message, so `jobs
   * validate` must too. explain-error.ts turns them into a hint with a corrected expression.
   */
  checkField(type: number, expr: string): void {
    const hasL = expr.includes('L') && expr.length > 1 && expr.includes(',');
    if (type === DAY_OF_MONTH && hasL) {
      throw new QuartzError('special', "Support for specifying 'L' and 'LW' with other days of the month is not implemented");
    }
    if (type === DAY_OF_WEEK && hasL) {
      throw new QuartzError('special', "Support for specifying 'L' with other days of the week is not implemented");
    }
    if (type === DAY_OF_WEEK && expr.includes('#') && expr.indexOf('#', expr.indexOf('#') + 1) !== -1) {
      throw new QuartzError('special', 'Support for specifying multiple "nth" days is not implemented.');
    }
  }

  finish(fieldCount: number): QuartzSpec {
    if (fieldCount <= DAY_OF_WEEK) throw new QuartzError('field-count', 'Unexpected end of expression.');
    if (fieldCount <= YEAR) this.store('*', YEAR);
    const domSpec = !this.sets[DAY_OF_MONTH]!.has(NO_SPEC);
    const dowSpec = !this.sets[DAY_OF_WEEK]!.has(NO_SPEC);
    if (domSpec === dowSpec) {
      throw new QuartzError('both-days', 'Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.');
    }
    return {
      sets: this.sets.map((s) => [...s].sort((a, b) => a - b)),
      openYears: this.openYears,
      lastDayOfWeek: this.lastDayOfWeek,
      nthDayOfWeek: this.nthDayOfWeek,
      lastDayOfMonth: this.lastDayOfMonth,
      nearestWeekday: this.nearestWeekday,
      lastDayOffset: this.lastDayOffset,
    };
  }

  /** storeExpressionVals: one comma-separated item of field `type`. */
  store(s: string, type: number): void {
    let i = 0;
    if (i >= s.length) return;
    let c = s[i]!;
    if (c >= 'A' && c <= 'Z' && s !== 'L' && s !== 'LW' && !/^L-[0-9]*W?$/.test(s)) {
      this.storeName(s, type);
      return;
    }
    if (c === '?') {
      this.storeQuestionMark(s, type);
      return;
    }
    if (c === '*' || c === '/') {
      this.storeAll(s, type);
      return;
    }
    if (c === 'L') {
      this.storeLast(s, type);
      return;
    }
    if (c >= '0' && c <= '9') {
      let val = Number(c);
      i++;
      if (i >= s.length) {
        this.addToSet(val, -1, -1, type);
        return;
      }
      c = s[i]!;
      if (isAsciiDigit(c)) {
        const vs = getValue(val, s, i);
        val = vs.value;
        i = vs.pos;
      }
      this.checkNext(i, s, val, type);
      return;
    }
    throw new QuartzError('syntax', `Unexpected character: ${c}`);
  }

  /** A month or weekday name (only its first three letters count), a name range, `FRI#3`, `FRIL`. */
  private storeName(s: string, type: number): void {
    let i = 0;
    let sub = substring(s, i, i + 3);
    let sval: number;
    let eval_ = -1;
    if (type === MONTH) {
      sval = monthNumber(sub) + 1;
      if (sval <= 0) throw new QuartzError('name', `Invalid Month value: '${sub}'`);
      if (s.length > i + 3 && s[i + 3] === '-') {
        i += 4;
        sub = substring(s, i, i + 3);
        eval_ = monthNumber(sub) + 1;
        if (eval_ <= 0) throw new QuartzError('name', `Invalid Month value: '${sub}'`);
      }
    } else if (type === DAY_OF_WEEK) {
      sval = dayNumber(sub);
      if (sval < 0) throw new QuartzError('name', `Invalid Day-of-Week value: '${sub}'`);
      if (s.length > i + 3) {
        const next = s[i + 3];
        if (next === '-') {
          i += 4;
          sub = substring(s, i, i + 3);
          eval_ = dayNumber(sub);
          if (eval_ < 0) throw new QuartzError('name', `Invalid Day-of-Week value: '${sub}'`);
        } else if (next === '#') {
          i += 4;
          this.nthDayOfWeek = parseNth(s, i);
        } else if (next === 'L') {
          this.lastDayOfWeek = true;
        }
      }
    } else {
      throw new QuartzError('name', `Illegal characters for this position: '${sub}'`);
    }
    this.addToSet(sval, eval_, eval_ !== -1 ? 1 : 0, type);
  }

  private storeQuestionMark(s: string, type: number): void {
    const i = 1;
    // Quartz's check compares against ' ' and '\t', which never occur inside a field, so any
    // two or more characters after '?' fail and a single one is silently ignored.
    if (i + 1 < s.length) throw new QuartzError('syntax', `Illegal character after '?': ${s[i]}`);
    if (type !== DAY_OF_WEEK && type !== DAY_OF_MONTH) {
      throw new QuartzError('question-mark', "'?' can only be specified for Day-of-Month or Day-of-Week.");
    }
    if (type === DAY_OF_WEEK && !this.lastDayOfMonth) {
      const dom = this.sets[DAY_OF_MONTH]!;
      if (dom.size === 0) throw new JavaError('java.util.NoSuchElementException');
      if (Math.max(...dom) === NO_SPEC) {
        throw new QuartzError('question-mark', "'?' can only be specified for Day-of-Month -OR- Day-of-Week.");
      }
    }
    this.addToSet(NO_SPEC, -1, 0, type);
  }

  /** `*`, `*` followed by anything, `*\/n`, `/n`. */
  private storeAll(s: string, type: number): void {
    let i = 0;
    let c = s[0]!;
    if (c === '*' && i + 1 >= s.length) {
      this.addToSet(ALL_SPEC, -1, 0, type);
      return;
    }
    if (c === '/' && i + 1 >= s.length) throw new QuartzError('step', "'/' must be followed by an integer.");
    if (c === '*') i++;
    c = charAt(s, i);
    let incr: number;
    if (c === '/') {
      i++;
      if (i >= s.length) throw new QuartzError('step', 'Unexpected end of string.');
      // Quartz's findNextWhiteSpace never stops early, so the step is "the rest of the item".
      incr = parseJavaInt(substring(s, i));
      checkIncrementRange(incr, type);
    } else {
      incr = 1;
    }
    this.addToSet(ALL_SPEC, -1, incr, type);
  }

  /** `L` at the start of an item: last day of month (with `-n` and `W`), Saturday, or nothing. */
  private storeLast(s: string, type: number): void {
    let i = 1;
    if (type === DAY_OF_MONTH) this.lastDayOfMonth = true;
    if (type === DAY_OF_WEEK) this.addToSet(7, 7, 0, type);
    if (type === DAY_OF_MONTH && s.length > i) {
      if (s[i] === '-') {
        const vs = getValue(0, s, i + 1);
        this.lastDayOffset = vs.value;
        if (this.lastDayOffset > 30) throw new QuartzError('special', 'Offset from last day must be <= 30');
        i = vs.pos;
      }
      if (s.length > i && s[i] === 'W') this.nearestWeekday = true;
    }
  }

  /** What may follow a number: `L`, `W`, `#n`, `-end[/step]`, `/step`, or anything (ignored). */
  private checkNext(pos: number, s: string, val: number, type: number): void {
    let i = pos;
    if (i >= s.length) {
      this.addToSet(val, -1, -1, type);
      return;
    }
    let c = s[i]!;
    if (c === 'L') {
      if (type !== DAY_OF_WEEK) throw new QuartzError('special', `'L' option is not valid here. (pos=${i})`);
      if (val < 1 || val > 7) throw new QuartzError('range', 'Day-of-Week values must be between 1 and 7');
      this.lastDayOfWeek = true;
      this.sets[type]!.add(val);
      return;
    }
    if (c === 'W') {
      if (type !== DAY_OF_MONTH) throw new QuartzError('special', `'W' option is not valid here. (pos=${i})`);
      this.nearestWeekday = true;
      if (val > 31) {
        throw new QuartzError('special', "The 'W' option does not make sense with values larger than 31 (max number of days in a month)");
      }
      this.sets[type]!.add(val);
      return;
    }
    if (c === '#') {
      if (type !== DAY_OF_WEEK) throw new QuartzError('special', `'#' option is not valid here. (pos=${i})`);
      this.nthDayOfWeek = parseNth(s, i + 1);
      this.sets[type]!.add(val);
      return;
    }
    if (c === '-') {
      i++;
      const v = parseJavaInt(charAt(s, i));
      let end = v;
      i++;
      if (i >= s.length) {
        this.addToSet(val, end, 1, type);
        return;
      }
      c = s[i]!;
      if (isAsciiDigit(c)) {
        const vs = getValue(v, s, i);
        end = vs.value;
        i = vs.pos;
      }
      if (i < s.length && s[i] === '/') {
        i++;
        const v2 = parseJavaInt(charAt(s, i));
        i++;
        if (i >= s.length) {
          this.addToSet(val, end, v2, type);
          return;
        }
        // No range check on a range's step: Quartz only checks steps of single values and '*'.
        this.addToSet(val, end, isAsciiDigit(s[i]) ? getValue(v2, s, i).value : v2, type);
        return;
      }
      this.addToSet(val, end, 1, type);
      return;
    }
    if (c === '/') {
      if (i + 1 >= s.length) throw new QuartzError('step', "'/' must be followed by an integer.");
      i++;
      const v2 = parseJavaInt(charAt(s, i));
      i++;
      if (i >= s.length) {
        checkIncrementRange(v2, type);
        this.addToSet(val, -1, v2, type);
        return;
      }
      c = s[i]!;
      if (!isAsciiDigit(c)) throw new QuartzError('step', `Unexpected character '${c}' after '/'`);
      const v3 = getValue(v2, s, i).value;
      checkIncrementRange(v3, type);
      this.addToSet(val, -1, v3, type);
      return;
    }
    this.addToSet(val, -1, 0, type);
  }

  /** addToSet: range checks, then the values `val..end` by `incr`, wrapping past the field's end. */
  private addToSet(val: number, end: number, incr: number, type: number): void {
    checkRange(val, end, type);
    const set = this.sets[type]!;
    if ((incr === 0 || incr === -1) && val !== ALL_SPEC) {
      set.add(val !== -1 ? val : NO_SPEC);
      return;
    }
    let startAt = val;
    let stopAt = end;
    if (val === ALL_SPEC && incr <= 0) {
      incr = 1;
      set.add(ALL_SPEC);
    }
    const [lo, hi] = BOUNDS[type]!;
    if (startAt === -1 || startAt === ALL_SPEC) startAt = lo;
    if (type === YEAR && stopAt === -1) {
      // Filled up to MAX_YEAR, which depends on when Quartz runs: kept open, cut at search time.
      if (this.maxYear !== undefined && this.maxYear < startAt) {
        throw new JavaError('java.lang.IllegalArgumentException: Start year must be less than stop year');
      }
      this.openYears.push({ start: startAt, step: incr });
      return;
    }
    if (stopAt === -1) stopAt = hi;
    let max = -1;
    if (stopAt < startAt) {
      if (type === YEAR) throw new JavaError('java.lang.IllegalArgumentException: Start year must be less than stop year');
      max = WRAP[type]!;
      stopAt += max;
    }
    // Bounded where Quartz is not: years after 2999 can never fire (its search stops there), and a
    // range such as 99-2000000000 (the 99 skips the range check) would exhaust Quartz's memory.
    const last = type === YEAR ? Math.min(stopAt, 3000) : Math.min(stopAt, startAt + MAX_FILL * incr);
    for (let v = startAt; v <= last; v += incr) {
      if (max === -1) set.add(v);
      else {
        let v2 = v % max;
        // 1-based fields wrap to their maximum, not to 0.
        if (v2 === 0 && (type === MONTH || type === DAY_OF_WEEK || type === DAY_OF_MONTH)) v2 = max;
        set.add(v2);
      }
    }
  }
}

const MAX_FILL = 10_000;

const BOUNDS: Record<number, [number, number]> = {
  [SECOND]: [0, 59],
  [MINUTE]: [0, 59],
  [HOUR]: [0, 23],
  [DAY_OF_MONTH]: [1, 31],
  [MONTH]: [1, 12],
  [DAY_OF_WEEK]: [1, 7],
  [YEAR]: [1970, -1],
};
const WRAP: Record<number, number> = { [SECOND]: 60, [MINUTE]: 60, [HOUR]: 24, [MONTH]: 12, [DAY_OF_WEEK]: 7, [DAY_OF_MONTH]: 31 };

function checkRange(val: number, end: number, type: number): void {
  const fail = (m: string) => new QuartzError('range', m);
  if (type === SECOND || type === MINUTE) {
    if ((val < 0 || val > 59 || end > 59) && val !== ALL_SPEC) throw fail('Minute and Second values must be between 0 and 59');
  } else if (type === HOUR) {
    if ((val < 0 || val > 23 || end > 23) && val !== ALL_SPEC) throw fail('Hour values must be between 0 and 23');
  } else if (type === DAY_OF_MONTH) {
    if ((val < 1 || val > 31 || end > 31) && val !== ALL_SPEC && val !== NO_SPEC) throw fail('Day of month values must be between 1 and 31');
  } else if (type === MONTH) {
    if ((val < 1 || val > 12 || end > 12) && val !== ALL_SPEC) throw fail('Month values must be between 1 and 12');
  } else if (type === DAY_OF_WEEK) {
    if ((val === 0 || val > 7 || end > 7) && val !== ALL_SPEC && val !== NO_SPEC) throw fail('Day-of-Week values must be between 1 and 7');
  }
}

function checkIncrementRange(incr: number, type: number): void {
  const fail = (limit: number) => new QuartzError('step', `Increment > ${limit} : ${incr}`);
  if (incr > 59 && (type === SECOND || type === MINUTE)) throw fail(60);
  if (incr > 23 && type === HOUR) throw fail(24);
  if (incr > 31 && type === DAY_OF_MONTH) throw fail(31);
  if (incr > 7 && type === DAY_OF_WEEK) throw fail(7);
  if (incr > 12 && type === MONTH) throw fail(12);
}

/** The digits of `#n` (everything after '#'), which must read as 1..5. */
function parseNth(s: string, i: number): number {
  let n: number;
  try {
    n = parseJavaInt(substring(s, i));
  } catch {
    n = 0;
  }
  if (n < 1 || n > 5) throw new QuartzError('special', "A numeric value between 1 and 5 must follow the '#' option");
  return n;
}

/**
 * getValue: `v` followed by the ASCII digits from `i`. Quartz's quirk is kept: when the digits run
 * to the end, the returned position is one past the end.
 */
function getValue(v: number, s: string, i: number): { value: number; pos: number } {
  let digits = String(v);
  let c = charAt(s, i);
  while (isAsciiDigit(c)) {
    digits += c;
    i++;
    if (i >= s.length) break;
    c = s[i]!;
  }
  return { value: parseJavaInt(digits), pos: i < s.length ? i : i + 1 };
}

const monthNumber = (s: string): number => MONTHS[s] ?? -1;
const dayNumber = (s: string): number => DAYS[s] ?? -1;
