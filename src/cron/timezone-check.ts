/**
 * Findings for a schedule's `timezone_id`. Valid means "java.time.ZoneId.of accepts it" (the
 * corpus oracle). Beyond that we call out ids whose meaning differs between Java's two readings
 * (java-zone.ts): ZoneId-valid ids such as `UTC+3` that Quartz's TimeZone silently reads as GMT,
 * and legacy ids such as `EST` that Quartz reads but ZoneId rejects. Unknown ids get a "did you
 * mean" from the Java region list.
 */
import { finding, type CronFinding } from './finding.js';
import { javaTimeZone, readZoneId } from './java-zone.js';
import { LEGACY_ALIASES, LEGACY_FIXED } from './zone-legacy.js';
import { JAVA_REGION_IDS } from './zone-ids.js';

export function checkTimeZone(id: string): CronFinding[] {
  const whole = { start: 0, end: id.length };
  const reading = readZoneId(id);
  if (reading.valid) {
    const tz = javaTimeZone(id);
    if (tz.fellBackToGmt && reading.offsetMs) {
      const suggestion = gmtForm(reading.offsetMs);
      return [finding('warning', 'cron/timezone-gmt-fallback', `Quartz reads "${id}" as GMT, not as ${suggestion.slice(3)}`, whole, {
        detail: `java.time accepts this id, but java.util.TimeZone (which Quartz schedules with) does not, and silently uses GMT. Write ${suggestion}, or better a region such as Europe/Berlin so daylight saving is followed.`,
        suggestion,
      })];
    }
    return [];
  }
  return [unknown(id, whole)];
}

function unknown(id: string, at: { start: number; end: number }): CronFinding {
  const fixed = LEGACY_FIXED[id];
  const alias = LEGACY_ALIASES[id];
  if (fixed || alias) {
    const region = fixed?.region ?? alias!;
    const reads = fixed ? `a fixed UTC${fixed.hours} offset without daylight saving` : region;
    return finding('error', 'cron/unknown-timezone', `"${id}" is not a valid Java zone id (a legacy abbreviation)`, at, {
      detail: `Java's ZoneId rejects it; Quartz's TimeZone reads it as ${reads}. Write a region id${alias === 'Asia/Dhaka' ? ' (BST here is Bangladesh, not British Summer Time: Europe/London)' : ''}: ${region}.`,
      suggestion: region,
    });
  }
  const guess = didYouMean(id);
  return finding('error', 'cron/unknown-timezone', `unknown time zone "${id}"`, at, {
    detail: `${guess ? `Did you mean ${guess}? ` : ''}Zone ids are IANA region ids such as Europe/Warsaw or America/New_York (case-sensitive), or UTC. Quartz would silently use GMT.`,
    suggestion: guess,
  });
}

/** `GMT+05:30` for an offset: the form both java.time and java.util.TimeZone read the same way. */
function gmtForm(ms: number): string {
  const m = Math.round(Math.abs(ms) / 60_000);
  return `GMT${ms < 0 ? '-' : '+'}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9+-]/g, '');

/** The closest Java region id: same letters ignoring case and punctuation, else a small edit. */
export function didYouMean(id: string): string | undefined {
  const want = squash(id);
  if (!want) return undefined;
  let best: string | undefined;
  let bestCost = Math.max(2, Math.floor(want.length / 4)) + 1;
  for (const candidate of JAVA_REGION_IDS) {
    const c = squash(candidate);
    if (c === want) return candidate;
    const city = squash(candidate.slice(candidate.lastIndexOf('/') + 1));
    const cost = Math.min(distance(want, c, bestCost), distance(want, city, bestCost) + 1);
    if (cost < bestCost) [best, bestCost] = [candidate, cost];
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot be below it. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]!);
    }
    if (rowMin >= limit) return limit;
    prev = cur;
  }
  return Math.min(prev[b.length]!, limit);
}
