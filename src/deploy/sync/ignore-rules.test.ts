import { describe, expect, it } from 'vitest';
import { isIgnored, parseIgnoreRules } from './ignore-rules.js';

const rules = parseIgnoreRules(['# comment', '', '*.pyc', '/build', 'dist/', 'docs/**/*.md', '!docs/keep.md', 'a/**', '\\#hash', 'trailing\\ ', 'f[0-9].txt', '**/cache'].join('\n'));
const ignored = (p: string, dir = false) => isIgnored(rules, p, dir);

describe('gitignore rules', () => {
  it.each([
    ['x.pyc', true], ['src/deep/x.pyc', true], ['x.py', false],
    ['build', true], ['build/out.txt', true], ['src/build', false],
    ['dist/app.whl', true], ['src/dist/a.whl', true],
    ['docs/a.md', true], ['docs/x/y/b.md', true], ['docs/keep.md', false], ['docs/a.txt', false],
    ['a/b/c', true], ['#hash', true], ['trailing ', true], ['f1.txt', true], ['fa.txt', false],
    ['x/cache/file', true], ['cache/y', true],
  ])('%s → %s', (p, want) => {
    expect(ignored(p)).toBe(want);
  });

  it('a trailing slash matches folders only', () => {
    const r = parseIgnoreRules('out/\n');
    expect(isIgnored(r, 'out', false)).toBe(false);
    expect(isIgnored(r, 'out', true)).toBe(true);
    expect(isIgnored(r, 'out/file', false)).toBe(true);
  });

  it('rules of a nested .gitignore apply below its folder only', () => {
    const r = parseIgnoreRules('*.log\n/local.txt\n', 'sub');
    expect(isIgnored(r, 'sub/x.log', false)).toBe(true);
    expect(isIgnored(r, 'sub/deeper/x.log', false)).toBe(true);
    expect(isIgnored(r, 'x.log', false)).toBe(false);
    expect(isIgnored(r, 'sub/local.txt', false)).toBe(true);
    expect(isIgnored(r, 'sub/deeper/local.txt', false)).toBe(false);
  });
});
