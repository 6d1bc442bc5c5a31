import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nb, notebook, py, results, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => (h = await startHarness()));
afterAll(() => h.close());

describe('smoke', () => {
  it('runs a notebook and a script with task values and widgets', async () => {
    await h.deploy({
      'a.py': notebook('dbutils.widgets.text("who", "nobody")', 'print("hello", dbutils.widgets.get("who"))\ndbutils.jobs.taskValues.set("n", 42)\ndbutils.notebook.exit("done")'),
      'b.py': 'import sys\nfrom databricks.sdk.runtime import dbutils\nprint("argv", sys.argv[1:], dbutils.jobs.taskValues.get("a", "n"))\n',
    });
    const job = await h.job({ name: 's', parameters: [{ name: 'who', default: 'world' }], tasks: [
      { task_key: 'a', notebook_task: { notebook_path: nb('a') } },
      py('b', 'b.py', ['{{tasks.a.values.n}}', '{{job.parameters.who}}'], { depends_on: [{ task_key: 'a' }] }),
    ] });
    const run = await h.run(job);
    expect(results(run)).toEqual({ a: 'SUCCESS', b: 'SUCCESS' });
    const a = await h.output(run, 'a');
    expect(a.notebook_output?.result).toBe('done');
    expect(a.logs).toContain('hello world');
    const b = await h.output(run, 'b');
    expect(b.logs).toContain("argv ['42', 'world'] 42");
  });
});
