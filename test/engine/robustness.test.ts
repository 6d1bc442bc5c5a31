/**
 * The engine never leaves a task running when something inside it fails: an I/O error while
 * preparing a task ends that task FAILED with the reason, and the run goes on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeEngineFs } from '../../src/ports/engine-node.js';
import { py, results, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  const fs = nodeEngineFs();
  h = await startHarness({
    fs: { ...fs, writeFile: async (p, d) => (p.includes('boom.py') ? Promise.reject(new Error('ENOSPC: no space left on device')) : fs.writeFile(p, d)) },
  });
  await h.deploy({ 'a/boom.py': 'print("never")\n', 'b/ok.py': 'print("ok")\n' });
});
afterAll(() => h.close());

describe('engine failures', () => {
  it('fail the task with the reason instead of leaving it running', async () => {
    const run = await h.run(await h.job({ name: 'io-error', tasks: [py('boom', 'a/boom.py'), py('after', 'b/ok.py', [], { depends_on: [{ task_key: 'boom' }], run_if: 'ALL_DONE' })] }));
    expect(results(run)).toEqual({ boom: 'FAILED', after: 'SUCCESS' });
    expect(h.task(run, 'boom').state?.state_message).toBe('The local engine failed to run this task: ENOSPC: no space left on device');
  });
});
