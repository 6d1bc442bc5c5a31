/**
 * `output: json` in the tool settings is the default of every command that prints text or JSON;
 * `-o text` still wins.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { writeTree } from './helpers/temp-tree.js';

const root = writeTree({
  '.jobsrc': '{"output": "json"}\n',
  'databricks.yml': 'bundle: {name: settings}\ntargets:\n  local: {default: true, workspace: {host: local}}\nresources:\n  jobs:\n    etl:\n      name: etl\n      tasks: [{task_key: c, condition_task: {op: EQUAL_TO, left: "a", right: "a"}}]\n',
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const commands = [
  ['validate'],
  ['cron', 'next', '0 0 2 * * ?', '--from', '2026-11-21T00:00:00Z'],
  ['cron', 'explain', '0 0 2 * * ?'],
  ['plan'],
  ['summary'],
  ['runs', 'list'],
  ['runs', 'timeline'],
];

describe('tool settings: output json', () => {
  beforeAll(async () => {
    const deploy = await runCli(['deploy'], { cwd: root });
    expect(deploy.code, deploy.stderr).toBe(0);
  });

  it.each(commands.map((argv) => [argv.join(' '), argv] as const))('jobs %s prints JSON', async (_name, argv) => {
    const r = await runCli(argv, { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(() => JSON.parse(r.stdout), r.stdout).not.toThrow();
    const text = await runCli([...argv, '-o', 'text'], { cwd: root });
    expect(() => JSON.parse(text.stdout)).toThrow();
  });
});
