import { describe, expect, it } from 'vitest';
import { formatPath } from '../diag/diagnostic.js';
import { parseYamlText } from '../source/parse-yaml.js';
import { getAt, locsOf, setLoc } from '../source/locations.js';
import { validateBundleSchema } from './index.js';

/** Validates YAML lines as a bundle file; each diagnostic as `code line:col path`. */
function check(...lines: string[]): string[] {
  const parsed = parseYamlText('/b/databricks.yml', `${lines.join('\n')}\n`);
  expect(parsed.diagnostics).toEqual([]);
  return validateBundleSchema(parsed.value as Record<string, unknown>).map(
    (d) => `${d.code} ${d.span?.start.line}:${d.span?.start.column} ${d.path ? formatPath(d.path) : '-'}`,
  );
}

function details(...lines: string[]): (string | undefined)[] {
  const parsed = parseYamlText('/b/databricks.yml', `${lines.join('\n')}\n`);
  return validateBundleSchema(parsed.value as Record<string, unknown>).map((d) => d.detail);
}

const job = (...taskLines: string[]) => ['bundle: {name: b}', 'resources:', '  jobs:', '    etl:', '      tasks:', ...taskLines];

describe('validateBundleSchema: unknown fields', () => {
  it('points at the key and gives the object as path', () => {
    expect(check(...job('        - task_key: a', '          max_retry: 3'))).toEqual(['schema/unknown-field 7:11 resources.jobs.etl.tasks[0]']);
  });

  it('suggests a close field, or the same field one level down', () => {
    expect(details(...job('        - task_key: a', '          max_retry: 3'))).toEqual(['did you mean "max_retries"?']);
    const misplaced = ['bundle: {name: b}', 'resources:', '  jobs:', '    etl:', '      job_clusters:', '        - job_cluster_key: c', '          node_type_id: x'];
    expect(details(...misplaced)[0]).toMatch(/new_cluster\.node_type_id/);
  });

  it('reports unknown top-level keys but not blocks of YAML anchors', () => {
    expect(
      check('bundle: {name: b}', 'helpers: &h', '  max_retries: 3', 'list_of_anchors:', '  - &a {name: x}', 'mixed:', '  - &b {name: y}', '  - {name: z}'),
    ).toEqual(['schema/unknown-field 6:1 -']);
  });

  it('checks keys merged in with <<: *anchor', () => {
    expect(check('defaults: &d', '  max_retrys: 1', ...job('        - task_key: a', '          <<: *d'))).toEqual([
      'schema/unknown-field 2:3 resources.jobs.etl.tasks[0]',
    ]);
  });

  it('accepts the read-only keys a deployment writes back, and unknown keys of kinds it does not deploy', () => {
    expect(check(...job('        - task_key: a'), '      id: "123"', '      url: https://x', '  pipelines:', '    p:', '      some_new_field: 1')).toEqual([]);
  });
});

describe('validateBundleSchema: required fields', () => {
  it('points at the start of the object that lacks the field', () => {
    expect(check(...job('        - task_key: a', '          notebook_task:', '            source: GIT'))).toEqual([
      'schema/required 8:13 resources.jobs.etl.tasks[0].notebook_task',
    ]);
  });

  it('points at the list item when an item lacks it', () => {
    expect(check(...job('        - description: no key'))).toEqual(['schema/required 6:11 resources.jobs.etl.tasks[0]']);
  });

  it('treats an empty object value as an object missing its fields, right after the colon', () => {
    expect(check(...job('        - task_key: a', '          run_job_task:   # to do'))).toEqual(['schema/required 7:24 resources.jobs.etl.tasks[0].run_job_task']);
  });

  it('leaves a resource without a body to the loader’s undefined-resource check', () => {
    expect(check('bundle: {name: b}', 'resources:', '  experiments:', '    e:', '  jobs:', '    j:')).toEqual([]);
  });

  it('counts an empty string and a zero as set', () => {
    expect(check(...job('        - task_key: ""', '          run_job_task: {job_id: 0}'))).toEqual([]);
  });

  it('checks required fields of other resource kinds', () => {
    expect(check('bundle: {name: b}', 'resources:', '  volumes:', '    v:', '      name: x')).toEqual([
      'schema/required 5:7 resources.volumes.v',
      'schema/required 5:7 resources.volumes.v',
    ]);
  });
});

describe('validateBundleSchema: types', () => {
  it('points at the value', () => {
    expect(check(...job('        - task_key: a', '          max_retries: three', '          disabled: maybe', '          libraries: {whl: x}'))).toEqual([
      'schema/type 7:24 resources.jobs.etl.tasks[0].max_retries',
      'schema/type 8:21 resources.jobs.etl.tasks[0].disabled',
      'schema/type 9:22 resources.jobs.etl.tasks[0].libraries',
    ]);
  });

  it('coerces scalars as the reference CLI does', () => {
    expect(check(...job('        - task_key: 12', '          max_retries: "3"', '          disabled: "yes"', '          description: true'))).toEqual([]);
  });

  it('rejects a fraction where an integer belongs and a map where a string belongs', () => {
    expect(check(...job('        - task_key: {a: 1}', '          max_retries: 1.5'))).toEqual([
      'schema/type 6:21 resources.jobs.etl.tasks[0].task_key',
      'schema/type 7:24 resources.jobs.etl.tasks[0].max_retries',
    ]);
  });

  it('warns about null scalars and accepts null maps and lists', () => {
    expect(check('bundle: {name: b}', 'presets:', '  name_prefix:', '  tags:', 'include:')).toEqual(['schema/type 3:15 presets.name_prefix']);
  });

  it('accepts ${…} wherever a value of another type belongs', () => {
    expect(
      check(
        ...job(
          '        - task_key: a',
          '          max_retries: ${var.retries}',
          '          disabled: ${var.off}',
          '          new_cluster: ${var.cluster}',
          '          libraries: ${var.libs}',
          '          run_if: ${var.when}',
        ),
      ),
    ).toEqual([]);
  });

  it('keeps int64 ids exact and accepts them', () => {
    expect(check(...job('        - task_key: a', '          run_job_task: {job_id: 7357721864375287000}'))).toEqual([]);
  });

  it('reports integers beyond int64', () => {
    expect(check(...job('        - task_key: a', '          run_job_task: {job_id: 99999999999999999999}'))).toEqual([
      'schema/range 7:34 resources.jobs.etl.tasks[0].run_job_task.job_id',
    ]);
  });
});

describe('validateBundleSchema: enums', () => {
  it('points at the value and lists the valid values sorted', () => {
    const parsed = parseYamlText('/b/databricks.yml', job('        - task_key: a', '          run_if: SOMETIMES').join('\n'));
    const [d] = validateBundleSchema(parsed.value as Record<string, unknown>);
    expect(d).toMatchObject({ code: 'schema/enum', severity: 'warning', span: { start: { line: 7, column: 19 } } });
    expect(d!.summary).toContain('[ALL_DONE ALL_FAILED ALL_SUCCESS AT_LEAST_ONE_FAILED AT_LEAST_ONE_SUCCESS NONE_FAILED]');
  });

  it('checks a number against the enum as its text', () => {
    expect(check(...job('        - task_key: a', '          run_if: 5'))).toEqual(['schema/enum 7:19 resources.jobs.etl.tasks[0].run_if']);
  });

  it('accepts an empty variable type and rejects another', () => {
    expect(check('bundle: {name: b}', 'variables:', '  a: {type: ""}', '  b: {type: complex}', '  c: {type: map}')).toEqual([
      'schema/enum 5:13 variables.c.type',
    ]);
  });
});

describe('validateBundleSchema: merged values', () => {
  it('lists the other places a value was written as related spans', () => {
    const base = parseYamlText('/b/databricks.yml', job('        - task_key: a', '          python_wheel_task:', '            package_name: p').join('\n'));
    const override = parseYamlText('/b/override.yml', ['tasks:', '  - task_key: a', '    python_wheel_task:', '      package_name: q'].join('\n'));
    // What a target merge does: the override's location is kept after the base's.
    const config = base.value as Record<string, unknown>;
    const task = getAt(config, ['resources', 'jobs', 'etl', 'tasks', 0]) as object;
    const overrideTask = getAt(override.value, ['tasks', 0]);
    setLoc(task, 'python_wheel_task', [...locsOf(task, 'python_wheel_task'), ...locsOf(overrideTask, 'python_wheel_task')]);
    const [d] = validateBundleSchema(config);
    expect(d).toMatchObject({ code: 'schema/required', span: { file: '/b/databricks.yml', start: { line: 8, column: 13 } } });
    expect(d!.related).toEqual([{ message: 'also defined here', span: expect.objectContaining({ file: '/b/override.yml', start: expect.objectContaining({ line: 4, column: 7 }) }) }]);
  });
});
