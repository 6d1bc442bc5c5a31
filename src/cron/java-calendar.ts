/**
 * The slice of java.util.GregorianCalendar that Quartz's fire-time search drives, with its
 * lenient semantics: `set` stores raw values (minute 60, day 32, month 12 are fine) and the next
 * `get` normalises them all at once through the zone (wall time → instant → wall time). That
 * round trip is where Quartz's DST behaviour comes from, so it is reproduced literally rather than
 * approximated. Years are proleptic Gregorian (Java switches to Julian before 1582; irrelevant to
 * schedules).
 */
import { civilFromDays, DAY_MS, daysFromCivil, monthLength, weekday } from './civil.js';
import type { ZoneRules } from './zone-rules.js';

export type CalField = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'ms';

export class JavaCalendar {
  /** Raw field values; `month` is 0-based as in Java. */
  private f: Record<CalField, number> = { year: 1970, month: 0, day: 1, hour: 0, minute: 0, second: 0, ms: 0 };
  private time = 0;
  private dow = 5;
  private normalised = true;

  constructor(private readonly zone: ZoneRules) {}

  setTime(utcMs: number): void {
    this.time = utcMs;
    this.computeFields();
  }

  getTime(): number {
    this.complete();
    return this.time;
  }

  set(field: CalField, value: number): void {
    this.f[field] = value;
    this.normalised = false;
  }

  get(field: CalField): number {
    this.complete();
    return this.f[field];
  }

  /** Calendar.DAY_OF_WEEK: 1 = Sunday … 7 = Saturday. */
  dayOfWeek(): number {
    this.complete();
    return this.dow;
  }

  /** Calendar.add(YEAR, n): normalise, move the year, pin the day to the month's length. */
  addYears(n: number): void {
    this.complete();
    this.set('year', this.f.year + n);
    const len = monthLength(this.f.month + 1, this.f.year);
    if (this.f.day > len) this.set('day', len);
  }

  private complete(): void {
    if (this.normalised) return;
    const { year, month, day, hour, minute, second, ms } = this.f;
    const y = year + Math.floor(month / 12);
    const m = ((month % 12) + 12) % 12;
    const wall = (daysFromCivil(y, m + 1, 1) + day - 1) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
    this.time = wall - this.zone.offsetForWall(wall);
    this.computeFields();
  }

  private computeFields(): void {
    const wall = this.time + this.zone.offsetAt(this.time);
    const days = Math.floor(wall / DAY_MS);
    let rest = wall - days * DAY_MS;
    const { year, month, day } = civilFromDays(days);
    const ms = rest % 1000;
    rest = (rest - ms) / 1000;
    this.f = { year, month: month - 1, day, hour: Math.floor(rest / 3600), minute: Math.floor(rest / 60) % 60, second: rest % 60, ms };
    this.dow = weekday(days);
    this.normalised = true;
  }
}
