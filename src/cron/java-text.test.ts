import { describe, expect, it } from 'vitest';
import { JavaError, javaTrim, parseJavaInt, upperWithOrigin } from './java-text.js';

describe('java.lang behaviour Quartz depends on', () => {
  it('parses ints like Integer.parseInt', () => {
    expect(parseJavaInt('+5')).toBe(5);
    expect(parseJavaInt('-12')).toBe(-12);
    expect(parseJavaInt('５')).toBe(5); // full-width digits are digits to Java
    expect(parseJavaInt('٣')).toBe(3);
    expect(parseJavaInt('2147483647')).toBe(2147483647);
    for (const bad of ['', '+', '5x', '2147483648', ' 5']) expect(() => parseJavaInt(bad)).toThrow(JavaError);
  });

  it('trims chars <= U+0020 only', () => {
    expect(javaTrim('\n\r 5\t\u0001')).toBe('5');
    expect(javaTrim('\u00a05')).toBe('\u00a05');
  });

  it('upper-cases with a map back to the original offsets', () => {
    expect(upperWithOrigin('aß?')).toEqual({ upper: 'ASS?', origin: [0, 1, 1, 2, 3] });
  });
});
