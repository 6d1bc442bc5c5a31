/**
 * Looking at runs does not depend on the bundle being valid: while a job is being edited (here a
 * dependency on a task that does not exist yet), `runs list|get` (and `repair`) still work, and
 * `run`, which starts the job as the bundle defines it, reports the error.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { runCli } from '../helpers/run-cli.js';
import { writeTree } from '../helpers/temp-tree.js';

const bundle = (extra = '') => [
  'bundle: {name: editing}',
  'targets:',
  '  local: {default: true, workspace: {host: local}}',
  'resources:',
  '  jobs:',
  '    etl:',
  '      name: etl',
  '      tasks:',
  '        - {task_key: check, condition_task: {op: EQUAL_TO, left: "a", right: "a"}}',
  extra,
  '',
].join('\n');

const root = writeTree({ 'databricks.yml': bundle() });
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a bundle with validation errors', () => {
  it('still lets runs be listed and read; run reports the error', async () => {
    expect((await runCli(['deploy'], { cwd: root })).code).toBe(ExitCode.OK);
    expect((await runCli(['run', 'etl'], { cwd: root })).code).toBe(ExitCode.OK);
    writeFileSync(join(root, 'databricks.yml'), bundle('        - {task_key: load, depends_on: [{task_key: extract}], condition_task: {op: EQUAL_TO, left: "a", right: "a"}}'));

    const list = await runCli(['runs', 'list', '-o', 'json'], { cwd: root });
    expect(list.code, list.stderr).toBe(ExitCode.OK);
    expect(JSON.parse(list.stdout).runs.map((r: { run_id: number }) => r.run_id)).toEqual([1001]);
    const get = await runCli(['runs', 'get', '1001'], { cwd: root });
    expect(get.code, get.stderr).toBe(ExitCode.OK);

    const run = await runCli(['run', 'etl'], { cwd: root });
    expect(run.code).toBe(ExitCode.FAILURE);
    expect(run.stderr).toContain('dag/unknown-dependency');
  }, 60_000);
});
