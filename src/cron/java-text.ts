/**
 * The few pieces of java.lang that Quartz's parser leans on, reproduced exactly, because Quartz's
 * verdicts depend on their quirks: `String.trim()` strips every char <= U+0020 (not Unicode
 * whitespace), `Integer.parseInt` takes a sign and any Unicode decimal digit ('５' is 5), and
 * `charAt`/`substring` throw with messages that end up inside Quartz's "Illegal cron expression
 * format (...)" errors. Pure and small; the parser treats a thrown JavaError like the JVM would.
 */

/** A Java runtime exception, carried as its `toString()` text. */
export class JavaError extends Error {
  constructor(readonly javaText: string) {
    super(javaText);
  }
}

export const noSuchElement = (): JavaError => new JavaError('java.util.NoSuchElementException');

/** `String.charAt(i)`, throwing like Java 17 when out of range. */
export function charAt(s: string, i: number): string {
  if (i < 0 || i >= s.length) throw new JavaError(`java.lang.StringIndexOutOfBoundsException: String index out of range: ${i}`);
  return s[i]!;
}

/** `String.substring(begin, end)`, throwing like Java 17 when out of range. */
export function substring(s: string, begin: number, end: number = s.length): string {
  if (begin < 0 || end > s.length || begin > end) {
    throw new JavaError(`java.lang.StringIndexOutOfBoundsException: begin ${begin}, end ${end}, length ${s.length}`);
  }
  return s.slice(begin, end);
}

/** `String.trim()`: strips chars <= U+0020 at both ends (so \n, \r and NUL go, U+00A0 stays). */
export function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 0x20) a++;
  while (b > a && s.charCodeAt(b - 1) <= 0x20) b--;
  return s.slice(a, b);
}

const DECIMAL_DIGIT = /^\p{Nd}$/u;

/** `Character.digit(c, 10)` for one UTF-16 unit: the value of any decimal digit, else -1. */
export function digitValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code < 0x80 || code >= 0xd800 && code <= 0xdfff || !DECIMAL_DIGIT.test(c)) return -1;
  // Unicode decimal digits come in aligned runs of ten starting at zero: count back to the run start.
  let steps = 0;
  while (steps < 40 && DECIMAL_DIGIT.test(String.fromCharCode(code - steps - 1))) steps++;
  return steps % 10;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** `Integer.parseInt(s)` (radix 10), including its leniency (sign, Unicode digits) and its limits. */
export function parseJavaInt(s: string): number {
  const fail = () => new JavaError(`java.lang.NumberFormatException: For input string: "${s}"`);
  if (s.length === 0) throw fail();
  let i = 0;
  let negative = false;
  if (s[0] === '-' || s[0] === '+') {
    negative = s[0] === '-';
    i = 1;
    if (s.length === 1) throw fail();
  }
  let value = 0;
  for (; i < s.length; i++) {
    const d = digitValue(s[i]!);
    if (d < 0) throw fail();
    value = value * 10 + d;
    if (value > INT_MAX + (negative ? 1 : 0)) throw fail();
  }
  const out = negative ? -value : value;
  return out < INT_MIN ? INT_MIN : out;
}

/** Is `c` an ASCII digit (Quartz compares chars with '0'..'9' in most places)? */
export const isAsciiDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/**
 * `s.toUpperCase(Locale.US)` plus, for each UTF-16 unit of the result, the offset in `s` it came
 * from (upper-casing can change the length: 'ß' becomes 'SS'). `origin` has one extra entry for
 * the end of the string.
 */
export function upperWithOrigin(s: string): { upper: string; origin: number[] } {
  let upper = '';
  const origin: number[] = [];
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const u = String.fromCodePoint(cp).toUpperCase();
    for (let k = 0; k < u.length; k++) origin.push(i);
    upper += u;
    i += width;
  }
  origin.push(s.length);
  return { upper, origin };
}
