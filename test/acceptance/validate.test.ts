/** Golden cases for `jobs validate`: test/acceptance/validate/<case>/{cmd, output.txt, …}. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenCases, runGolden } from '../helpers/golden.js';

const cases = goldenCases(join(import.meta.dirname, 'validate'));

describe('validate goldens', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await expect(await runGolden(c)).toMatchFileSnapshot(join(c.dir, 'output.txt'));
  });
});
