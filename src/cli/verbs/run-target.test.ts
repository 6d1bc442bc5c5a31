import { describe, expect, it } from 'vitest';
import { hintGlobalFlags, shellWord, targetFlag } from './run-target.js';

describe('hint flags', () => {
  it('repeat the target, the bundle dir and the profile the command was given', () => {
    expect(targetFlag({ target: 'local' })).toBe(' -t local');
    expect(targetFlag({})).toBe('');
    expect(targetFlag({ target: 'dev', globalFlags: hintGlobalFlags('examples/daily-trips', 'DEFAULT') })).toBe(' -t dev -C examples/daily-trips -p DEFAULT');
    expect(hintGlobalFlags(undefined, undefined)).toBe('');
  });

  it('quote what a shell would split or expand', () => {
    expect(shellWord('../my bundles/etl')).toBe("'../my bundles/etl'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
    expect(shellWord('$HOME')).toBe("'$HOME'");
    expect(shellWord('/tmp/a-b_c.d')).toBe('/tmp/a-b_c.d');
  });
});
