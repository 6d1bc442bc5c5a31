import { describe, expect, it } from 'vitest';
import { checkTimeZone, didYouMean } from './timezone-check.js';
import { javaTimeZone, readZoneId } from './java-zone.js';

const codes = (id: string) => checkTimeZone(id).map((f) => [f.code, f.severity, f.suggestion]);

describe('time-zone ids', () => {
  it.each(['UTC', 'Europe/Warsaw', 'America/New_York', 'US/Eastern', 'Asia/Calcutta', 'Etc/GMT-3', 'GMT+05:30', 'Z', 'GMT'])('accepts %s', (id) => {
    expect(codes(id)).toEqual([]);
  });

  it.each([
    ['Europe/Warsow', 'Europe/Warsaw'],
    ['europe/warsaw', 'Europe/Warsaw'],
    ['America/NewYork', 'America/New_York'],
    ['Asia/Calcuta', 'Asia/Calcutta'],
    ['Europe/Warsaw ', 'Europe/Warsaw'],
    ['PST', 'America/Los_Angeles'],
    ['EST', 'America/New_York'],
  ])('rejects %s and suggests %s', (id, suggestion) => {
    expect(codes(id)).toEqual([['cron/unknown-timezone', 'error', suggestion]]);
  });

  it('rejects ids with nothing close', () => expect(codes('Mars/Olympus')[0]?.[0]).toBe('cron/unknown-timezone'));

  it.each([
    ['UTC+3', 'GMT+03:00'],
    ['+02:00', 'GMT+02:00'],
    ['UTC-07:30', 'GMT-07:30'],
  ])('warns that Quartz reads %s as GMT', (id, suggestion) => {
    expect(codes(id)).toEqual([['cron/timezone-gmt-fallback', 'warning', suggestion]]);
    expect(javaTimeZone(id).id).toBe('GMT');
  });

  it('reads ids the way java.time and java.util.TimeZone do', () => {
    expect(readZoneId('GMT+24:00').valid).toBe(false);
    expect(readZoneId('+18:00').valid).toBe(true);
    expect(readZoneId('+18:01').valid).toBe(false);
    expect(javaTimeZone('GMT+5').id).toBe('GMT+05:00');
    expect(javaTimeZone('GMT+24:00').fellBackToGmt).toBe(true);
    expect(javaTimeZone('EST').rules.offsetAt(Date.UTC(2026, 6, 1))).toBe(-5 * 3_600_000);
    expect(javaTimeZone('PST').rules.offsetAt(Date.UTC(2026, 6, 1))).toBe(-7 * 3_600_000);
  });

  it('finds no suggestion for empty input', () => expect(didYouMean('')).toBeUndefined());
});
