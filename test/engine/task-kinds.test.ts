/**
 * Golden scenarios for each kind of task the engine runs: wheels (entry point from the wheel's
 * metadata or a function of the package), SQL notebooks on SQLite, `%sql` and `%run` in Python
 * notebooks, Jupyter notebooks, run_job_task, secrets (redacted from output), and the task kinds
 * that cannot run locally, which fail with a specific message.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nb, notebook, py, results, ROOT, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  // A pure-Python wheel, built with the standard library only (no pip, no network).
  const wheel = join(h.dataDir, 'mypkg-0.1-py3-none-any.whl');
  execFileSync('python3', ['-c', [
    'import sys, zipfile',
    'with zipfile.ZipFile(sys.argv[1], "w") as z:',
    '    z.writestr("mypkg/__init__.py", "import sys\\ndef main():\\n    print(\\"wheel argv\\", sys.argv[1:])\\ndef other():\\n    print(\\"called directly\\")\\n")',
    '    z.writestr("mypkg-0.1.dist-info/METADATA", "Metadata-Version: 2.1\\nName: mypkg\\nVersion: 0.1\\n")',
    '    z.writestr("mypkg-0.1.dist-info/entry_points.txt", "[console_scripts]\\nrun-it = mypkg:main\\n")',
    '    z.writestr("mypkg-0.1.dist-info/WHEEL", "Wheel-Version: 1.0\\n")',
    '    z.writestr("mypkg-0.1.dist-info/RECORD", "")',
  ].join('\n'), wheel]);
  await h.deploy({
    'dist/mypkg-0.1-py3-none-any.whl': await readFile(wheel),
    'trips.sql': [
      '-- Databricks notebook source',
      'CREATE OR REPLACE TABLE trips AS SELECT 1 AS id, 10.5 AS fare UNION ALL SELECT 2, 20.0 UNION ALL SELECT 3, 2.0;',
      '',
      '-- COMMAND ----------',
      '',
      'SELECT count(*) AS n, sum(fare) AS revenue FROM trips WHERE fare > :min_fare;',
    ].join('\n'),
    'bad.sql': '-- Databricks notebook source\nSELEC 1;\n',
    'common.py': notebook('GREETING = "hello from common"'),
    'main.py': notebook('# MAGIC %run ./common', 'print(GREETING)', '# MAGIC %md\n# MAGIC # A title', '# DBTITLE 1,Count trips\n# MAGIC %sql\n# MAGIC SELECT count(*) AS trips FROM trips', 'print("rows", _sqldf)'),
    'jupyter.ipynb': JSON.stringify({ cells: [{ cell_type: 'markdown', source: ['# hi'] }, { cell_type: 'code', source: ['x = 20\n', 'print("ipynb", x + 1)'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }),
    'secret.py': 'from databricks.sdk.runtime import dbutils\nprint("token is", dbutils.secrets.get("prod", "token"))\ndbutils.secrets.get("prod", "missing")\n',
    'spark.py': 'from databricks.sdk.runtime import spark\nspark.range(3).show()\n',
    'child.py': 'import sys\nprint("child got", sys.argv[1:])\nif sys.argv[2] == "fail":\n    raise SystemExit(3)\n',
  });
  await writeFile(join(h.dataDir, 'secrets.json'), JSON.stringify({ prod: { token: 'tok-very-secret-42' } }));
});
afterAll(() => h.close());

describe('python_wheel_task', () => {
  it('runs the entry point named in the wheel, with keyword arguments and pushed-down job parameters', async () => {
    const environments = [{ environment_key: 'wheel', spec: { environment_version: '2', dependencies: [`/Workspace${ROOT}/dist/mypkg-0.1-py3-none-any.whl`] } }];
    const job = await h.job({
      name: 'wheel', parameters: [{ name: 'env', default: 'dev' }], environments,
      tasks: [
        { task_key: 'ep', environment_key: 'wheel', python_wheel_task: { package_name: 'mypkg', entry_point: 'run-it', named_parameters: { day: '{{job.start_time.iso_weekday}}' } } },
        { task_key: 'fn', environment_key: 'wheel', python_wheel_task: { package_name: 'mypkg', entry_point: 'other', parameters: ['x'] } },
      ],
    });
    const run = await h.run(job);
    expect(results(run)).toEqual({ ep: 'SUCCESS', fn: 'SUCCESS' });
    expect((await h.output(run, 'ep')).logs).toMatch(/wheel argv \['--day=[1-7]', '--env=dev'\]/);
    expect((await h.output(run, 'fn')).logs).toContain('called directly');
  });
});

describe('notebooks', () => {
  it('runs SQL notebooks on SQLite with widgets as :named parameters, and says so', async () => {
    const job = await h.job({ name: 'sql', tasks: [{ task_key: 'q', notebook_task: { notebook_path: nb('trips'), base_parameters: { min_fare: '5' } } }] });
    const run = await h.run(job);
    const out = await h.output(run, 'q');
    expect(out.logs).toContain('SQL runs on SQLite');
    expect(out.logs).toMatch(/\| n +\| revenue +\|\n\+[-+]+\n\| 2 +\| 30\.5 +\|/);
  });

  it('reports SQL errors as SQLite errors', async () => {
    const run = await h.run(await h.job({ name: 'bad-sql', tasks: [{ task_key: 'q', notebook_task: { notebook_path: nb('bad') } }] }));
    expect((await h.output(run, 'q')).error).toMatch(/^jobs_local_runtime\.sql\.LocalSqlError: OperationalError \(local SQL engine: SQLite [\d.]+; in \/Users\/.*\/bad, cell 1\): near "SELEC": syntax error$/);
  });

  it('runs %run, %md and %sql cells in a Python notebook, and Jupyter notebooks', async () => {
    const job = await h.job({ name: 'magics', max_concurrent_runs: 1, tasks: [
      { task_key: 'main', notebook_task: { notebook_path: nb('main') } },
      { task_key: 'ipynb', notebook_task: { notebook_path: nb('jupyter') } },
    ] });
    const run = await h.run(job);
    expect(results(run)).toEqual({ main: 'SUCCESS', ipynb: 'SUCCESS' });
    const logs = (await h.output(run, 'main')).logs ?? '';
    expect(logs).toContain('hello from common');
    expect(logs).toContain('rows [(3,)]');
    expect((await h.output(run, 'ipynb')).logs).toContain('ipynb 21');
  });
});

describe('secrets and spark', () => {
  it('reads secrets from secrets.json and redacts their values from the output', async () => {
    const run = await h.run(await h.job({ name: 'secrets', tasks: [py('s', 'secret.py')] }));
    const out = await h.output(run, 's');
    expect(out.logs).toContain('token is [REDACTED]');
    expect(out.logs).not.toContain('tok-very-secret-42');
    expect(out.error).toMatch(/^ValueError: Secret does not exist with scope: prod and key: missing/);
  });

  it('names pyspark when code uses spark and pyspark is not installed', async () => {
    const run = await h.run(await h.job({ name: 'spark', tasks: [py('s', 'spark.py')] }));
    const out = await h.output(run, 's');
    if (run.state?.result_state === 'SUCCESS') return; // pyspark happens to be installed here
    expect(out.error).toMatch(/SparkUnavailable: spark is not available in the local workspace: pyspark is not installed for /);
  });
});

describe('run_job_task', () => {
  it('starts the other job with its parameters (trigger RUN_JOB_TASK) and waits for it', async () => {
    const child = await h.job({ name: 'child', parameters: [{ name: 'day', default: 'none' }, { name: 'mode', default: 'ok' }], tasks: [py('c', 'child.py', ['{{job.parameters.day}}', '{{job.parameters.mode}}', '{{job.trigger.type}}'])] });
    const parent = await h.job({
      name: 'parent', parameters: [{ name: 'day', default: '2026-11-21' }, { name: 'mode', default: 'ok' }],
      tasks: [{ task_key: 'call', run_job_task: { job_id: child as never } }],
    });
    const run = await h.run(parent);
    expect(results(run)).toEqual({ call: 'SUCCESS' });
    const out = await h.output(run, 'call');
    const childRun = await h.client.runs.get(out.run_job_output?.run_id as never);
    expect(childRun).toMatchObject({ trigger: 'RUN_JOB_TASK', state: { result_state: 'SUCCESS' } });
    expect(String(childRun.trigger_info?.run_id)).toBe(String(h.task(run, 'call').run_id));
    expect((await h.client.runs.getOutput(childRun.tasks?.[0]?.run_id as never)).logs).toContain("child got ['2026-11-21', 'ok', 'run_job_task']");

    const failed = await h.run(parent, { job_parameters: { mode: 'fail' } });
    expect(h.task(failed, 'call').state).toMatchObject({ result_state: 'FAILED' });
    expect(h.task(failed, 'call').state?.state_message).toMatch(/^The run \d+ of job \d+ ended FAILED: Task c failed/);
  });
});

describe('tasks that cannot run locally', () => {
  it('fail with a message that says why', async () => {
    const job = await h.job({
      name: 'cloud-only',
      tasks: [
        { task_key: 'jar', existing_cluster_id: 'abc', spark_jar_task: { main_class_name: 'com.example.Main' } },
        { task_key: 'pipeline', pipeline_task: { pipeline_id: 'p-1' } },
        { task_key: 'missing', notebook_task: { notebook_path: `${ROOT}/nope` } },
        { task_key: 'notebook_as_file', environment_key: 'default', spark_python_task: { python_file: nb('main.py') } },
      ],
    });
    const run = await h.run(job);
    expect(results(run)).toEqual({ jar: 'FAILED', pipeline: 'FAILED', missing: 'FAILED', notebook_as_file: 'FAILED' });
    const msg = (k: string) => h.task(run, k).state?.state_message;
    expect(msg('jar')).toBe('This spark_jar_task cannot run in the local workspace: spark_jar_task needs a JVM with Spark, which is a Databricks cluster. Deploy the job to a Databricks workspace to run it.');
    expect(msg('pipeline')).toMatch(/^This pipeline_task cannot run in the local workspace: /);
    expect(msg('missing')).toMatch(/^The notebook \/Users\/.*\/nope does not exist in the workspace/);
    expect(msg('notebook_as_file')).toMatch(/main\.py does not exist in the workspace, but .*\/main is a notebook/);
    expect((await h.output(run, 'jar')).error).toBe(msg('jar'));
  });
});
