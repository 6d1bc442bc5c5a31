/** `workspace.host: local`: deploy, plan and summary against the embedded workspace, no setup. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { writeTree } from '../helpers/temp-tree.js';

describe('a local target', () => {
  it('deploys to the embedded workspace, then plans nothing and lists the jobs by id (the embedded workspace has no pages)', async () => {
    const dir = writeTree({
      'databricks.yml': 'bundle: {name: loc}\nresources:\n  jobs:\n    etl:\n      name: etl\n      tasks: [{task_key: t, notebook_task: {notebook_path: ./nb.py}}]\ntargets:\n  local:\n    default: true\n    workspace: {host: local}\n',
      'nb.py': '# Databricks notebook source\nprint(1)\n',
    });
    const deploy = await runCli(['deploy'], { cwd: dir });
    expect(deploy.code, deploy.stderr).toBe(0);
    expect(deploy.stdout).toMatch(/jobs\.etl\s+etl\s+job 1\n/);
    expect(deploy.stdout).not.toContain('http://127.0.0.1');
    const plan = await runCli(['plan', '--detailed-exitcode'], { cwd: dir });
    expect(plan.stdout).toContain('Plan: 0 to add, 0 to change, 0 to delete, 1 unchanged');
    expect(plan.code).toBe(0);
    const summary = await runCli(['summary', '-o', 'json'], { cwd: dir });
    const row = JSON.parse(summary.stdout).jobs[0];
    expect(row).toMatchObject({ key: 'etl', deployed: true, job_id: '1' });
    expect(row).not.toHaveProperty('url');
    expect(JSON.parse(summary.stdout).workspace.host).toBe('local');
    const text = await runCli(['summary'], { cwd: dir });
    expect(text.stdout).toMatch(/workspace local \(embedded\)\n[\s\S]*jobs\.etl\s+etl\s+job 1\n/);
  });
});
