/**
 * Golden scenario: condition tasks route on task values (`{{tasks.k.values.v}}` operands); the
 * branch not taken is EXCLUDED, and a join after both branches runs with NONE_FAILED.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nb, notebook, py, results, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.deploy({
    'count.py': notebook('dbutils.widgets.text("rows", "0")', 'n = int(dbutils.widgets.get("rows"))\ndbutils.jobs.taskValues.set("rows", n)\ndbutils.jobs.taskValues.set("ok", n > 0)'),
    'ok.py': 'import sys\nprint("branch", sys.argv[1:])\n',
  });
});
afterAll(() => h.close());

const after = (key: string, outcome?: string) => ({ depends_on: [{ task_key: key, ...(outcome ? { outcome } : {}) }] });

async function route(rows: string) {
  const job = await h.job({
    name: `route-${rows}`,
    tasks: [
      { task_key: 'count', notebook_task: { notebook_path: nb('count'), base_parameters: { rows } } },
      { task_key: 'big', condition_task: { left: '{{tasks.count.values.rows}}', op: 'GREATER_THAN', right: '100' }, ...after('count') },
      py('load_all', 'ok.py', ['{{tasks.count.values.rows}}'], after('big', 'true')),
      py('load_sample', 'ok.py', ['sample'], after('big', 'false')),
      { task_key: 'has_rows', condition_task: { left: '{{tasks.count.values.ok}}', op: 'EQUAL_TO', right: 'true' }, ...after('count') },
      py('report', 'ok.py', [], { run_if: 'NONE_FAILED', depends_on: [{ task_key: 'load_all' }, { task_key: 'load_sample' }, { task_key: 'has_rows', outcome: 'true' }] }),
      py('notify', 'ok.py', [], after('has_rows', 'true')),
    ],
  });
  return h.run(job, {});
}

describe('condition tasks', () => {
  it('take the true branch and exclude the other', async () => {
    const run = await route('500');
    expect(results(run)).toEqual({ count: 'SUCCESS', big: 'SUCCESS', load_all: 'SUCCESS', load_sample: 'EXCLUDED', has_rows: 'SUCCESS', report: 'SUCCESS', notify: 'SUCCESS' });
    expect(h.task(run, 'big').condition_task?.outcome).toBe('true');
    expect(h.task(run, 'big').resolved_values).toEqual({ condition_task: { left: '500', right: '100' } });
    expect((await h.output(run, 'load_all')).logs).toContain("branch ['500']");
    expect(run.state?.result_state).toBe('SUCCESS');
  });

  it('take the false branch; booleans compare as "true"/"false"', async () => {
    const run = await route('0');
    // report: one branch ran, the others are excluded (they count as success) → it runs.
    expect(results(run)).toEqual({ count: 'SUCCESS', big: 'SUCCESS', load_all: 'EXCLUDED', load_sample: 'SUCCESS', has_rows: 'SUCCESS', report: 'SUCCESS', notify: 'EXCLUDED' });
    expect(h.task(run, 'has_rows').condition_task?.outcome).toBe('false');
    expect(h.task(run, 'has_rows').resolved_values).toEqual({ condition_task: { left: 'false', right: 'true' } });
    expect(run.state?.result_state).toBe('SUCCESS');
  });

  it('fail when an operand names a task value that was never set', async () => {
    const job = await h.job({
      name: 'missing-value',
      tasks: [
        { task_key: 'count', notebook_task: { notebook_path: nb('count') } },
        { task_key: 'c', condition_task: { left: '{{tasks.count.values.nope}}', op: 'EQUAL_TO', right: '1' }, ...after('count') },
      ],
    });
    const run = await h.run(job);
    expect(results(run)).toEqual({ count: 'SUCCESS', c: 'FAILED' });
    expect(h.task(run, 'c').state?.state_message).toMatch(/\{\{tasks\.count\.values\.nope\}\}: task count did not set the task value nope/);
  });
});
