/**
 * Go `filepath.Match` / `filepath.Glob` semantics, which the reference CLI uses for `include:`.
 * `*` and `?` never cross a `/`, `[...]` classes support ranges and `^` negation, `\` escapes,
 * and `**` is NOT recursive: it behaves like `*` (a common surprise, kept for compatibility).
 */

/** True when the pattern has glob metacharacters (Go's `hasMeta`). */
export function hasMeta(pattern: string): boolean {
  return /[*?[\\]/.test(pattern);
}

/**
 * Compiles one path segment pattern to a RegExp, or returns undefined for a malformed pattern
 * (Go's ErrBadPattern).
 */
export function segmentRegExp(pattern: string): RegExp | undefined {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      while (pattern[i + 1] === '*') i++;
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      const next = pattern[++i];
      if (next === undefined) return undefined;
      re += escapeRe(next);
    } else if (c === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) return undefined;
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      if (body === '') return undefined;
      re += `[${negate ? '^/' : ''}${body.replace(/\\(.)/g, '\\$1').replace(/[\]]/g, '\\]')}]`;
      i = end;
    } else re += escapeRe(c);
  }
  try {
    return new RegExp(re + '$', 'u');
  } catch {
    return undefined;
  }
}

function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']' && i > start + 1) return i;
  }
  return -1;
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Matches a whole relative path against a pattern, segment by segment. */
export function matchPath(pattern: string, path: string): boolean {
  const ps = pattern.split('/');
  const xs = path.split('/');
  if (ps.length !== xs.length) return false;
  return ps.every((p, i) => (hasMeta(p) ? (segmentRegExp(p)?.test(xs[i]!) ?? false) : p === xs[i]));
}
