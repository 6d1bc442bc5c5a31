/**
 * Conformance with Quartz 2.3.2 on the shared corpus (../shared/corpus/cron/quartz-dev.jsonl,
 * produced by the real org.quartz.CronExpression): validity on every case, the zone verdict of
 * java.time.ZoneId on every case, and the chained fire times on every valid case.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeCron, checkTimeZone, fireTimes, javaTimeZone, readZoneId } from '../../src/cron/index.js';

interface Case {
  id: string;
  category: string;
  expr: string;
  timezone: string;
  timezone_valid: boolean;
  timezone_resolved: string;
  from: string;
  valid: boolean;
  error: string | null;
  next: string[];
  next_error: string | null;
}

const corpus = fileURLToPath(new URL('../../../shared/corpus/cron/quartz-dev.jsonl', import.meta.url));
const cases: Case[] = readFileSync(corpus, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Case);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('Quartz 2.3.2 corpus', () => {
  it('has the 400 cases', () => expect(cases.length).toBe(400));

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const analysis = analyzeCron(c.expr, { from: Date.parse(c.from) });
    const parsed = analysis.parse;
    expect(analysis.valid, parsed.error?.message).toBe(c.valid);
    expect(analysis.findings.some((f) => f.severity === 'error')).toBe(!c.valid);
    if (!c.valid) {
      // Messages of wrapped JVM exceptions vary by JVM after their stable prefix.
      const stable = c.error!.startsWith('Illegal cron expression format (') ? 'Illegal cron expression format (' : c.error!;
      expect(parsed.error!.message.startsWith(stable)).toBe(true);
    }
    expect(readZoneId(c.timezone).valid).toBe(c.timezone_valid);
    expect(checkTimeZone(c.timezone).some((f) => f.severity === 'error')).toBe(!c.timezone_valid);
    const tz = javaTimeZone(c.timezone);
    expect(tz.id).toBe(c.timezone_resolved);
    if (!c.valid) return;
    const r = fireTimes(analysis.spec!, tz.rules, Date.parse(c.from), 10);
    expect(r.times.map(iso)).toEqual(c.next);
    if (c.next_error) {
      // Quartz breaks on these (NoSuchElementException, or never returns): we must say so.
      expect(r.end).not.toBe('complete');
      expect(analysis.findings.map((f) => f.code)).toContain('cron/unusable');
    }
  });

  it('gives every Quartz-valid case a description', () => {
    for (const c of cases.filter((x) => x.valid)) expect(analyzeCron(c.expr).description).toMatch(/\w/);
  });
});
