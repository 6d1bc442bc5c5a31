import { describe, expect, it } from 'vitest';
import { formatPath } from '../diag/diagnostic.js';
import { validateCreateJob, validateJobSettings } from './index.js';

/** Each diagnostic as `code path`, sorted (API findings come in schema order). */
function check(body: unknown, validate = validateJobSettings): string[] {
  return validate(body)
    .map((d) => `${d.code} ${d.path ? formatPath(d.path) : '-'}`)
    .sort();
}

const task = { task_key: 'a', notebook_task: { notebook_path: '/Users/me/nb' } };

describe('validateJobSettings (the embedded workspace’s request check)', () => {
  it('accepts what the deployer sends', () => {
    const settings = {
      name: 'etl',
      tasks: [task, { task_key: 'b', depends_on: [{ task_key: 'a' }], run_job_task: { job_id: 7357721864375287000n } }],
      deployment: { kind: 'BUNDLE', metadata_file_path: '/Workspace/x/state/metadata.json' },
      edit_mode: 'UI_LOCKED',
      format: 'MULTI_TASK',
      max_concurrent_runs: 1,
      queue: { enabled: true },
    };
    expect(check(settings)).toEqual([]);
  });

  it('reports errors, without spans', () => {
    const [d] = validateJobSettings({ name: 'x', bogus: 1 });
    expect(d).toMatchObject({ severity: 'error', code: 'schema/unknown-field' });
    expect(d!.span).toBeUndefined();
  });

  it('reports unknown fields, bundle-only fields included', () => {
    expect(check({ tasks: [task], permissions: [], lifecycle: {} })).toEqual(['schema/unknown-field -', 'schema/unknown-field -']);
  });

  it('takes JSON types literally', () => {
    expect(check({ max_concurrent_runs: '3', name: 5, tasks: [{ ...task, disabled: 'yes' }] })).toEqual([
      'schema/type max_concurrent_runs',
      'schema/type name',
      'schema/type tasks[0].disabled',
    ]);
  });

  it('treats null as not set', () => {
    expect(check({ name: null, schedule: null, tasks: [{ ...task, run_if: null }] })).toEqual([]);
  });

  it('reports enums and missing required fields', () => {
    expect(check({ tasks: [{ ...task, run_if: 'NEVER' }, { notebook_task: {} }] })).toEqual([
      'schema/enum tasks[0].run_if',
      'schema/required tasks[1]',
      'schema/required tasks[1].notebook_task',
    ]);
  });

  it('matches git_provider without regard to case, as the Jobs API does', () => {
    expect(check({ git_source: { git_url: 'https://github.com/x/y', git_provider: 'github', git_branch: 'main' } })).toEqual([]);
    expect(check({ git_source: { git_url: 'https://github.com/x/y', git_provider: 'gitHubb' } })).toEqual(['schema/enum git_source.git_provider']);
  });

  it('accepts an access control list only in a create body', () => {
    const body = { name: 'x', access_control_list: [{ user_name: 'me@x.com', permission_level: 'IS_OWNER' }] };
    expect(check(body, validateCreateJob)).toEqual([]);
    expect(check(body)).toEqual(['schema/unknown-field -']);
  });
});
