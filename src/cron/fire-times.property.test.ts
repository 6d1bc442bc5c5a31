/**
 * Properties of the fire-time search over generated Quartz expressions and DST-heavy zones:
 * fire times strictly increase, each one matches the expression when read back as wall-clock
 * time in the zone, and none sits in a DST gap (its wall time maps back to the same instant).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDays, DAY_MS, monthLength, weekday } from './civil.js';
import { fireTimes } from './fire-times.js';
import { javaTimeZone } from './java-zone.js';
import { ALL_SPEC, DAY_OF_MONTH, DAY_OF_WEEK, HOUR, MINUTE, MONTH, NO_SPEC, parseQuartz, SECOND, type QuartzSpec } from './quartz-parse.js';
import type { ZoneRules } from './zone-rules.js';

const ZONES = ['UTC', 'Europe/Warsaw', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Chatham', 'America/Santiago', 'Asia/Kolkata', 'Europe/London'];

/** A plain field: `*`, a value, a range, a step or a short list, within [lo, hi]. */
const plain = (lo: number, hi: number) => {
  const v = fc.integer({ min: lo, max: hi });
  return fc.oneof(
    fc.constant('*'),
    v.map(String),
    fc.tuple(v, v).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.tuple(v, fc.integer({ min: 1, max: hi - lo })).map(([a, n]) => `${a}/${n}`),
    fc.uniqueArray(v, { minLength: 2, maxLength: 4 }).map((xs) => xs.join(',')),
  );
};
const dom = fc.oneof({ weight: 4, arbitrary: plain(1, 31) }, { weight: 1, arbitrary: fc.constant('L') }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }).map((n) => `L-${n}`) });
const dow = fc.oneof(
  { weight: 4, arbitrary: plain(1, 7) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 7 }).map((d) => `${d}L`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 5 })).map(([d, k]) => `${d}#${k}`) },
);
const expression = fc
  .tuple(plain(0, 59), plain(0, 59), plain(0, 23), fc.boolean(), dom, plain(1, 12), dow)
  .map(([s, m, h, byMonthDay, d, mo, w]) => (byMonthDay ? [s, m, h, d, mo, '?'] : [s, m, h, '?', mo, w]).join(' '));
const zone = fc.constantFrom(...ZONES);
const from = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) });

const has = (set: number[], v: number) => set.includes(v) || set.includes(ALL_SPEC);

/** Wall-clock fields of instant `t` in `zone`. */
function wall(t: number, zone: ZoneRules) {
  const w = t + zone.offsetAt(t);
  const days = Math.floor(w / DAY_MS);
  const secs = Math.floor((w - days * DAY_MS) / 1000);
  return { ...civilFromDays(days), hour: Math.floor(secs / 3600), minute: Math.floor(secs / 60) % 60, second: secs % 60, dow: weekday(days), wall: w };
}

function matches(spec: QuartzSpec, f: ReturnType<typeof wall>): boolean {
  const s = spec.sets;
  if (!has(s[SECOND]!, f.second) || !has(s[MINUTE]!, f.minute) || !has(s[HOUR]!, f.hour) || !has(s[MONTH]!, f.month)) return false;
  const last = monthLength(f.month, f.year);
  if (!s[DAY_OF_MONTH]!.includes(NO_SPEC)) {
    return spec.lastDayOfMonth ? f.day === last - spec.lastDayOffset : has(s[DAY_OF_MONTH]!, f.day);
  }
  if (spec.lastDayOfWeek) return f.dow === s[DAY_OF_WEEK]![0] && f.day + 7 > last;
  if (spec.nthDayOfWeek) return f.dow === s[DAY_OF_WEEK]![0] && Math.ceil(f.day / 7) === spec.nthDayOfWeek;
  return has(s[DAY_OF_WEEK]!, f.dow);
}

describe('fire times (properties)', () => {
  it('strictly increase, match the expression in the zone, and never sit in a DST gap', () => {
    fc.assert(
      fc.property(expression, zone, from, (expr, id, start) => {
        const spec = parseQuartz(expr).spec!;
        const rules = javaTimeZone(id).rules;
        const { times } = fireTimes(spec, rules, start, 25);
        let prev = start;
        for (const t of times) {
          expect(t).toBeGreaterThan(prev);
          prev = t;
          const f = wall(t, rules);
          expect(matches(spec, f), `${expr} in ${id}: ${new Date(t).toISOString()}`).toBe(true);
          // The wall time exists: Java's wall → instant mapping gives this very instant back.
          expect(f.wall - rules.offsetForWall(f.wall)).toBe(t);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('skips a wall time that does not exist that day instead of shifting it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 59 }), zone, fc.integer({ min: 2024, max: 2035 }), (h, m, id, year) => {
        const rules = javaTimeZone(id).rules;
        const spec = parseQuartz(`0 ${m} ${h} * * ?`).spec!;
        for (const month of [0, 2, 3, 8, 9, 10]) {
          for (const t of fireTimes(spec, rules, Date.UTC(year, month, 1), 40).times) {
            const f = wall(t, rules);
            expect([f.hour, f.minute]).toEqual([h, m]);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
