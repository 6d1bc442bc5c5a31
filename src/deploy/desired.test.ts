import { describe, expect, it } from 'vitest';
import type { Dict } from '../bundle/merge.js';
import { buildDesiredJobs } from './desired.js';

const opts = { bundleName: 'b', target: 'dev', rootDir: '/r' };
const config = (jobs: Dict, extra: Dict = {}): Dict => ({ bundle: { name: 'b' }, resources: { jobs }, ...extra });

describe('buildDesiredJobs', () => {
  it('drops bundle-only fields, adds the adoption tag, keeps the rest as sent', () => {
    const { value, diagnostics } = buildDesiredJobs(config({
      etl: { name: 'etl', id: '123', url: 'u', modified_status: 'x', lifecycle: { prevent_destroy: true }, permissions: [{ level: 'CAN_VIEW', group_name: 'g' }], tags: { team: 'a' }, max_concurrent_runs: 1 },
    }), opts);
    expect(diagnostics).toEqual([]);
    expect(value[0]).toMatchObject({ key: 'etl', address: 'jobs.etl', needs: [] });
    expect(value[0]!.settings).toEqual({ name: 'etl', tags: { team: 'a', jobs_as_code: 'b/dev/etl' }, max_concurrent_runs: 1 });
    expect(value[0]!.acl).toEqual([{ group_name: 'g', permission_level: 'CAN_VIEW' }]);
  });

  it('omits empty strings of optional fields, keeps required ones and map entries (Go omitempty)', () => {
    const { value } = buildDesiredJobs(config({
      j: {
        name: 'j', description: '', budget_policy_id: '', tags: { empty: '' },
        parameters: [{ name: 'p', default: '' }],
        job_clusters: [{ job_cluster_key: 'c', new_cluster: { spark_version: '13.3', node_type_id: '', spark_conf: { 'spark.x': '' }, num_workers: 2 } }],
      },
    }), opts);
    const s = value[0]!.settings;
    expect(s.description).toBeUndefined();
    expect(s.budget_policy_id).toBeUndefined();
    expect(s.tags).toEqual({ empty: '', jobs_as_code: 'b/dev/j' });
    expect(s.parameters).toEqual([{ name: 'p', default: '' }]);
    expect(s.job_clusters).toEqual([{ job_cluster_key: 'c', new_cluster: { spark_version: '13.3', spark_conf: { 'spark.x': '' }, num_workers: 2 } }]);
  });

  it('sends num_workers: 0 for a cluster with neither autoscale nor num_workers', () => {
    const { value } = buildDesiredJobs(config({
      j: {
        job_clusters: [{ job_cluster_key: 'a', new_cluster: { spark_version: 'x' } }, { job_cluster_key: 'b', new_cluster: { spark_version: 'x', autoscale: { min_workers: 1, max_workers: 2 } } }],
        tasks: [{ task_key: 't', new_cluster: { spark_version: 'x' }, notebook_task: { notebook_path: '/n' } }],
      },
    }), opts);
    const s = value[0]!.settings as { job_clusters: { new_cluster: Dict }[]; tasks: { new_cluster: Dict }[] };
    expect(s.job_clusters.map((c) => c.new_cluster.num_workers)).toEqual([0, undefined]);
    expect(s.tasks[0]!.new_cluster.num_workers).toBe(0);
  });

  it('keeps ${resources.jobs.<k>.id} for apply and records the dependency', () => {
    const { value } = buildDesiredJobs(config({
      bar: { name: 'bar' },
      foo: { name: 'foo', tasks: [{ task_key: 't', run_job_task: { job_id: '${resources.jobs.bar.id}' } }], description: 'runs ${resources.jobs.bar.name}' },
    }), opts);
    const foo = value.find((d) => d.key === 'foo')!;
    expect(foo.needs).toEqual(['bar']);
    expect((foo.settings.tasks as Dict[])[0]).toEqual({ task_key: 't', run_job_task: { job_id: '${resources.jobs.bar.id}' } });
    expect(foo.settings.description).toBe('runs bar');
  });

  it('resolves input-field references such as another job\'s permission level', () => {
    const { value } = buildDesiredJobs(config({
      b: { permissions: [{ level: 'CAN_VIEW', group_name: 'v' }] },
      a: { permissions: [{ level: '${resources.jobs.b.permissions[0].level}', group_name: 'alpha' }] },
    }), opts);
    expect(value.find((d) => d.key === 'a')!.acl).toEqual([{ group_name: 'alpha', permission_level: 'CAN_VIEW' }]);
  });

  it('reports references to resources it does not deploy', () => {
    const { diagnostics } = buildDesiredJobs(config({ j: { tasks: [{ task_key: 't', pipeline_task: { pipeline_id: '${resources.pipelines.p.id}' } }] } }), opts);
    expect(diagnostics.map((d) => [d.code, d.path?.join('.')])).toEqual([['deploy/unsupported-reference', 'resources.jobs.j.tasks.0.pipeline_task.pipeline_id']]);
  });

  it('warns instead of adding a 26th tag', () => {
    const tags = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`t${i}`, 'v']));
    const { value, diagnostics } = buildDesiredJobs(config({ j: { tags } }), opts);
    expect(diagnostics.map((d) => d.code)).toEqual(['deploy/tag-limit']);
    expect(Object.keys(value[0]!.settings.tags as Dict)).toHaveLength(25);
  });
});
