import { describe, expect, it } from 'vitest';
import type { JobSettings } from '../api/jobs.js';
import type { DesiredJob } from '../deploy/desired.js';
import { readSettings, withCreateDefaults } from '../local/jobs/normalize.js';
import { comparable } from './comparable.js';
import { diffSettings } from './diff.js';
import type { FilesPlan } from './model.js';
import { planDeployment, type DeployedJob } from './plan.js';

const files: FilesPlan = { root: '/f', upload: [], delete: [], unchanged: 0, libraries: [] };
const desired = (key: string, settings: Record<string, unknown>, extra: Partial<DesiredJob> = {}): DesiredJob => ({ key, address: `jobs.${key}`, settings, needs: [], ...extra });
/** What jobs/get returns after jobs/create with these settings (the embedded workspace's rules). */
const echo = (s: Record<string, unknown>) => readSettings(withCreateDefaults(structuredClone(s) as JobSettings)) as Record<string, unknown>;
let nextId = 100;
const deployed = (key: string, settings: Record<string, unknown> | undefined, extra: Partial<DeployedJob> = {}): [string, DeployedJob] =>
  [key, { key, jobId: String(nextId++), adopted: false, ...(settings ? { settings } : {}), ...extra }];
const plan = (d: DesiredJob[], live: [string, DeployedJob][]) => planDeployment({ desired: d, deployed: new Map(live), files, userName: 'me@x.com' });

const rich = {
  name: 'etl', max_concurrent_runs: 1, queue: { enabled: true }, edit_mode: 'UI_LOCKED', format: 'MULTI_TASK',
  deployment: { kind: 'BUNDLE', metadata_file_path: '/s/metadata.json' }, tags: { jobs_as_code: 'b/t/etl' },
  email_notifications: { on_failure: [] }, continuous: { pause_status: 'PAUSED' },
  job_clusters: [{ job_cluster_key: 'c', new_cluster: { spark_version: '15.4', num_workers: 0, apply_policy_default_values: true } }],
  tasks: [
    { task_key: 'b', depends_on: [{ task_key: 'z' }, { task_key: 'a' }], notebook_task: { notebook_path: '/n' }, job_cluster_key: 'c' },
    { task_key: 'a', spark_python_task: { python_file: '/p.py' }, job_cluster_key: 'c', libraries: [{ pypi: { package: 'x' } }] },
    { task_key: 'z', for_each_task: { inputs: '[1]', task: { task_key: 'z_i', notebook_task: { notebook_path: '/n' }, job_cluster_key: 'c' } } },
  ],
  parameters: [{ name: 'p', default: '' }],
};

describe('planDeployment', () => {
  it('plans unchanged when the workspace echoes what was sent with its own defaults', () => {
    const p = plan([desired('etl', rich)], [deployed('etl', echo(rich))]);
    expect(p.entries.map((e) => [e.address, e.action])).toEqual([['jobs.etl', 'unchanged']]);
    expect(p.counts).toEqual({ add: 0, change: 0, delete: 0, unchanged: 1 });
  });

  it('ignores what real workspaces add to clusters, and run_as that reset keeps', () => {
    const remote = echo(rich) as { job_clusters: { new_cluster: Record<string, unknown> }[] } & Record<string, unknown>;
    remote.job_clusters[0]!.new_cluster.aws_attributes = { availability: 'SPOT_WITH_FALLBACK' };
    remote.job_clusters[0]!.new_cluster.enable_elastic_disk = true;
    remote.run_as = { user_name: 'someone@x.com' };
    expect(plan([desired('etl', rich)], [deployed('etl', remote)]).entries[0]!.action).toBe('unchanged');
  });

  it('compares tasks by key: order does not matter, a change names the task', () => {
    const reordered = { ...rich, tasks: [...rich.tasks].reverse() };
    expect(plan([desired('etl', reordered)], [deployed('etl', echo(rich))]).entries[0]!.action).toBe('unchanged');
    const changed = structuredClone(rich);
    changed.tasks[0]!.notebook_task = { notebook_path: '/other' };
    const e = plan([desired('etl', changed)], [deployed('etl', echo(rich))]).entries[0]!;
    expect(e.action).toBe('update');
    expect(e.kind === 'job' && e.changes.map((c) => [c.at, c.kind, c.before, c.after])).toEqual([['tasks[b].notebook_task.notebook_path', 'change', '/n', '/other']]);
  });

  it('shows drift from a UI edit, and says it came from the workspace', () => {
    const remote = echo({ ...rich, timeout_seconds: 3600, description: 'edited in the UI' });
    const e = plan([desired('etl', rich)], [deployed('etl', remote, { stateSettings: rich })]).entries[0]!;
    expect(e.action).toBe('update');
    expect(e.reasons).toEqual(['workspace']);
    expect(e.kind === 'job' && e.changes.map((c) => [c.at, c.kind, c.after])).toEqual([['timeout_seconds', 'change', 0], ['description', 'remove', undefined]]);
  });

  it('plans creates for new and vanished jobs, deletes for removed ones, forgets the gone', () => {
    const p = plan([desired('new', { name: 'n' }), desired('gone', { name: 'g' })], [
      deployed('gone', undefined), deployed('old', { name: 'o' }), deployed('vanished', undefined),
    ]);
    expect(p.entries.map((e) => [e.address, e.action, e.reasons.join()])).toEqual([
      ['jobs.gone', 'create', 'missing'], ['jobs.new', 'create', 'new'], ['jobs.old', 'delete', 'removed'],
    ]);
    expect(p.forget).toEqual(['vanished']);
    expect(p.counts).toEqual({ add: 2, change: 0, delete: 1, unchanged: 0 });
  });

  it('records a job adopted by its tag that needs no change', () => {
    const p = plan([desired('etl', rich)], [deployed('etl', echo(rich), { adopted: true, jobId: '7' })]);
    expect(p.record).toEqual([{ key: 'etl', jobId: '7' }]);
    expect(p.entries[0]!.reasons).toEqual(['adopted']);
  });

  it('substitutes known ids; an id only the deploy will know makes the job change', () => {
    const foo = { name: 'foo', tasks: [{ task_key: 't', run_job_task: { job_id: '${resources.jobs.bar.id}' } }] };
    const live = echo({ ...foo, tasks: [{ task_key: 't', run_job_task: { job_id: 3 } }] });
    expect(plan([desired('foo', foo, { needs: ['bar'] }), desired('bar', { name: 'bar' })], [deployed('foo', live), deployed('bar', echo({ name: 'bar' }), { jobId: '3' })]).counts.unchanged).toBe(2);
    const p = plan([desired('foo', foo, { needs: ['bar'] }), desired('bar', { name: 'bar' })], [deployed('foo', live)]);
    expect(p.entries.map((e) => [e.address, e.action])).toEqual([['jobs.bar', 'create'], ['jobs.foo', 'update']]);
  });

  it('plans permissions as their own entries, compared as sets of grants', () => {
    const acl = [{ group_name: 'g', permission_level: 'CAN_VIEW' as const }, { user_name: 'me@x.com', permission_level: 'IS_OWNER' as const }];
    const job = desired('etl', { name: 'e' }, { acl });
    expect(plan([job], []).entries.map((e) => [e.address, e.action])).toEqual([['jobs.etl', 'create'], ['jobs.etl.permissions', 'create']]);
    const same = plan([job], [deployed('etl', echo({ name: 'e' }), { acl: [...acl].reverse(), stateAcl: acl })]);
    expect(same.entries.map((e) => e.action)).toEqual(['unchanged', 'unchanged']);
    const drifted = plan([job], [deployed('etl', echo({ name: 'e' }), { acl: [acl[1]!], stateAcl: acl })]);
    expect(drifted.entries[1]).toMatchObject({ action: 'update', reasons: ['workspace'] });
    const dropped = plan([desired('etl', { name: 'e' })], [deployed('etl', echo({ name: 'e' }), { acl, stateAcl: acl })]);
    expect(dropped.entries[1]).toMatchObject({ action: 'delete', after: [{ user_name: 'me@x.com', permission_level: 'IS_OWNER' }] });
  });

  it('does not delete jobs outside --select', () => {
    const p = planDeployment({ desired: [], deployed: new Map([deployed('other', { name: 'o' })]), files, userName: 'me', deletable: (k) => k === 'mine' });
    expect(p.entries).toEqual([]);
  });
});

describe('comparable and diff', () => {
  it('drops server defaults only when they equal the default', () => {
    expect(comparable({ tasks: [{ task_key: 'a', run_if: 'ALL_DONE', timeout_seconds: 0, notebook_task: { notebook_path: '/n', source: 'GIT' } }] })).toEqual({
      tasks: { a: { task_key: 'a', run_if: 'ALL_DONE', notebook_task: { notebook_path: '/n', source: 'GIT' } } },
    });
    expect(comparable({ git_source: { git_url: 'u' }, tasks: [{ task_key: 'a', notebook_task: { notebook_path: 'n', source: 'GIT' } }] }).tasks).toEqual({ a: { task_key: 'a', notebook_task: { notebook_path: 'n' } } });
  });
  it('keeps maps whose presence means something', () => {
    expect(comparable({ continuous: {}, email_notifications: {}, tags: {} })).toEqual({ continuous: {} });
  });
  it('treats an id sent as text and returned as a number as equal', () => {
    expect(diffSettings({ a: { job_id: '12' } }, { a: { job_id: 12 } })).toEqual([]);
  });
});
