/**
 * How Java reads a time-zone id, in the two ways that matter for a Databricks schedule:
 *
 * - `java.time.ZoneId.of(id)`: the strict reading (region ids, case-sensitive; `Z`; offsets such
 *   as `+02:00`; `UTC`/`GMT`/`UT` alone or followed by an offset). This decides whether the id is
 *   valid.
 * - `java.util.TimeZone.getTimeZone(id)`: what Quartz schedules with. It knows the region ids,
 *   a few legacy three-letter ids, and custom `GMT+hh:mm` ids, and silently falls back to GMT for
 *   everything else (including `UTC+3` and `+02:00`, which ZoneId accepts).
 */
import { LEGACY_ALIASES, LEGACY_FIXED } from './zone-legacy.js';
import { JAVA_REGION_IDS } from './zone-ids.js';
import { fixedZone, IntlZone, type ZoneRules } from './zone-rules.js';

const HOUR_MS = 3_600_000;

export interface ZoneIdReading {
  valid: boolean;
  /** For offset-style ids (`+02:00`, `UTC+3`, `Z`): the offset in ms. */
  offsetMs?: number;
}

/** `ZoneId.of(id)` succeeds? */
export function readZoneId(id: string): ZoneIdReading {
  if (id.length <= 1 || id.startsWith('+') || id.startsWith('-')) return readOffset(id);
  const prefix = id.startsWith('UTC') || id.startsWith('GMT') ? 3 : id.startsWith('UT') ? 2 : 0;
  if (prefix > 0) {
    if (id.length === prefix) return { valid: true, offsetMs: 0 };
    const sign = id[prefix];
    if (sign === '+' || sign === '-') return readOffset(id.slice(prefix));
  }
  return { valid: JAVA_REGION_IDS.has(id) };
}

/** `ZoneOffset.of(s)`: Z, ±h, ±hh, ±hhmm, ±hh:mm, ±hhmmss, ±hh:mm:ss, within ±18:00. */
function readOffset(s: string): ZoneIdReading {
  if (s === 'Z') return { valid: true, offsetMs: 0 };
  const invalid = { valid: false };
  const forms: Record<number, [number, boolean][]> = {
    2: [[1, false]],
    3: [[1, false]],
    5: [[1, false], [3, false]],
    6: [[1, false], [4, true]],
    7: [[1, false], [3, false], [5, false]],
    9: [[1, false], [4, true], [7, true]],
  };
  const text = s.length === 2 ? `${s[0]}0${s[1]}` : s;
  const form = forms[s.length];
  if (!form || (text[0] !== '+' && text[0] !== '-')) return invalid;
  const parts: number[] = [];
  for (const [pos, colon] of form) {
    if (colon && text[pos - 1] !== ':') return invalid;
    const two = text.slice(pos, pos + 2);
    if (!/^[0-9]{2}$/.test(two)) return invalid;
    parts.push(Number(two));
  }
  const [h, m = 0, sec = 0] = parts as [number, number?, number?];
  if (h > 18 || m > 59 || sec > 59 || (h === 18 && (m > 0 || sec > 0))) return invalid;
  const total = ((h * 60 + m) * 60 + sec) * 1000;
  return { valid: true, offsetMs: text[0] === '-' ? -total : total };
}

export interface JavaTimeZone {
  /** `TimeZone.getID()` of the result: the input, a normalised `GMT+05:30`, or `GMT` on fallback. */
  id: string;
  rules: ZoneRules;
  /** True when Java did not recognise the id and silently used GMT. */
  fellBackToGmt: boolean;
}

const cache = new Map<string, JavaTimeZone>();

/** `TimeZone.getTimeZone(id)`: never fails, falls back to GMT. */
export function javaTimeZone(id: string): JavaTimeZone {
  let tz = cache.get(id);
  if (!tz) {
    tz = resolve(id);
    cache.set(id, tz);
  }
  return tz;
}

function resolve(id: string): JavaTimeZone {
  const fixed = LEGACY_FIXED[id];
  if (fixed) return { id, rules: fixedZone(id, fixed.hours * HOUR_MS), fellBackToGmt: false };
  const alias = LEGACY_ALIASES[id];
  if (alias) return { id, rules: new IntlZone(id, alias), fellBackToGmt: false };
  if (id === 'GMT' || id === 'UTC' || /^Etc\/(GMT|UTC|UCT|Zulu|Universal|Greenwich)$/.test(id)) {
    return { id, rules: fixedZone(id, 0), fellBackToGmt: false };
  }
  if (JAVA_REGION_IDS.has(id)) return { id, rules: new IntlZone(id), fellBackToGmt: false };
  const custom = parseCustomId(id);
  if (custom) return { id: custom.id, rules: fixedZone(custom.id, custom.offsetMs), fellBackToGmt: false };
  return { id: 'GMT', rules: fixedZone('GMT', 0), fellBackToGmt: true };
}

/** TimeZone.parseCustomTimeZone: `GMT` + sign + h, hh, hmm, hhmm, h:mm or hh:mm (hours <= 23). */
function parseCustomId(id: string): { id: string; offsetMs: number } | undefined {
  const m = /^GMT([+-])(?:([0-9]{0,2}):([0-9]{2})|([0-9]{1,4}))$/.exec(id);
  if (!m) return undefined;
  let hours: number;
  let minutes: number;
  if (m[4] !== undefined) {
    const n = Number(m[4]);
    [hours, minutes] = m[4].length <= 2 ? [n, 0] : [Math.floor(n / 100), n % 100];
  } else {
    [hours, minutes] = [Number(m[2]), Number(m[3])];
  }
  if (hours > 23 || minutes > 59) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = m[1]!;
  const offsetMs = (hours * 60 + minutes) * 60_000 * (sign === '-' ? -1 : 1);
  return { id: `GMT${sign}${pad(hours)}:${pad(minutes)}`, offsetMs };
}
