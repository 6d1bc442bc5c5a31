import { describe, expect, it } from 'vitest';
import { analyzeCron } from './analyze.js';

/** [code, from, to, suggestion?] of each finding: codes and offsets, never wording. */
const found = (expr: string, from?: number) =>
  analyzeCron(expr, from === undefined ? {} : { from }).findings.map((f) => [f.code, f.from, f.to, f.suggestion]);

describe('errors: Quartz rejects, with the fix for Unix habits', () => {
  it.each([
    ['5 Unix fields', '0 12 * * 1-5', 'cron/field-count', 0, 12, '0 0 12 ? * MON-FRI'],
    ['5 fields, every 5 minutes', '*/5 * * * *', 'cron/field-count', 0, 11, '0 */5 * * * ?'],
    ['5 fields with Sunday as 0', '0,30 18 1 1-6 0', 'cron/field-count', 0, 15, '0 0,30 18 ? 1-6 SUN'],
    ['too few fields', '0 0 *', 'cron/field-count', 0, 5, undefined],
    ['@daily', '@daily', 'cron/unix-macro', 0, 6, '0 0 0 * * ?'],
    ['@hourly with blanks', ' @hourly ', 'cron/unix-macro', 1, 8, '0 0 * * * ?'],
    ['* in both day fields', '0 0 12 * * *', 'cron/both-days', 11, 12, '0 0 12 * * ?'],
    ['* in day-of-month, weekday set', '0 0 9 * * MON-FRI', 'cron/both-days', 6, 7, '0 0 9 ? * MON-FRI'],
    ['? in both day fields', '0 0 0 ? * ?', 'cron/question-mark', 10, 11, undefined],
    ['? in the hours field', '0 0 ? * * ?', 'cron/question-mark', 4, 5, undefined],
    ['Unix weekday 0', '0 0 0 ? * 0', 'cron/unix-weekday', 10, 11, '0 0 0 ? * SUN'],
    ['Unix weekdays 0-4', '0 0 12 ? * 0-4', 'cron/unix-weekday', 11, 14, '0 0 12 ? * SUN-THU'],
    ['hour 24', '0 0 24 * * ?', 'cron/out-of-range', 4, 6, undefined],
    ['second 60 in a list', '0,60 * * * * ?', 'cron/out-of-range', 2, 4, undefined],
    ['weekday name in the month field', '0 0 0 ? MON * ', 'cron/bad-name', 8, 11, undefined],
    ['step too large', '0 */60 * * * ?', 'cron/bad-step', 2, 6, undefined],
    ['W in day-of-week', '0 0 0 ? * 2W', 'cron/bad-special', 10, 12, undefined],
    ['L with a list', '0 0 0 1,L * ?', 'cron/bad-special', 6, 9, undefined],
    ['backwards year range', '0 0 0 1 1 ? 2030-2026', 'cron/year-range', 12, 21, undefined],
    ['full-width digit', '0 0 １2 * * ?', 'cron/syntax', 4, 6, undefined],
  ])('%s', (_name, expr, code, from, to, suggestion) => {
    expect(found(expr)).toEqual([[code, from, to, suggestion]]);
  });
});

describe('warnings: Quartz accepts, but it is almost surely a mistake', () => {
  it.each([
    ['trailing junk after a value', '0 0 12 * * ?;', 'cron/ignored-text', 12, 13],
    ['junk after ?', '0 0 12 ? * MONx', 'cron/ignored-text', 14, 15],
    ['99 read as *', '0 0 99 * * ?', 'cron/magic-number', 4, 6],
    ['98 read as ?', '0 0 12 98 * MON', 'cron/magic-number', 7, 9],
    ['step 0', '0 0 1/0 * * ?', 'cron/ignored-step', 5, 7],
    ['step after a name range', '0 0 0 1 OCT-DEC/2 ?', 'cron/ignored-step', 15, 17],
    ['8 fields', '0 0 12 * * ? 2026 2027', 'cron/extra-fields', 18, 22],
    ['nW in a list', '0 0 0 15W,20 * ?', 'cron/mixed-list', 6, 12],
    ['n#k in a list', '0 0 0 ? * MON#2,FRI', 'cron/mixed-list', 10, 19],
    ['L in the hours field', '0 0 L * * ?', 'cron/unusable', 4, 5],
    ['0W never returns', '0 0 12 0W * ?', 'cron/unusable', 7, 9],
    ['every second', '* 0 8 * * ?', 'cron/every-second', 0, 1],
    ['1-5 as weekdays', '0 0 12 ? * 1-5', 'cron/unix-weekday', 11, 14],
    ['30 February', '0 0 0 30 2 ?', 'cron/never-fires', 6, 10],
  ])('%s', (_name, expr, code, from, to) => {
    const hits = found(expr).filter(([c]) => c === code);
    expect(hits.map(([, a, b]) => [a, b])).toEqual([[from, to]]);
    expect(analyzeCron(expr).valid).toBe(true);
  });

  it('reports a year range that ended before `from`, and only relative to it', () => {
    expect(found('0 0 0 1 1 ? 2025', Date.UTC(2026, 0, 2))).toEqual([['cron/never-fires', 12, 16, undefined]]);
    expect(found('0 0 0 1 1 ? 2025', Date.UTC(2024, 5, 1))).toEqual([]);
    expect(found('0 0 0 1 1 ? 2025')).toEqual([]);
  });

  it('calls full names information, not a warning', () => {
    expect(analyzeCron('0 0 0 ? * MONDAY').findings.map((f) => [f.severity, f.code])).toEqual([['info', 'cron/long-name']]);
  });

  it('is quiet on clean expressions', () => {
    for (const e of ['0 0 2 * * ?', '0 */15 * * * ?', '0 0 9 ? * MON-FRI', '0 15 10 ? * 6#3', '0 0 0 L-3W * ?', '0 0 0 ? * 6L 2026-2030', '0 0 12 1/5 * ?']) {
      expect(found(e, Date.UTC(2026, 0, 1))).toEqual([]);
    }
  });
});

describe('descriptions follow what Quartz does, not the text', () => {
  it.each([
    ['0 0 2 * * ?', 'At 02:00, every day'],
    ['0 */15 * * * ?', 'Every 15 minutes, every day'],
    ['0 0 9 ? * MON-FRI', 'At 09:00, on Monday to Friday'],
    ['0 15 10 ? * 6#3', 'At 10:15, on the third Friday of the month'],
    ['0 0 0 1 OCT-DEC/2 ?', 'At 00:00, on day 1 of the month, in October to December'],
    ['0 0 99 * * ?', 'At minute 00 of every hour, every day'],
  ])('%s', (expr, text) => expect(analyzeCron(expr).description).toBe(text));
});
