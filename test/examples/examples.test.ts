/**
 * The examples users learn with (examples/<name>/, see ../shared/reference/seed-scenarios.md):
 * 1. every example validates, strictly, for every target (offline);
 * 2. every task's code runs under python3 in task order, with a minimal dbutils stand-in
 *    (run_notebook.py), so the examples' Python is tested without any engine;
 * 3. end to end on the embedded workspace: `jobs deploy -t local`, then `jobs run <key> -t local`
 *    to the expected result. This part needs `jobs deploy` and the run engine (issues of their
 *    own); until both are in, it fails, and that is expected.
 * Each test works on a copy of the example in a temp dir, so nothing is written into the repo.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeIo } from '../../src/ports/node-io.js';
import { runCli } from '../helpers/run-cli.js';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
const RUNNER = join(import.meta.dirname, 'run_notebook.py');
const TARGETS = ['local', 'dev', 'test', 'prod'];

interface Step {
  /** Task key (task values are stored under it). */
  task: string;
  /** Path of the notebook or script, from the example's root. */
  file: string;
  /** Widget values (notebooks) … */
  params?: Record<string, string>;
  /** … or argv (Python script tasks). */
  args?: string[];
}

interface Example {
  name: string;
  job: string;
  /** Extra `jobs run` arguments for the end-to-end run. */
  runArgs: string[];
  /** Task key → expected result in the final summary. */
  expect: Record<string, string>;
  steps: Step[];
}

/** A Python script task, as the examples' jobs pass arguments to it. */
const py = (task: string, extra: string[] = []): Step => ({ task, file: `src/${task}.py`, args: ['--catalog', 'dev', '--warehouse', '.warehouse', ...extra] });

const examples: Example[] = [
  {
    name: 'daily-trips', job: 'daily_trips', runArgs: ['--param', 'run_date=2026-11-21'],
    expect: { validate: 'SUCCESS', transform: 'SUCCESS', report: 'SUCCESS' },
    steps: ['validate', 'transform', 'report'].map((task) => ({ task, file: `src/${task}.py`, params: { run_date: '2026-11-21' } })),
  },
  {
    name: 'medallion', job: 'medallion', runArgs: [],
    expect: { bronze_customers: 'SUCCESS', bronze_orders: 'SUCCESS', silver_customers: 'SUCCESS', silver_orders_cleaned: 'SUCCESS', gold_customer_orders_summary: 'SUCCESS', gold_daily_orders: 'SUCCESS' },
    steps: [
      py('bronze_customers', ['--source-path', './data']), py('bronze_orders', ['--source-path', './data']), py('silver_customers'),
      py('silver_orders_cleaned'), py('gold_customer_orders_summary'), py('gold_daily_orders'),
    ],
  },
  {
    name: 'conditional', job: 'route_orders', runArgs: ['--param', 'run_date=2026-11-20'],
    expect: { count_orders: 'SUCCESS', is_big_day: 'SUCCESS (true)', full_refresh: 'SUCCESS', incremental_load: 'EXCLUDED', publish: 'SUCCESS' },
    steps: [
      { task: 'count_orders', file: 'src/count_orders.py', params: { run_date: '2026-11-20' } },
      { task: 'full_refresh', file: 'src/load_orders.py', params: { run_date: '2026-11-20', mode: 'full' } },
      { task: 'publish', file: 'src/publish.py' },
    ],
  },
  {
    name: 'for-each', job: 'sales_by_region', runArgs: [],
    expect: { list_regions: 'SUCCESS', load_regions: 'SUCCESS', summarize: 'SUCCESS' },
    steps: [
      { task: 'list_regions', file: 'src/list_regions.py' },
      ...['AMER', 'APAC', 'EMEA', 'LATAM'].map((region) => ({ task: 'load_region', file: 'src/load_region.py', params: { region } })),
      { task: 'summarize', file: 'src/summarize.py' },
    ],
  },
  {
    name: 'ci-cd', job: 'orders', runArgs: [],
    expect: { ingest: 'SUCCESS', publish: 'SUCCESS' },
    steps: [py('ingest'), py('publish')],
  },
];

const copies: string[] = [];
afterAll(() => copies.forEach((d) => rmSync(d, { recursive: true, force: true })));

function copyOf(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `example-${name}-`));
  cpSync(join(EXAMPLES, name), dir, { recursive: true, filter: (src) => !/[\\/]\.(databricks|warehouse)$/.test(src) });
  copies.push(dir);
  return dir;
}

it('every example folder is covered here', () => {
  const folders = readdirSync(EXAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  expect(folders).toEqual(examples.map((e) => e.name).sort());
});

describe.each(examples.map((e) => [e.name, e] as const))('%s', (_name, ex) => {
  it.each(TARGETS)('validates for target %s with --strict', async (target) => {
    const r = await runCli(['validate', '-t', target, '--strict', '-o', 'json'], { cwd: join(EXAMPLES, ex.name) });
    const report = JSON.parse(r.stdout) as { diagnostics: { code: string; summary: string }[] };
    expect(report.diagnostics.map((d) => `${d.code}: ${d.summary}`)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it("runs its tasks' code under python3, in task order", () => {
    const dir = copyOf(ex.name);
    const values = join(dir, 'task-values.json');
    for (const step of ex.steps) {
      // Scripts run from an unrelated directory: the code must not depend on the working directory.
      execFileSync('python3', [RUNNER, join(dir, step.file), step.task, JSON.stringify(step.params ?? {}), values, ...(step.args ?? [])], { cwd: tmpdir(), stdio: 'pipe' });
    }
  });

  it(`deploys to the embedded workspace and runs ${ex.job} to its expected result`, async () => {
    const dir = copyOf(ex.name);
    // The real clock: the engine really runs the tasks.
    const io = { clock: nodeIo().clock };
    const deploy = await runCli(['deploy', '-t', 'local', '--auto-approve'], { cwd: dir, io });
    expect(deploy, deploy.stderr).toMatchObject({ code: 0 });
    // A bounded wait: a run that cannot finish (no engine) fails the test with exit 4, not a hang.
    const run = await runCli(['run', ex.job, '-t', 'local', '--timeout', '60s', ...ex.runArgs], { cwd: dir, io });
    expect(run.code, `${run.stderr}\n${run.stdout}`).toBe(0);
    for (const [task, result] of Object.entries(ex.expect)) expect(run.stdout).toMatch(new RegExp(`^  ${task} +${result.replace(/[()]/g, '\\$&')} `, 'm'));
  }, 120_000);
});
