import { describe, expect, it } from 'vitest';
import { hasMeta, matchPath, segmentRegExp } from './glob.js';

describe('Go filepath.Match semantics', () => {
  it.each([
    ['*.yml', 'a.yml', true],
    ['*.yml', 'dir/a.yml', false],
    ['resources/*.yml', 'resources/a.yml', true],
    ['resources/**.yml', 'resources/a.yml', true],
    ['resources/**/*.yml', 'resources/x/a.yml', true],
    ['resources/**/*.yml', 'resources/a.yml', false],
    ['?.yml', 'a.yml', true],
    ['?.yml', 'ab.yml', false],
    ['[ab].yml', 'b.yml', true],
    ['[^ab].yml', 'b.yml', false],
    ['[a-c].yml', 'c.yml', true],
    ['\\*.yml', '*.yml', true],
    ['\\*.yml', 'a.yml', false],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(matchPath(pattern, path)).toBe(expected);
  });

  it('rejects malformed patterns', () => {
    expect(segmentRegExp('[abc')).toBeUndefined();
    expect(segmentRegExp('abc\\')).toBeUndefined();
  });

  it('knows literal paths from globs', () => {
    expect(hasMeta('a/b.yml')).toBe(false);
    expect(hasMeta('a/*.yml')).toBe(true);
  });
});
