/**
 * Offsets of a time zone, answered the way java.util.TimeZone (sun.util.calendar.ZoneInfo)
 * answers them, because Quartz's DST behaviour falls out of that: a wall time is turned into an
 * instant with the offset of the latest transition whose *wall-clock* start (transition instant +
 * new offset) is not after it. So a time in a spring-forward gap uses the old offset and lands
 * after the gap, and a repeated time in a fall-back overlap resolves to its second occurrence.
 *
 * Region rules come from the runtime's ICU data through Intl (Node's tzdb; the JDK ships its own,
 * and the two agree on all but a handful of zones after 2037 — see bench/cron/README.md). The
 * transitions are found once per zone and year by sampling weekly and bisecting to the second.
 */
import { civilFromDays, DAY_MS, daysFromCivil } from './civil.js';

export interface ZoneRules {
  /** The Java id these rules belong to. */
  readonly id: string;
  /** Offset from UTC in ms at the instant `utcMs`. */
  offsetAt(utcMs: number): number;
  /** Offset Java uses to turn the wall-clock time `wallMs` into an instant (see module doc). */
  offsetForWall(wallMs: number): number;
}

export function fixedZone(id: string, offsetMs: number): ZoneRules {
  return { id, offsetAt: () => offsetMs, offsetForWall: () => offsetMs };
}

interface Transition {
  /** Instant of the change (UTC ms). */
  at: number;
  /** Offset from `at` on. */
  after: number;
}

interface YearTable {
  startOffset: number;
  transitions: Transition[];
}

const WEEK_MS = 7 * DAY_MS;

/** Rules for an IANA region id, read through Intl. Throws RangeError if Intl does not know it. */
export class IntlZone implements ZoneRules {
  private readonly fmt: Intl.DateTimeFormat;
  private readonly years = new Map<number, YearTable>();

  constructor(
    readonly id: string,
    intlId: string = id,
  ) {
    this.fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: intlId,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  offsetAt(utcMs: number): number {
    const table = this.table(yearOf(utcMs));
    let off = table.startOffset;
    for (const t of table.transitions) {
      if (t.at > utcMs) break;
      off = t.after;
    }
    return off;
  }

  offsetForWall(wallMs: number): number {
    const y = yearOf(wallMs);
    // Transitions near a year boundary can decide a wall time in the neighbouring year.
    let off = this.table(y - 1).startOffset;
    for (const year of [y - 1, y, y + 1]) {
      for (const t of this.table(year).transitions) {
        if (t.at + t.after > wallMs) return off;
        off = t.after;
      }
    }
    return off;
  }

  /** Offset at a whole-second instant, straight from Intl. */
  private probe(utcMs: number): number {
    const p: Record<string, string> = {};
    for (const part of this.fmt.formatToParts(utcMs)) p[part.type] = part.value;
    const days = daysFromCivil(Number(p.year), Number(p.month), Number(p.day));
    return days * DAY_MS + ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000 - utcMs;
  }

  private table(year: number): YearTable {
    let t = this.years.get(year);
    if (t) return t;
    if (year < 1 || year > 9999) {
      // Out of Intl's range; only reached by lenient overflow that Quartz discards (year > 2999).
      t = { startOffset: this.table(year < 1 ? 1 : 9999).startOffset, transitions: [] };
      this.years.set(year, t);
      return t;
    }
    const start = daysFromCivil(year, 1, 1) * DAY_MS;
    const end = daysFromCivil(year + 1, 1, 1) * DAY_MS;
    t = { startOffset: this.probe(start), transitions: [] };
    let lo = start;
    let offLo = t.startOffset;
    while (lo < end) {
      const hi = Math.min(lo + WEEK_MS, end);
      const offHi = this.probe(hi);
      // Within one week there may be more than one change; find them left to right.
      let a = lo;
      let offA = offLo;
      while (offA !== offHi) {
        const at = this.firstChange(a, offA, hi);
        offA = this.probe(at);
        if (at < end) t.transitions.push({ at, after: offA });
        a = at;
      }
      lo = hi;
      offLo = offHi;
    }
    this.years.set(year, t);
    return t;
  }

  /** The first whole second in (lo, hi] whose offset differs from `offLo` (hi's must differ). */
  private firstChange(lo: number, offLo: number, hi: number): number {
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (this.probe(mid) === offLo) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}

function yearOf(ms: number): number {
  return civilFromDays(Math.floor(ms / DAY_MS)).year;
}
