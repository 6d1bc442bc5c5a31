import { describe, expect, it } from 'vitest';
import { formatDuration, formatElapsed, parseDuration } from './duration.js';

describe('durations', () => {
  it.each([
    ['90s', 90_000], ['10m', 600_000], ['1h30m', 5_400_000], ['45', 45_000], ['1.5h', 5_400_000], ['250ms', 250], ['2d', 172_800_000],
  ])('parses %s', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['', 'soon', '10 minutes', '-5s', '1h 30m'])('rejects %j', (text) => expect(parseDuration(text)).toBeUndefined());
  it.each([
    [850, '850ms'], [42_000, '42s'], [185_000, '3m 05s'], [3_720_000, '1h 02m'], [97_200_000, '1d 03h'],
  ])('formats %d ms as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
  it('formats elapsed time as a clock', () => {
    expect(formatElapsed(7_000)).toBe('0:07');
    expect(formatElapsed(750_000)).toBe('12:30');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
  });
});
