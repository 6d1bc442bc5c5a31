/* eslint-disable @typescript-eslint/no-explicit-any -- reading deep test results */
import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../source/parse-yaml.js';
import { normalizeToSchema } from './normalize.js';

const normalise = (text: string) => {
  const config = parseYamlText('/b/databricks.yml', text).value as Record<string, unknown>;
  normalizeToSchema(config);
  return config;
};

describe('normalizeToSchema', () => {
  it('converts scalars to the type of their field', () => {
    const c = normalise(`resources:
  jobs:
    etl:
      max_concurrent_runs: "3"
      tags: {owner: 42}
      job_clusters:
        - job_cluster_key: c
          new_cluster:
            num_workers: "2"
            spark_conf: {spark.speculation: false, spark.sql.shuffle.partitions: 64}
      tasks:
        - task_key: t
          disabled: "yes"
          notebook_task: {notebook_path: /n}
`);
    expect((c.resources as any).jobs.etl).toEqual({
      max_concurrent_runs: 3,
      tags: { owner: '42' },
      job_clusters: [{ job_cluster_key: 'c', new_cluster: { num_workers: 2, spark_conf: { 'spark.speculation': 'false', 'spark.sql.shuffle.partitions': '64' } } }],
      tasks: [{ task_key: 't', disabled: true, notebook_task: { notebook_path: '/n' } }],
    });
  });

  it('drops fields no closed object defines, and keeps ${…} and unknown-kind fields', () => {
    const c = normalise(`resources:
  jobs:
    etl:
      max_concurrent_runs: \${var.n}
      nme: typo
  pipelines:
    p: {name: p, some_future_field: 1}
`);
    expect((c.resources as any).jobs.etl).toEqual({ max_concurrent_runs: '${var.n}' });
    expect((c.resources as any).pipelines.p).toEqual({ name: 'p', some_future_field: 1 });
  });
});
