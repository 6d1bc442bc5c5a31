/**
 * The semantic checks never throw, whatever shape the configuration has: half-written YAML,
 * `${…}` strings where lists belong, numbers where strings belong, null task types. The
 * schema stage reports shapes; these checks must simply skip what they cannot judge.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderGraph } from '../../src/render/graph/index.js';
import { runSemanticChecks } from '../../src/validate/checks/index.js';
import type { JobView } from '../../src/validate/check.js';

const FIELDS = [
  'task_key', 'depends_on', 'run_if', 'outcome', 'disabled', 'notebook_task', 'spark_python_task', 'python_wheel_task',
  'condition_task', 'for_each_task', 'run_job_task', 'sql_task', 'dbt_task', 'pipeline_task', 'spark_submit_task',
  'job_cluster_key', 'environment_key', 'new_cluster', 'existing_cluster_id', 'libraries', 'max_retries', 'task',
  'inputs', 'concurrency', 'left', 'right', 'op', 'job_id', 'base_parameters', 'parameters', 'named_parameters',
  'commands', 'warehouse_id', 'query', 'file', 'alert', 'name', 'default',
];

const scalar = fc.oneof(
  fc.constantFrom('a', 'b', '', 'ALL_FAILED', 'ALL_DONE', 'true', 'GREATER_THAN', '${var.x}', '${resources.jobs.j.id}', '{{tasks.a.values.v}}', '{{input}}', '{{ job.id }}', '{{job.naem}}', '[1, 2]', '{{secrets/s/k}}', 'dbt run'),
  fc.integer({ min: -2, max: 2000 }),
  fc.constant(9223372036854775807n),
  fc.boolean(),
  fc.constant(null),
);

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('node'), { maxLength: 4 }),
  map: fc.dictionary(fc.constantFrom(...FIELDS), tie('node'), { maxKeys: 6 }),
})).node;

describe('robustness', () => {
  it('no check throws on arbitrary job shapes, and the graph still renders', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('tasks', 'job_clusters', 'environments', 'parameters', 'name'), fc.oneof(value, fc.array(value, { maxLength: 6 }))), (settings) => {
        const config = { resources: { jobs: { j: settings, k: { tasks: settings.tasks } } } };
        const jobs: JobView[] = [
          { key: 'j', path: ['resources', 'jobs', 'j'], settings },
          { key: 'k', path: ['resources', 'jobs', 'k'], settings: config.resources.jobs.k },
        ];
        expect(() => runSemanticChecks({ config, jobs })).not.toThrow();
        for (const format of ['ascii', 'mermaid', 'dot'] as const) expect(() => renderGraph(jobs[0]!, format)).not.toThrow();
      }),
      { numRuns: 400 },
    );
  });
});
