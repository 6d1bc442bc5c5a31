import { describe, expect, it } from 'vitest';
import { bundleWithJob, runChecks } from '../../../test/helpers/run-check.js';
import { taskFields } from './task-fields.js';

const task = (body: string) => runChecks(taskFields, bundleWithJob(`tasks:\n  - task_key: a\n    ${body.replace(/\n/g, '\n    ')}\n`));

describe('taskFields', () => {
  it.each([
    ['a SQL query', 'sql_task: {warehouse_id: w, query: {query_id: q}}', []],
    ['a SQL task with nothing to run', 'sql_task: {warehouse_id: w}', ['task/missing-field@6:11']],
    ['a SQL task with a query and a file', 'sql_task: {warehouse_id: w, query: {query_id: q}, file: {path: f.sql}}', ['task/conflicting-fields@6:61']],
    ['SQL alert with parameters', 'sql_task: {warehouse_id: w, alert: {alert_id: x}, parameters: {a: b}}', ['task/conflicting-fields@6:61']],
    ['an alert task with both ids', 'alert_task: {alert_id: x, workspace_path: /Workspace/a}', ['task/conflicting-fields@6:37']],
    ['wheel positional and named parameters', 'python_wheel_task: {package_name: p, entry_point: e, parameters: [a], named_parameters: {b: c}}', ['task/conflicting-fields@6:81']],
    ['dbt catalog without a warehouse', 'dbt_task: {commands: [dbt run], catalog: main}', ['task/conflicting-fields@6:43']],
    ['dbt profiles with a warehouse', 'dbt_task: {commands: [dbt run], warehouse_id: w, profiles_directory: p}', ['task/conflicting-fields@6:60']],
    ['dbt commands that are not dbt', 'dbt_task:\n  commands:\n    - dbt deps\n    - "${var.cmd}"\n    - python x.py', ['task/invalid-dbt-commands@10:17']],
    ['no dbt commands', 'dbt_task: {commands: []}', ['task/invalid-dbt-commands@6:22']],
    ['a JAR task without a main class', 'spark_jar_task: {parameters: [a]}', ['task/missing-field@6:11']],
    ['a type set to null (schema reports required fields)', 'sql_task:', []],
  ])('%s', (_name, body, expected) => {
    expect(task(body)).toEqual(expected);
  });
});
