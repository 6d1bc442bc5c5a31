import { describe, expect, it } from 'vitest';
import { fireTimes } from './fire-times.js';
import { javaTimeZone } from './java-zone.js';
import { parseQuartz } from './quartz-parse.js';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const next = (expr: string, zone: string, from: string, n = 3, maxYear?: number) => {
  const r = fireTimes(parseQuartz(expr).spec!, javaTimeZone(zone).rules, Date.parse(from), n, { maxYear });
  return { times: r.times.map(iso), end: r.end, javaError: r.javaError };
};

describe('fireTimes: Quartz DST behaviour', () => {
  it('skips a wall time in the spring-forward gap (Warsaw, 29 March 2026)', () => {
    expect(next('0 30 2 * * ?', 'Europe/Warsaw', '2026-03-28T00:00:00Z').times).toEqual([
      '2026-03-28T01:30:00Z',
      '2026-03-30T00:30:00Z',
      '2026-03-31T00:30:00Z',
    ]);
  });

  it('loses the missing hour of an hourly schedule', () => {
    const t = next('0 0 * * * ?', 'America/New_York', '2026-03-08T05:30:00Z', 3).times;
    expect(t).toEqual(['2026-03-08T06:00:00Z', '2026-03-08T07:00:00Z', '2026-03-08T08:00:00Z']); // 01:00 EST, 03:00 EDT, 04:00 EDT
  });

  it('fires a repeated wall time once, at its second occurrence (New York, 1 November 2026)', () => {
    expect(next('0 30 1 * * ?', 'America/New_York', '2026-11-01T04:00:00Z', 2).times).toEqual(['2026-11-01T06:30:00Z', '2026-11-02T06:30:00Z']);
  });

  it('jumps from inside the first pass of the repeated hour to the second', () => {
    expect(next('0 */20 * * * ?', 'America/New_York', '2026-11-01T05:10:00Z', 2).times).toEqual(['2026-11-01T06:20:00Z', '2026-11-01T06:40:00Z']);
  });
});

describe('fireTimes: bounded search', () => {
  it('gives up on a date that never exists, quickly', () => {
    expect(next('0 0 0 30 2 ?', 'UTC', '2026-01-01T00:00:00Z')).toEqual({ times: [], end: 'exhausted', javaError: undefined });
  });

  it('stops at the horizon year, as Quartz does at the year it runs in + 100', () => {
    expect(next('0 0 0 1 1 ? 2200', 'UTC', '2026-01-01T00:00:00Z', 1, 2126).end).toBe('exhausted');
    expect(next('0 0 0 1 1 ? 2200', 'UTC', '2026-01-01T00:00:00Z', 1, 2300).times).toEqual(['2200-01-01T00:00:00Z']);
  });

  it('reports where Quartz throws or never returns', () => {
    expect(next('0 0 L * * ?', 'UTC', '2026-01-01T00:00:00Z')).toMatchObject({ end: 'error', javaError: 'java.util.NoSuchElementException' });
    expect(next('0 0 12 0W * ?', 'UTC', '2026-01-01T00:00:00Z').end).toBe('hang');
  });

  it('truncates `from` to the second', () => {
    expect(next('* * * * * ?', 'UTC', '2026-01-01T00:00:00.900Z', 1).times).toEqual(['2026-01-01T00:00:01Z']);
  });
});
