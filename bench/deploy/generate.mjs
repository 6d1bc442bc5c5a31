// Writes a bundle of N jobs for the deploy benchmark: two tasks each (a notebook, then a Python
// file after it), a schedule, tags, every tenth job with permissions, ten shared source files.
// Production mode with an explicit root path, so the deploy lock is on as in CI.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function generateDeployBundle(dir, jobs = 500) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  for (let i = 0; i < 10; i++) {
    writeFileSync(join(dir, 'src', `nb_${i}.py`), `# Databricks notebook source\nprint("notebook ${i}")\n`);
    writeFileSync(join(dir, 'src', `step_${i}.py`), `print("step ${i}")\n`);
  }
  writeFileSync(join(dir, 'databricks.yml'), [
    'bundle:', '  name: bench', 'include:', '  - resources/*.yml',
    'targets:', '  prod:', '    default: true', '    mode: production',
    '    workspace:', '      root_path: /Workspace/Shared/.bundle/bench/prod', '',
  ].join('\n'));
  const perFile = 50;
  for (let f = 0; f * perFile < jobs; f++) {
    const lines = ['resources:', '  jobs:'];
    for (let j = f * perFile; j < Math.min(jobs, (f + 1) * perFile); j++) {
      lines.push(
        `    job_${j}:`,
        `      name: Job ${j}`,
        '      tags: {team: data-platform}',
        `      schedule: {quartz_cron_expression: "0 ${j % 60} 3 * * ?", timezone_id: UTC}`,
        '      tasks:',
        '        - task_key: load',
        `          notebook_task: {notebook_path: ../src/nb_${j % 10}.py}`,
        '        - task_key: step',
        '          depends_on: [{task_key: load}]',
        `          spark_python_task: {python_file: ../src/step_${j % 10}.py}`,
        '          environment_key: default',
        '      environments: [{environment_key: default, spec: {client: "2"}}]',
        ...(j % 10 === 0 ? ['      permissions: [{level: CAN_VIEW, group_name: analysts}]'] : []),
      );
    }
    writeFileSync(join(dir, 'resources', `jobs_${String(f).padStart(2, '0')}.yml`), lines.join('\n') + '\n');
  }
}
