/**
 * Gitignore patterns (pure), for `.gitignore` files and the bundle's `sync.include` /
 * `sync.exclude` lists, which the reference CLI reads with the same syntax:
 *
 * - blank lines and `#` comments are skipped; trailing blanks are trimmed unless escaped;
 * - `!` negates (a later rule re-includes what an earlier one excluded);
 * - a trailing `/` matches directories only;
 * - a pattern with a `/` before its end is anchored to the directory of its file; otherwise it
 *   matches a name at any depth;
 * - `*` and `?` stay within a segment, `[…]` is a class, `**` spans segments (`a/**`, `**‌/b`,
 *   `a/**‌/b`).
 *
 * A path is ignored when a rule matches it or one of its parent directories, and the last
 * matching rule decides, as in git.
 */

export interface IgnoreRule {
  /** The pattern as written, for messages. */
  source: string;
  negate: boolean;
  dirOnly: boolean;
  re: RegExp;
}

/** Parses one file's patterns. `base` is the file's directory relative to the root ('' = root). */
export function parseIgnoreRules(text: string, base = ''): IgnoreRule[] {
  const out: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const rule = parseRule(raw, base);
    if (rule) out.push(rule);
  }
  return out;
}

export function parseRule(raw: string, base = ''): IgnoreRule | undefined {
  let p = raw.replace(/(?<!\\)\s+$/, '');
  if (p === '' || p.startsWith('#')) return undefined;
  let negate = false;
  if (p.startsWith('!')) {
    negate = true;
    p = p.slice(1);
  } else if (p.startsWith('\\!') || p.startsWith('\\#')) p = p.slice(1);
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.replace(/\/+$/, '');
  if (p === '') return undefined;
  const anchored = p.includes('/');
  p = p.replace(/^\/+/, '').replace(/^\.\//, '');
  const body = globToRegExp(p);
  const prefix = base === '' ? '' : `${escapeRe(base)}/`;
  const re = new RegExp(`^${prefix}${anchored ? '' : '(?:.*/)?'}${body}$`, 'u');
  return { source: raw.trim(), negate, dirOnly, re };
}

/**
 * Whether `path` (relative, `/`-separated) is ignored by `rules`, looking at the path and each
 * of its parent directories.
 */
export function isIgnored(rules: readonly IgnoreRule[], path: string, isDir: boolean): boolean {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    if (decide(rules, parts.slice(0, i).join('/'), true)) return true;
  }
  return decide(rules, path, isDir);
}

/** True when rules match `path` itself and the last match does not negate. */
export function decide(rules: readonly IgnoreRule[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    if (r.re.test(path)) ignored = !r.negate;
  }
  return ignored;
}

function globToRegExp(p: string): string {
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*') {
      const atStart = i === 0 || p[i - 1] === '/';
      const atEnd = i + 2 === p.length || p[i + 2] === '/';
      if (atStart && atEnd) {
        if (i + 2 === p.length) re += '.*';
        else {
          re += '(?:.*/)?';
          i++;
        }
        i++;
        continue;
      }
      re += '[^/]*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\' && i + 1 < p.length) re += escapeRe(p[++i]!);
    else if (c === '[') {
      const end = p.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let cls = p.slice(i + 1, end);
        if (cls.startsWith('!') || cls.startsWith('^')) cls = `^${cls.slice(1)}`;
        re += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += escapeRe(c);
  }
  return re;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
