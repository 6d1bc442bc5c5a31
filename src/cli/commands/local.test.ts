import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/run-cli.js';

describe('jobs local serve', () => {
  it('rejects a bad port as a usage error', async () => {
    const bad = await runCli(['local', 'serve', '--port', 'x'], { cwd: '/' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--port must be 0\.\.65535/);
  });
});
