/**
 * Hints name whole commands: run from where the user is, with the `-C` the command was given,
 * they find the same bundle (a hint without it would fail with "no bundle here").
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { splitArgs } from '../helpers/golden.js';
import { runCli } from '../helpers/run-cli.js';
import { writeTree } from '../helpers/temp-tree.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('hints after jobs -C <dir> run', () => {
  it('carry -C, so the repair they suggest works from the same directory', async () => {
    root = writeTree({
      'my bundle/databricks.yml': [
        'bundle: {name: hints}',
        'targets:',
        '  local: {default: true, workspace: {host: local}}',
        'resources:',
        '  jobs:',
        '    etl:',
        '      name: Nightly ETL',
        '      environments: [{environment_key: default, spec: {environment_version: "2"}}]',
        '      tasks:',
        '        - {task_key: boom, environment_key: default, spark_python_task: {python_file: ./boom.py}}',
        '',
      ].join('\n'),
      'my bundle/boom.py': 'raise SystemExit("no rows")\n',
    });
    const notDeployed = await runCli(['-C', 'my bundle', 'run', 'etl'], { cwd: root });
    expect(notDeployed.code).toBe(ExitCode.RUN_NOT_STARTED);
    expect(notDeployed.stderr).toContain("jobs deploy -t local -C 'my bundle'");
    expect((await runCli(['-C', 'my bundle', 'deploy'], { cwd: root })).code).toBe(ExitCode.OK);
    const run = await runCli(['-C', 'my bundle', 'run', 'etl'], { cwd: root });
    expect(run.code).toBe(ExitCode.FAILURE);
    const hint = /jobs (repair \d+ --all-failed -t local -C 'my bundle')/.exec(run.stdout);
    expect(hint, run.stdout).not.toBeNull();
    // The hint, read as a shell would, run from the same directory.
    const repair = await runCli(splitArgs(hint![1]!), { cwd: root });
    expect(repair.stderr).not.toContain('no bundle');
    expect(repair.code).toBe(ExitCode.FAILURE);
    // A bad --param names the job by its bundle key (where parameters are declared), as run does.
    const badParam = await runCli(['-C', 'my bundle', 'repair', hint![1]!.split(' ')[1]!, '--param', 'day=1'], { cwd: root });
    expect(badParam.code).toBe(ExitCode.USAGE);
    expect(badParam.stderr).toContain('job "etl" declares no parameters (add them under resources.jobs.etl.parameters)');
  }, 60_000);
});
