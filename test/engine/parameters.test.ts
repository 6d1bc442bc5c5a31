/**
 * Golden scenario: job parameters into notebook widgets. Defaults and run-now overrides, pushed
 * down to notebooks where they win over base_parameters of the same name; widget defaults when
 * nothing is passed; `{{…}}` references in parameters (job, task, run start time, workspace),
 * parameter defaults that are references, and `resolved_values`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nb, notebook, py, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.deploy({
    'widgets.py': notebook(
      'dbutils.widgets.text("catalog", "nb_default")\ndbutils.widgets.dropdown("env", "dev", ["dev", "prod"])\ndbutils.widgets.text("only_widget", "fallback")',
      'import json\nvals = {k: dbutils.widgets.get(k) for k in ["catalog", "env", "only_widget", "source", "day", "task", "run"]}\nprint(json.dumps(vals, sort_keys=True))\ndbutils.notebook.exit(json.dumps(vals, sort_keys=True))',
    ),
    'missing.py': notebook('dbutils.widgets.get("never_defined")'),
    'args.py': 'import sys, json\nprint(json.dumps(sys.argv[1:]))\n',
  });
});
afterAll(() => h.close());

describe('parameters', () => {
  it('push job parameters into notebook widgets over base_parameters, with references resolved', async () => {
    const job = await h.job({
      name: 'params',
      parameters: [{ name: 'catalog', default: 'main' }, { name: 'env', default: 'dev' }, { name: 'day', default: '{{job.start_time.iso_date}}' }],
      tasks: [{
        task_key: 'nb',
        notebook_task: {
          notebook_path: nb('widgets'),
          base_parameters: { catalog: 'from_base', source: 'raw_{{job.parameters.env}}', task: '{{task.name}}#{{task.execution_count}}', run: '{{job.run_id}}' },
        },
      }],
    });
    const run = await h.run(job, { job_parameters: { env: 'prod' } });
    expect(run.state?.result_state).toBe('SUCCESS');
    const got = JSON.parse((await h.output(run, 'nb')).notebook_output?.result ?? '{}') as Record<string, string>;
    const today = new Date(run.start_time as number).toISOString().slice(0, 10);
    expect(got).toEqual({ catalog: 'main', env: 'prod', only_widget: 'fallback', source: 'raw_prod', day: today, task: 'nb#1', run: String(run.run_id) });
    expect(h.task(run, 'nb').resolved_values).toEqual({ notebook_task: { base_parameters: { catalog: 'main', source: 'raw_prod', task: 'nb#1', run: String(run.run_id), env: 'prod', day: today } } });
    expect(run.job_parameters).toEqual([{ name: 'catalog', default: 'main', value: 'main' }, { name: 'env', default: 'dev', value: 'prod' }, { name: 'day', default: '{{job.start_time.iso_date}}', value: '{{job.start_time.iso_date}}' }]);
  });

  it('give scripts only what their parameters reference (no push-down into positional arguments)', async () => {
    const job = await h.job({
      name: 'script-params', parameters: [{ name: 'env', default: 'dev' }],
      tasks: [py('s', 'args.py', ['--env={{job.parameters.env}}', '{{job.id}}', '{{workspace.url}}', '{{job.trigger.type}}', '{{unknown.ref}}', '{{job_id}}'])],
    });
    const run = await h.run(job);
    const argv = JSON.parse((await h.output(run, 's')).logs?.trim() ?? '[]') as string[];
    expect(argv).toEqual(['--env=dev', String(job), h.ws.url, 'one_time', '{{unknown.ref}}', String(job)]);
  });

  it('fail a notebook that reads a widget nobody defined, with the Databricks error', async () => {
    const run = await h.run(await h.job({ name: 'no-widget', tasks: [{ task_key: 'nb', notebook_task: { notebook_path: nb('missing') } }] }));
    const out = await h.output(run, 'nb');
    expect(out.error).toBe('com.databricks.dbutils_v1.InputWidgetNotDefined: No input widget named never_defined is defined');
    expect(out.error_trace).toContain('<notebook /Users/');
  });

  it('apply legacy run-now maps: notebook_params over base_parameters, python_params replacing a script\'s', async () => {
    const job = await h.job({
      name: 'legacy', max_concurrent_runs: 2,
      tasks: [{ task_key: 'nb', notebook_task: { notebook_path: nb('widgets'), base_parameters: { catalog: 'base', source: 's', day: 'd', task: 't', run: 'r' } } }, py('s', 'args.py', ['a'])],
    });
    const run = await h.run(job, { notebook_params: { catalog: 'legacy' }, python_params: ['x', 'y'] });
    expect(JSON.parse((await h.output(run, 'nb')).notebook_output?.result ?? '{}')).toMatchObject({ catalog: 'legacy', source: 's' });
    expect((await h.output(run, 's')).logs?.trim()).toBe('["x", "y"]');
  });
});
