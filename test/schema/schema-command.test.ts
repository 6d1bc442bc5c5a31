import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const GENERATED = new URL('../../schemas/bundle.schema.json', import.meta.url);

describe('jobs schema', () => {
  it('prints the generated schema on stdout', async () => {
    const r = await runCli(['schema'], { cwd: tmpdir() });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(GENERATED, 'utf8'));
    expect(JSON.parse(r.stdout).$defs.JobSettings).toBeDefined();
  });
});
