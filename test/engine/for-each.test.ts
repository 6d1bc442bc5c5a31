/**
 * Golden scenario: for-each tasks over a task value and over a literal array, `{{input}}` and
 * `{{input.field}}`, concurrency, a failing iteration (the parent fails, downstream is
 * UPSTREAM_FAILED) and the iterations listed by runs/get of the for-each task run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Int64 } from '../../src/api/json.js';
import { nb, notebook, py, results, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.deploy({
    'gen.py': notebook('dbutils.jobs.taskValues.set("tables", ["orders", "bad_table", "customers"])'),
    'load.py': [
      'import sys, time',
      'name = sys.argv[1]',
      'time.sleep(0.2)',
      'if name.startswith("bad"):',
      '    raise ValueError(f"cannot load {name}")',
      'print("loaded", name)',
    ].join('\n'),
    'ok.py': 'import sys\nprint(sys.argv[1:])\n',
  });
});
afterAll(() => h.close());

describe('for-each tasks', () => {
  it('iterate over a task value with a failing iteration', async () => {
    const job = await h.job({
      name: 'fan-out',
      tasks: [
        { task_key: 'gen', notebook_task: { notebook_path: nb('gen') } },
        {
          task_key: 'load', depends_on: [{ task_key: 'gen' }],
          for_each_task: { inputs: '{{tasks.gen.values.tables}}', concurrency: 2, task: py('load_one', 'load.py', ['{{input}}']) as never },
        },
        py('publish', 'ok.py', [], { depends_on: [{ task_key: 'load' }] }),
        py('alert', 'ok.py', ['{{tasks.load.result_state}}'], { depends_on: [{ task_key: 'load' }], run_if: 'AT_LEAST_ONE_FAILED' }),
      ],
    });
    const run = await h.run(job);
    expect(results(run)).toEqual({ gen: 'SUCCESS', load: 'FAILED', publish: 'UPSTREAM_FAILED', alert: 'SUCCESS' });
    const parent = h.task(run, 'load');
    expect(parent.for_each_task?.stats).toMatchObject({ task_run_stats: { total_iterations: 3, completed_iterations: 3, succeeded_iterations: 2, failed_iterations: 1 } });
    expect(parent.resolved_values).toEqual({ for_each_task: { inputs: '["orders","bad_table","customers"]' } });
    expect(parent.state?.state_message).toBe('1 of 3 iterations failed');
    const each = await h.client.runs.get(parent.run_id);
    expect(each.iterations?.map((i) => [i.task_key, i.state?.result_state])).toEqual([['load_one', 'SUCCESS'], ['load_one', 'FAILED'], ['load_one', 'SUCCESS']]);
    const failed = await h.client.runs.getOutput(each.iterations?.[1]?.run_id as Int64);
    expect(failed.error).toBe('ValueError: cannot load bad_table');
    const ok = await h.client.runs.getOutput(each.iterations?.[2]?.run_id as Int64);
    expect(ok.logs).toContain('loaded customers');
    expect((await h.output(run, 'alert')).logs).toContain("['failed']");
  });

  it('iterate over a literal array of objects with {{input.field}}, honouring concurrency', async () => {
    await h.deploy({ 'stamp.py': 'import sys, time, os\nprint(sys.argv[1], time.time())\ntime.sleep(0.3)\nprint(sys.argv[1], time.time())\n' });
    const inputs = JSON.stringify([{ day: '2026-01-01', n: 1 }, { day: '2026-01-02', n: 2 }, { day: '2026-01-03', n: 3 }, { day: '2026-01-04', n: 4 }]);
    const job = await h.job({
      name: 'days',
      tasks: [{ task_key: 'each', for_each_task: { inputs, concurrency: 2, task: py('day', 'stamp.py', ['{{input.day}}/{{input.n}}']) as never } }],
    });
    const run = await h.run(job);
    expect(run.state?.result_state).toBe('SUCCESS');
    const each = await h.client.runs.get(h.task(run, 'each').run_id);
    const spans: [number, number][] = [];
    for (const it of each.iterations ?? []) {
      const logs = (await h.client.runs.getOutput(it.run_id)).logs ?? '';
      const times = [...logs.matchAll(/ (\d+\.\d+)/g)].map((m) => Number(m[1]));
      spans.push([times[0] as number, times[1] as number]);
      expect(logs).toMatch(/2026-01-0\d\/\d/);
    }
    // Never more than two iterations at once.
    for (const [s] of spans) expect(spans.filter(([a, b]) => a <= s && s < b).length).toBeLessThanOrEqual(2);
  });

  it('stop every running iteration when the for-each task is canceled', async () => {
    await h.deploy({ 'hang.py': 'import time\nprint("hanging", flush=True)\ntime.sleep(60)\n' });
    const job = await h.job({ name: 'cancel-each', tasks: [{ task_key: 'each', for_each_task: { inputs: '[1,2,3,4]', concurrency: 2, task: py('hang', 'hang.py') as never } }] });
    const { run_id } = await h.client.jobs.runNow({ job_id: job });
    const parentId = async () => (await h.client.runs.get(run_id)).tasks?.[0]?.run_id as Int64;
    await expect.poll(async () => (await h.client.runs.get(await parentId())).iterations?.filter((i) => i.state?.life_cycle_state === 'RUNNING').length ?? 0, { timeout: 15_000 }).toBe(2);
    await h.client.runs.cancel(await parentId());
    const run = await h.waitTerminal(run_id);
    expect(h.task(run, 'each').state?.result_state).toBe('CANCELED');
    const each = await h.client.runs.get(h.task(run, 'each').run_id);
    expect(each.iterations?.map((i) => i.state?.result_state)).toEqual(['CANCELED', 'CANCELED', 'CANCELED', 'CANCELED']);
    await h.ws.engine?.idle(); // every process was stopped, or this would wait a minute
  });

  it('fail at start when the inputs are not a JSON array', async () => {
    const job = await h.job({ name: 'bad-inputs', parameters: [{ name: 'list', default: '{"a": 1}' }], tasks: [{ task_key: 'each', for_each_task: { inputs: '{{job.parameters.list}}', task: py('x', 'ok.py') as never } }] });
    const run = await h.run(job);
    expect(h.task(run, 'each').state).toMatchObject({ result_state: 'FAILED', state_message: 'for_each_task.inputs must be a JSON array, got an object' });
  });
});
