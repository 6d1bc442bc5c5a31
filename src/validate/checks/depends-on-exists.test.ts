import { describe, expect, it } from 'vitest';
import { bundleWithJob, checkInputFromYaml, runChecks } from '../../../test/helpers/run-check.js';
import { dependsOnExists } from './depends-on-exists.js';

const run = (body: string) => runChecks(dependsOnExists, bundleWithJob(body));

describe('dependsOnExists', () => {
  it.each([
    ['existing dependencies', 'tasks:\n  - task_key: a\n  - task_key: b\n    depends_on: [{task_key: a}]\n', []],
    ['a missing task', 'tasks:\n  - task_key: a\n  - task_key: b\n    depends_on:\n      - task_key: c\n', ['dag/unknown-dependency@8:25']],
    ['every missing task', 'tasks:\n  - task_key: b\n    depends_on: [{task_key: x}, {task_key: y}]\n', ['dag/unknown-dependency@6:35', 'dag/unknown-dependency@6:50']],
    ['a self dependency', 'tasks:\n  - task_key: a\n    depends_on: [{task_key: a}]\n', ['dag/self-dependency@6:35']],
    ['the same unresolved ${…} on both sides', 'tasks:\n  - task_key: ${var.x}\n  - task_key: b\n    depends_on: [{task_key: "${var.x}"}]\n', []],
    ['an unresolved ${…} dependency', 'tasks:\n  - task_key: b\n    depends_on: [{task_key: "${var.x}"}]\n', []],
    ['a depends_on that is not a list', 'tasks:\n  - task_key: b\n    depends_on: ${var.deps}\n', []],
  ])('%s', (_name, body, expected) => {
    expect(run(body)).toEqual(expected);
  });

  it('suggests the closest task key', () => {
    const input = checkInputFromYaml(bundleWithJob('tasks:\n  - task_key: silver_orders\n  - task_key: gold\n    depends_on: [{task_key: silver_order}]\n'));
    expect(dependsOnExists(input)[0]!.summary).toContain('Did you mean "silver_orders"?');
  });

  it('never suggests the task itself', () => {
    const input = checkInputFromYaml(bundleWithJob('tasks:\n  - task_key: a\n    depends_on: [{task_key: aa}]\n'));
    expect(dependsOnExists(input)[0]!.summary).not.toContain('Did you mean');
  });
});
