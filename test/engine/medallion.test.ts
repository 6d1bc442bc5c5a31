/**
 * End to end: the example bundle (the course's medallion pipeline) deployed by `jobs deploy` to
 * its `local` target, then run by the engine on the embedded workspace with the deployer's own
 * files: fan-out at bronze, fan-in at gold, data files read from beside the code, tables kept in
 * a SQLite "catalog" written next to the code (it persists, as /Workspace does). Then a repair
 * reruns gold alone on the tables the first run left.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Int64 } from '../../src/api/json.js';
import { localDataDir } from '../../src/local/open-local-target.js';
import { runCli } from '../helpers/run-cli.js';
import { startHarness, results, type Harness } from './harness.js';

let dir: string;
let h: Harness | undefined;
afterAll(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('examples/medallion on the local target', () => {
  it('deploys, runs every layer, and repairs gold', async () => {
    dir = await mkdtemp(join(tmpdir(), 'jobs-medallion-'));
    await cp('examples/medallion', dir, { recursive: true });
    const deploy = await runCli(['deploy'], { cwd: dir });
    expect(deploy.code, deploy.stderr).toBe(0);

    h = await startHarness({}, { dataDir: localDataDir(dir) });
    let jobId: Int64 | undefined;
    // Development mode prefixes the name (`[dev <user>] medallion pipeline`).
    for await (const j of h.client.jobs.list()) if (j.settings?.name?.endsWith('medallion pipeline')) jobId = j.job_id;
    expect(jobId).toBeDefined();
    const run = await h.run(jobId as Int64);
    expect(results(run)).toEqual({
      bronze_customers: 'SUCCESS', bronze_orders: 'SUCCESS', silver_customers: 'SUCCESS', silver_orders_cleaned: 'SUCCESS',
      gold_customer_orders_summary: 'SUCCESS', gold_daily_orders: 'SUCCESS',
    });
    expect((await h.output(run, 'bronze_orders')).logs).toMatch(/bronze_orders: \d+ rows/);

    await h.client.runs.repair({ run_id: run.run_id, rerun_tasks: ['gold_daily_orders'] });
    const repaired = await h.waitTerminal(run.run_id);
    expect(repaired.state?.result_state).toBe('SUCCESS');
    expect((await h.output(repaired, 'gold_daily_orders')).logs).toMatch(/gold_daily_orders: \d+ rows/);
  });
});
