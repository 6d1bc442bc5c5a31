// Writes a realistic large bundle: 1,000 jobs of 3 tasks each (~2 MB of YAML) with job
// clusters, parameters, schedules, dependencies, variables and local notebook paths.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function generateBundle(dir, jobs = 1000) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  for (const n of ['ingest', 'transform', 'report']) {
    writeFileSync(join(dir, 'src', `${n}.py`), `# Databricks notebook source\nprint("${n}")\n`);
  }
  writeFileSync(join(dir, 'databricks.yml'), [
    'bundle:', '  name: big', 'include:', '  - resources/*.yml',
    'variables:', '  catalog:', '    default: main', '  node_type:', '    default: i3.xlarge',
    'targets:', '  dev:', '    default: true', '    mode: development', '  prod:', '    mode: production',
    '    workspace:', '      root_path: /Workspace/Shared/.bundle/big', '',
  ].join('\n'));
  const perFile = 100;
  for (let f = 0; f < jobs / perFile; f++) {
    const lines = ['resources:', '  jobs:'];
    for (let j = f * perFile; j < (f + 1) * perFile; j++) {
      lines.push(
        `    job_${j}:`,
        `      name: "Job ${j} for \${var.catalog}"`,
        `      description: Generated job number ${j} with three tasks in a chain.`,
        '      max_concurrent_runs: 1',
        '      timeout_seconds: 3600',
        '      tags:',
        '        team: data-platform',
        `        cost_center: "cc-${j % 17}"`,
        '      schedule:',
        `        quartz_cron_expression: "0 ${j % 60} ${j % 24} * * ?"`,
        '        timezone_id: Europe/Warsaw',
        '        pause_status: PAUSED',
        '      email_notifications:',
        '        on_failure:',
        '          - data-alerts@example.com',
        '      parameters:',
        '        - name: run_date',
        '          default: "{{job.start_time.iso_date}}"',
        '        - name: catalog',
        '          default: ${var.catalog}',
        '      job_clusters:',
        '        - job_cluster_key: main',
        '          new_cluster:',
        '            spark_version: 15.4.x-scala2.12',
        '            node_type_id: ${var.node_type}',
        '            num_workers: 2',
        '            spark_conf:',
        '              spark.sql.shuffle.partitions: "64"',
        '            custom_tags:',
        `              job: "job_${j}"`,
        '      tasks:',
        '        - task_key: ingest',
        '          job_cluster_key: main',
        '          max_retries: 2',
        '          min_retry_interval_millis: 60000',
        '          notebook_task:',
        '            notebook_path: ../src/ingest.py',
        '            base_parameters:',
        '              run_date: "{{job.parameters.run_date}}"',
        '              catalog: "{{job.parameters.catalog}}"',
        '        - task_key: transform',
        '          job_cluster_key: main',
        '          depends_on:',
        '            - task_key: ingest',
        '          notebook_task:',
        '            notebook_path: ../src/transform.py',
        '            base_parameters:',
        '              rows: "{{tasks.ingest.values.row_count}}"',
        '        - task_key: report',
        '          job_cluster_key: main',
        '          depends_on:',
        '            - task_key: transform',
        '          run_if: ALL_SUCCESS',
        '          notebook_task:',
        '            notebook_path: ../src/report.py',
        '          libraries:',
        '            - pypi:',
        '                package: tabulate==0.9.0',
      );
    }
    writeFileSync(join(dir, 'resources', `jobs_${String(f).padStart(2, '0')}.yml`), lines.join('\n') + '\n');
  }
}
