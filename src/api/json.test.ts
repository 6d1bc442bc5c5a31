import { describe, expect, it } from 'vitest';
import { parseInt64, parseJson, sameId, stringifyJson } from './json.js';

describe('int64 JSON', () => {
  it('keeps ids above 2^53 exact through a round trip', () => {
    const text = '{"job_id":9223372036854775807,"run_id":12,"ratio":1.5}';
    const v = parseJson(text) as { job_id: unknown; run_id: unknown };
    expect(v.job_id).toBe(9223372036854775807n);
    expect(v.run_id).toBe(12);
    expect(stringifyJson(v)).toBe(text);
  });
  it('uses plain numbers when every integer is safe', () => {
    expect(parseJson('{"a":[1,2,3]}')).toEqual({ a: [1, 2, 3] });
  });
  it('parses ids from text', () => {
    expect(parseInt64('42')).toBe(42);
    expect(parseInt64('9007199254740993')).toBe(9007199254740993n);
    expect(parseInt64('9223372036854775808')).toBeUndefined();
    expect(parseInt64('12a')).toBeUndefined();
    expect(sameId(9007199254740993n, '9007199254740993')).toBe(true);
  });
});
