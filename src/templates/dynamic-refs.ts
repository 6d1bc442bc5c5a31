/**
 * `{{…}}` dynamic value references (Jobs run time), parsed into an AST with offsets.
 *
 * Three users share this module: `jobs validate` (checks every reference at its location), the
 * local run engine (substitutes values when a task starts, see `substituteDynamicRefs`), and the
 * local server (rejects bad references on save). Parsing follows the documented rules
 * (reference/dynamic-values.md §2.1): a reference is `{{` dotted path `}}`; each segment is bare
 * (`[A-Za-z0-9_]+`) or backtick-quoted (`` `load-bronze` ``); anything else is literal text.
 * Text that was probably meant as a reference (a known name with spaces, a missing brace, an
 * unquoted `-`) is kept literal, as the service does, but listed in `suspicious` for a warning.
 *
 * @example
 * parseDynamicRefs('run_{{job.run_id}}').refs[0]
 * // { start: 4, end: 18, segments: [{name: 'job', …}, {name: 'run_id', …}], … }
 */
/** One path segment of a reference, with offsets into the original string. */
export interface RefSegment {
  name: string;
  /** Written in backticks (the name may then hold any character but a backtick). */
  quoted: boolean;
  start: number;
  end: number;
}

/** A well-formed `{{…}}` reference. `start`/`end` cover the braces. */
export interface DynamicRef {
  kind: 'ref';
  start: number;
  end: number;
  segments: RefSegment[];
}

/** `{{secrets/<scope>/<key>}}`: only meaningful in Spark conf and environment variables. */
export interface SecretRef {
  kind: 'secret';
  start: number;
  end: number;
  scope: string;
  key: string;
}

export type SuspiciousReason = 'whitespace' | 'unclosed' | 'unopened' | 'unquoted';

/** Text that looks like a reference but is not one; it stays literal at run time. */
export interface SuspiciousText {
  start: number;
  end: number;
  reason: SuspiciousReason;
  /** The reference it was probably meant to be, as a path (`job.id`), when that is clear. */
  intended: string;
}

export interface ParsedTemplate {
  refs: DynamicRef[];
  secrets: SecretRef[];
  suspicious: SuspiciousText[];
}

const BARE = /[A-Za-z0-9_]/;

/**
 * Parses one path (the text between the braces). Returns undefined unless the whole text is
 * segments joined by dots. `base` is the offset of `inner` in the original string.
 */
export function parseRefPath(inner: string, base = 0): RefSegment[] | undefined {
  const segments: RefSegment[] = [];
  let i = 0;
  for (;;) {
    const start = i;
    if (inner[i] === '`') {
      const close = inner.indexOf('`', i + 1);
      if (close <= i + 1) return undefined;
      segments.push({ name: inner.slice(i + 1, close), quoted: true, start: base + start, end: base + close + 1 });
      i = close + 1;
    } else {
      while (i < inner.length && BARE.test(inner[i]!)) i++;
      if (i === start) return undefined;
      segments.push({ name: inner.slice(start, i), quoted: false, start: base + start, end: base + i });
    }
    if (i === inner.length) return segments;
    if (inner[i] !== '.') return undefined;
    i++;
  }
}

const SECRET = /^secrets\/([^/{}\s]+)\/([^/{}\s]+)$/;

/**
 * Parses every `{{…}}` in a string. Never throws; non-references are simply not listed.
 * `looksIntended(path)` decides which near-references are worth listing as suspicious (pass
 * the catalogue's `looksLikeReference`); by default none are.
 */
export function parseDynamicRefs(text: string, looksIntended: (path: string) => boolean = () => false): ParsedTemplate {
  const out: ParsedTemplate = { refs: [], secrets: [], suspicious: [] };
  let from = 0;
  for (let open = text.indexOf('{{', from); open >= 0; open = text.indexOf('{{', from)) {
    const close = text.indexOf('}}', open + 2);
    const inner = close < 0 ? undefined : text.slice(open + 2, close);
    const segments = inner === undefined ? undefined : parseRefPath(inner, open + 2);
    if (segments) {
      out.refs.push({ kind: 'ref', start: open, end: close + 2, segments });
      from = close + 2;
      continue;
    }
    const secret = inner === undefined ? null : SECRET.exec(inner);
    if (secret) {
      out.secrets.push({ kind: 'secret', start: open, end: close + 2, scope: secret[1]!, key: secret[2]! });
      from = close + 2;
      continue;
    }
    const odd = suspiciousAt(text, open, looksIntended);
    if (odd) {
      out.suspicious.push(odd);
      from = odd.end;
    } else from = open + 1; // `{{{job.id}}}`: retry one brace later, like a leftmost regex match
  }
  findUnopened(text, out, looksIntended);
  return out;
}

/** A path-like run after `{{` that is a known reference except for spaces, braces or quoting. */
function suspiciousAt(text: string, open: number, looksIntended: (path: string) => boolean): SuspiciousText | undefined {
  const m = /^\{\{(\s*)([A-Za-z0-9_.`-]+)(\s*)(\}\}|\})?/.exec(text.slice(open, open + 300));
  if (!m) return undefined;
  const [all, lead, path, trail, closing] = m as unknown as [string, string, string, string, string | undefined];
  if (!looksIntended(path.replace(/`/g, ''))) return undefined;
  let reason: SuspiciousReason;
  if (closing === '}}') reason = lead || trail ? 'whitespace' : 'unquoted';
  else reason = 'unclosed';
  return { start: open, end: open + all.length, reason, intended: path };
}

/** `{job.id}}`: one opening brace short. */
function findUnopened(text: string, out: ParsedTemplate, looksIntended: (path: string) => boolean): void {
  const re = /(^|[^{])\{([A-Za-z0-9_.`]+)\}\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[1]!.length;
    if (out.refs.some((r) => r.start <= start && start < r.end)) continue;
    if (looksIntended(m[2]!)) out.suspicious.push({ start, end: start + m[0].length - m[1]!.length, reason: 'unopened', intended: m[2]! });
  }
  out.suspicious.sort((a, b) => a.start - b.start);
}

/** The dotted path of a reference as written without quotes: `tasks.load-bronze.values.n`. */
export function refPath(ref: DynamicRef): string {
  return ref.segments.map((s) => s.name).join('.');
}

/** Renders a path back to reference syntax, quoting segments that need it. */
export function formatRef(names: readonly string[]): string {
  return `{{${names.map((n) => (/^[A-Za-z0-9_]+$/.test(n) ? n : `\`${n}\``)).join('.')}}}`;
}

/**
 * Replaces every reference for which `resolve` returns a string; the rest stays as written
 * (unknown references are literal text at run time). This is the run engine's entry point.
 */
export function substituteDynamicRefs(text: string, resolve: (ref: DynamicRef) => string | undefined): string {
  const { refs } = parseDynamicRefs(text);
  if (refs.length === 0) return text;
  let out = '';
  let at = 0;
  for (const ref of refs) {
    const value = resolve(ref);
    if (value === undefined) continue;
    out += text.slice(at, ref.start) + value;
    at = ref.end;
  }
  return out + text.slice(at);
}
