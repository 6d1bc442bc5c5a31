import { describe, expect, it } from 'vitest';
import { bundleWithJob, checkInputFromYaml, runChecks } from '../../../test/helpers/run-check.js';
import { computeExclusive } from './compute-exclusive.js';
import { computeForTaskType } from './compute-for-task-type.js';
import { computeKeysDefined } from './compute-keys-defined.js';
import { librariesPlacement } from './libraries-placement.js';

const CHECKS = [computeKeysDefined, computeForTaskType, computeExclusive, librariesPlacement];
const SETUP = `job_clusters:
  - job_cluster_key: main
    new_cluster: {spark_version: 15.4.x-scala2.12, num_workers: 1}
environments:
  - environment_key: default
    spec: {environment_version: "2"}
tasks:
  - task_key: t
`;
/** Findings for one task written under SETUP; the task's fields start on line 12. */
const task = (fields: string) => runChecks(CHECKS, bundleWithJob(SETUP + fields.replace(/^/gm, '    ')));

describe('compute checks', () => {
  it.each([
    ['a script on a job cluster', 'job_cluster_key: main\nspark_python_task: {python_file: f.py}', []],
    ['a script on serverless', 'environment_key: default\nspark_python_task: {python_file: f.py}', []],
    ['a serverless notebook', 'notebook_task: {notebook_path: /n}', []],
    ['a notebook on a warehouse', 'notebook_task: {notebook_path: /n, warehouse_id: w}', []],
    ['a script without compute', 'spark_python_task: {python_file: f.py}', ['compute/missing@12:11']],
    ['a wheel without compute', 'python_wheel_task: {package_name: p, entry_point: e}', ['compute/missing@12:11']],
    ['an undefined job cluster', 'job_cluster_key: mian\nspark_python_task: {python_file: f.py}', ['compute/unknown-job-cluster@12:28']],
    ['an undefined environment', 'environment_key: dflt\nspark_python_task: {python_file: f.py}', ['compute/unknown-environment@12:28']],
    ['a ${…} job cluster key', 'job_cluster_key: ${var.cluster}\nspark_python_task: {python_file: f.py}', []],
    ['a condition task with a cluster', 'job_cluster_key: main\ncondition_task: {left: a, op: EQUAL_TO, right: b}', ['compute/not-allowed@12:11']],
    ['a pipeline task on serverless', 'environment_key: default\npipeline_task: {pipeline_id: p}', ['compute/not-allowed@12:11']],
    ['a for-each parent with a cluster', 'job_cluster_key: main\nfor_each_task: {inputs: "[1]", task: {task_key: x, job_cluster_key: main, spark_python_task: {python_file: f.py}}}', ['compute/not-allowed@12:11']],
    ['a nested task without compute', 'for_each_task: {inputs: "[1]", task: {task_key: x, spark_python_task: {python_file: f.py}}}', ['compute/missing@12:62']],
    ['two compute fields', 'job_cluster_key: main\nexisting_cluster_id: abc\nnotebook_task: {notebook_path: /n}', ['compute/conflicting@13:11']],
    ['a warehouse notebook on a cluster', 'job_cluster_key: main\nnotebook_task: {notebook_path: /n, warehouse_id: w}', ['compute/conflicting@13:46']],
    ['spark-submit on a job cluster', 'job_cluster_key: main\nspark_submit_task: {parameters: [a]}', ['compute/spark-submit-cluster@12:11']],
    ['spark-submit with libraries', 'new_cluster: {num_workers: 1}\nspark_submit_task: {parameters: [a]}\nlibraries: [{jar: a.jar}]', ['compute/libraries-not-allowed@14:11']],
    ['libraries on a cluster', 'job_cluster_key: main\nspark_python_task: {python_file: f.py}\nlibraries: [{pypi: {package: x}}]', []],
    ['libraries on serverless', 'environment_key: default\nspark_python_task: {python_file: f.py}\nlibraries: [{pypi: {package: x}}]', ['compute/libraries-not-allowed@14:11']],
    ['libraries on a serverless notebook', 'notebook_task: {notebook_path: /n}\nlibraries: [{pypi: {package: x}}]', ['compute/libraries-not-allowed@13:11']],
    ['libraries on a for-each parent', 'for_each_task: {inputs: "[1]", task: {task_key: x, notebook_task: {notebook_path: /n}}}\nlibraries: [{whl: a.whl}]', ['compute/libraries-not-allowed@13:11']],
  ])('%s', (_name, fields, expected) => {
    expect(task(fields)).toEqual(expected);
  });

  it('suggests the closest job cluster key', () => {
    const input = checkInputFromYaml(bundleWithJob(`${SETUP}    job_cluster_key: mian\n    spark_python_task: {python_file: f.py}\n`));
    expect(computeKeysDefined(input)[0]!.summary).toContain('Did you mean "main"?');
  });

  it('reports libraries on job_clusters entries and duplicate keys', () => {
    const body = `job_clusters:\n  - job_cluster_key: a\n    libraries: [{jar: x.jar}]\n  - job_cluster_key: a\ntasks: []\n`;
    expect(runChecks(CHECKS, bundleWithJob(body))).toEqual(['compute/libraries-not-allowed@6:11', 'compute/duplicate-key@7:28']);
  });

  it('skips a job_clusters list that is still a ${…} reference', () => {
    expect(runChecks(CHECKS, bundleWithJob('job_clusters: ${var.clusters}\ntasks:\n  - task_key: t\n    job_cluster_key: x\n    notebook_task: {notebook_path: /n}\n'))).toEqual([]);
  });
});
