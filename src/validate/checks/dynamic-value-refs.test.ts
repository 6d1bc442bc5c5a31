import { describe, expect, it } from 'vitest';
import { bundleWithJob, checkInputFromYaml, runChecks } from '../../../test/helpers/run-check.js';
import { dynamicValueRefs } from './dynamic-value-refs.js';

/**
 * A job with parameters, an upstream task `load` and a side task `other`; the value under test
 * goes into a base parameter of `report` (line 18, value at column 20).
 */
const job = (value: string) =>
  bundleWithJob(`parameters:
  - name: run_date
    default: "{{job.start_time.iso_date}}"
  - name: catalog
    default: main
tasks:
  - task_key: load
    notebook_task: {notebook_path: /l}
  - task_key: other
    notebook_task: {notebook_path: /o}
  - task_key: report
    depends_on: [{task_key: load}]
    notebook_task:
      notebook_path: /r
      base_parameters:
        x: ${value}
`);
const run = (value: string) => runChecks(dynamicValueRefs, job(value));

describe('dynamicValueRefs in a task parameter', () => {
  it.each([
    ['plain text', 'hello', []],
    ['a known reference', '"run {{job.run_id}} on {{workspace.url}}"', []],
    ['a job parameter', '"{{job.parameters.run_date}}"', []],
    ['an upstream task value', '"{{tasks.load.values.rows}}"', []],
    ['an unknown namespace (literal text)', '"{{foo.bar}} {{ds}}"', []],
    ['a member typo', '"{{job.naem}}"', ['ref/unknown-member@19:19']],
    ['a typo after text', '"day={{job.start_time.iso_dat}}"', ['ref/unknown-member@19:23']],
    ['the {{run.id}} slip', '"{{run.id}}"', ['ref/unknown-namespace@19:19']],
    ['an undefined job parameter', '"{{job.parameters.run_dat}}"', ['ref/unknown-job-parameter@19:19']],
    ['an unknown task', '"{{tasks.lod.values.rows}}"', ['ref/unknown-task@19:19']],
    ['a task that is not upstream', '"{{tasks.other.values.rows}}"', ['ref/not-upstream@19:19']],
    ['the task itself', '"{{tasks.report.run_id}}"', ['ref/not-upstream@19:19']],
    ['{{input}} outside a for-each', '"{{input}}"', ['ref/out-of-context@19:19']],
    ['a deprecated flat name', '"{{start_date}}"', ['ref/deprecated@19:19!']],
    ['spaces inside braces', '"{{ job.id }}"', ['ref/malformed@19:19!']],
    ['a missing brace', '"{{job.id}"', ['ref/malformed@19:19!']],
    ['an unquoted dash', '"{{tasks.load-bronze.run_id}}"', ['ref/malformed@19:19!']],
    ['a secret', '"{{secrets/scope/key}}"', ['ref/secret-not-allowed@19:19']],
    ['two findings in one string', '"{{job.naem}}/{{run.id}}"', ['ref/unknown-member@19:19', 'ref/unknown-namespace@19:32']],
  ])('%s', (_name, value, expected) => {
    expect(run(value)).toEqual(expected);
  });

  it('never suggests the referring task itself', () => {
    const [d] = dynamicValueRefs(checkInputFromYaml(job('"{{tasks.reports.values.rows}}"')));
    expect(d!.code).toBe('ref/unknown-task');
    expect(d!.summary).not.toContain('Did you mean');
  });

  it('spans exactly the reference inside the string', () => {
    const [d] = dynamicValueRefs(checkInputFromYaml(job('"day={{job.naem}}!"')));
    expect([d!.span!.start.column, d!.span!.end.column]).toEqual([23, 35]);
    expect(d!.summary).toContain('{{job.name}}');
  });
});

describe('dynamicValueRefs elsewhere', () => {
  it('checks transitive upstream tasks, condition operands and for-each bodies', () => {
    const body = `tasks:
  - task_key: a
    notebook_task: {notebook_path: /a}
  - task_key: b
    depends_on: [{task_key: a}]
    condition_task: {left: "{{tasks.a.values.n}}", op: GREATER_THAN, right: "0"}
  - task_key: loop
    depends_on: [{task_key: b, outcome: "true"}]
    for_each_task:
      inputs: "{{tasks.a.values.items}}"
      task:
        task_key: body
        notebook_task:
          notebook_path: /x
          base_parameters: {item: "{{input}}", n: "{{tasks.a.values.n}}", bad: "{{tasks.loop.run_id}}"}
`;
    expect(runChecks(dynamicValueRefs, bundleWithJob(body))).toEqual(['ref/not-upstream@18:87']);
  });

  it('rejects task references and {{input}} in job parameter defaults', () => {
    const body = 'parameters:\n  - {name: a, default: "{{tasks.x.values.y}}"}\n  - {name: b, default: "{{input}}"}\ntasks: []\n';
    expect(runChecks(dynamicValueRefs, bundleWithJob(body))).toEqual(['ref/out-of-context@5:31', 'ref/out-of-context@6:31']);
  });

  it('rejects {{input}} in the for-each inputs themselves', () => {
    const body = 'tasks:\n  - task_key: loop\n    for_each_task:\n      inputs: "{{input}}"\n      task: {task_key: b, notebook_task: {notebook_path: /n}}\n';
    expect(runChecks(dynamicValueRefs, bundleWithJob(body))).toEqual(['ref/out-of-context@7:22']);
  });

  it('checks every parameter-bearing field', () => {
    const body = `tasks:
  - task_key: t
    spark_python_task: {python_file: f.py, parameters: ["{{job.naem}}"]}
    python_wheel_task: {package_name: p, entry_point: e, named_parameters: {k: "{{job.naem}}"}}
    sql_task: {warehouse_id: w, parameters: {k: "{{job.naem}}"}}
    dbt_task: {commands: ["dbt run --vars {{job.naem}}"]}
    run_job_task: {job_id: 1, job_parameters: {k: "{{job.naem}}"}}
    pipeline_task: {pipeline_id: p, parameters: {k: "{{job.naem}}"}}
    notebook_task: {notebook_path: "{{job.naem}}"}
`;
    const found = runChecks(dynamicValueRefs, bundleWithJob(body));
    expect(found).toHaveLength(6); // notebook_path is not substituted
    expect(new Set(found.map((f) => f.split('@')[0]))).toEqual(new Set(['ref/unknown-member']));
  });

  it('does not judge parameter references while a parameter name is still ${…}', () => {
    const body = 'parameters:\n  - {name: "${var.p}", default: x}\ntasks:\n  - task_key: t\n    notebook_task: {notebook_path: /n, base_parameters: {a: "{{job.parameters.x}}"}}\n';
    expect(runChecks(dynamicValueRefs, bundleWithJob(body))).toEqual([]);
  });

  it('leaves a parameter list that is still a ${…} reference alone', () => {
    const body = 'parameters: ${var.params}\ntasks:\n  - task_key: t\n    notebook_task: {notebook_path: /n, base_parameters: {a: "{{job.parameters.x}}"}}\n';
    expect(runChecks(dynamicValueRefs, bundleWithJob(body))).toEqual([]);
  });
});
