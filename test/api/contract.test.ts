/**
 * The workspace contract: one suite, run through the client against the embedded workspace
 * in-process (router called directly) and over HTTP (undici on loopback, ids past 2^53). What a
 * deployer relies on: defaults on read, pages, errors and their codes, run states, permissions,
 * workspace file semantics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringifyJson, type Int64 } from '../../src/api/json.js';
import type { Task } from '../../src/api/jobs.js';
import { ApiError, isAlreadyExists, isNotFound } from '../../src/remote/errors.js';
import { startTestWorkspace, type Mode, type TestWorkspace } from '../helpers/local-workspace.js';

const MODES: { mode: Mode; idBase: string }[] = [
  { mode: 'in-process', idBase: '0' },
  { mode: 'http', idBase: '9007199254740993' },
];

const cond = (key: string, left: string, op: string, right: string, deps?: Task['depends_on']): Task =>
  ({ task_key: key, condition_task: { left, op, right }, ...(deps ? { depends_on: deps } : {}) }) as Task;
const notebook = (key: string, deps?: string[]): Task => ({
  task_key: key, notebook_task: { notebook_path: '/Shared/nb' }, ...(deps ? { depends_on: deps.map((task_key) => ({ task_key })) } : {}),
});

async function apiError(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe.each(MODES)('workspace contract ($mode)', ({ mode, idBase }) => {
  let t: TestWorkspace;
  beforeAll(async () => {
    // The API contract and the run model, without the engine: work stays PENDING until the
    // test says otherwise (test/engine runs tasks for real).
    t = await startTestWorkspace(mode, { idBase, executor: false });
  });
  afterAll(() => t.close());

  it('answers SCIM Me with the workspace user', async () => {
    const me = await t.client.currentUser.me();
    expect(me.userName).toBe('local-user@jobs.local');
  });

  it('creates a job and reads it back with server defaults', async () => {
    const { job_id } = await t.client.jobs.create({ name: 'defaults', tasks: [notebook('b', ['z', 'a']), notebook('a'), notebook('z')] });
    if (mode === 'http') expect(typeof job_id).toBe('bigint');
    const job = await t.client.jobs.get(job_id);
    expect(String(job.job_id)).toBe(String(job_id));
    expect(job.creator_user_name).toBe('local-user@jobs.local');
    expect(job.run_as_user_name).toBe('local-user@jobs.local');
    expect(job.created_time).toBeGreaterThan(0);
    const s = job.settings ?? {};
    expect(s).toMatchObject({ format: 'MULTI_TASK', max_concurrent_runs: 1, queue: { enabled: true }, timeout_seconds: 0, email_notifications: {}, webhook_notifications: {} });
    const b = s.tasks?.find((x) => x.task_key === 'b');
    expect(b).toMatchObject({ run_if: 'ALL_SUCCESS', timeout_seconds: 0, email_notifications: {}, notebook_task: { source: 'WORKSPACE' } });
    expect(b?.depends_on?.map((d) => d.task_key)).toEqual(['a', 'z']);
    expect(stringifyJson(job)).not.toContain('null');
  });

  it('pages tasks and parameters by 100 and the client stitches them', async () => {
    const tasks = Array.from({ length: 250 }, (_, i) => cond(`t${String(i).padStart(3, '0')}`, '1', 'EQUAL_TO', '1'));
    const parameters = Array.from({ length: 130 }, (_, i) => ({ name: `p${i}`, default: String(i) }));
    const { job_id } = await t.client.jobs.create({ name: 'big', tasks, parameters });
    const first = await t.client.jobs.getPage(job_id);
    expect(first.settings?.tasks).toHaveLength(100);
    expect(first.settings?.parameters).toHaveLength(100);
    expect(first.next_page_token).toBeTruthy();
    const third = await t.client.jobs.getPage(job_id, (await t.client.jobs.getPage(job_id, first.next_page_token)).next_page_token);
    expect(third.settings?.tasks).toHaveLength(50);
    expect(third.settings?.parameters).toBeUndefined();
    expect(third.next_page_token).toBeUndefined();
    const whole = await t.client.jobs.get(job_id);
    expect(whole.settings?.tasks).toHaveLength(250);
    expect(whole.settings?.parameters).toHaveLength(130);
    expect(whole.next_page_token).toBeUndefined();
    const { run_id } = await t.client.jobs.runNow({ job_id });
    const run = await t.client.runs.get(run_id, { include_history: true });
    expect(run.tasks).toHaveLength(250);
    expect(run.job_parameters).toHaveLength(130);
    expect(run.repair_history).toHaveLength(1);
    expect(run.state?.result_state).toBe('SUCCESS');
    const listed = [];
    for await (const j of t.client.jobs.list({ name: 'BIG', expand_tasks: true })) listed.push(j);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.settings?.tasks).toHaveLength(250);
  });

  it('lists jobs with a case-insensitive exact name filter, limits and pages', async () => {
    for (const name of ['List-Me', 'list-me', 'list-me-not', 'LIST-ME']) await t.client.jobs.create({ name });
    const page = await t.client.jobs.listPage({ name: 'list-ME', limit: 2 });
    expect(page.jobs).toHaveLength(2);
    expect(page.jobs?.[0]?.settings?.tasks).toBeUndefined();
    expect(page.has_more).toBe(true);
    const all = [];
    for await (const j of t.client.jobs.list({ name: 'list-me', limit: 1 })) all.push(j.settings?.name);
    expect(all).toEqual(['List-Me', 'list-me', 'LIST-ME']);
    const none = await t.client.jobs.listPage({ name: 'no such job' });
    expect(none.jobs).toBeUndefined();
    const err = await apiError(t.client.jobs.listPage({ limit: 101 }));
    expect([err.status, err.errorCode]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
  });

  it('answers an unknown job with 404 RESOURCE_DOES_NOT_EXIST', async () => {
    const missing: Int64 = mode === 'http' ? 9007199254749999n : 999999;
    const err = await apiError(t.client.jobs.get(missing));
    expect([err.status, err.errorCode, err.apiMessage]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST', `Job ${String(missing)} does not exist.`]);
    expect(isNotFound(err)).toBe(true);
    expect(isNotFound(await apiError(t.client.jobs.reset({ job_id: missing, new_settings: {} })))).toBe(true);
    expect(isNotFound(await apiError(t.client.jobs.delete(missing)))).toBe(true);
  });

  it('resets (keeping run_as), updates by key and removes fields', async () => {
    const { job_id } = await t.client.jobs.create({ name: 'r', run_as: { user_name: 'someone@x.com' }, tasks: [notebook('a'), notebook('b')], tags: { x: '1' } });
    await t.client.jobs.reset({ job_id, new_settings: { name: 'r2', tasks: [notebook('a')] } });
    let job = await t.client.jobs.get(job_id);
    expect(job.settings?.name).toBe('r2');
    expect(job.settings?.run_as).toEqual({ user_name: 'someone@x.com' });
    expect(job.settings?.tags).toBeUndefined();
    await t.client.jobs.update({ job_id, new_settings: { tasks: [notebook('b'), { ...notebook('a'), description: 'changed' }] }, fields_to_remove: ['run_as'] });
    job = await t.client.jobs.get(job_id);
    expect(job.settings?.tasks?.map((x) => [x.task_key, x.description])).toEqual([['a', 'changed'], ['b', undefined]]);
    expect(job.settings?.run_as).toBeUndefined();
    await t.client.jobs.update({ job_id, fields_to_remove: ['tasks/b'] });
    expect((await t.client.jobs.get(job_id)).settings?.tasks?.map((x) => x.task_key)).toEqual(['a']);
  });

  it('rejects malformed requests and jobs it could not run', async () => {
    const bad = [
      t.client.jobs.create({ tasks: [notebook('a'), notebook('a')] }),
      t.client.jobs.create({ tasks: [notebook('a', ['missing'])] }),
      t.client.jobs.create({ tasks: [notebook('a', ['b']), notebook('b', ['a'])] }),
      t.client.jobs.create({ tasks: [{ task_key: 'a' }] as Task[] }),
      t.client.jobs.create({ tasks: [{ ...notebook('a'), run_if: 'SOMETIMES' as 'ALL_DONE' }] }),
      t.client.jobs.create({ max_concurrent_runs: 1001 }),
      t.client.jobs.reset({ job_id: 1 } as never),
      t.client.jobs.delete(undefined as never),
    ];
    for (const p of bad) {
      const err = await apiError(p);
      expect([err.status, err.errorCode]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    }
  });

  it('runs a condition-only job to completion with branch exclusion and outputs per task', async () => {
    const { job_id } = await t.client.jobs.create({
      name: 'conditions',
      tasks: [cond('check', '5', 'GREATER_THAN', '3'), cond('yes', 'a', 'EQUAL_TO', 'a', [{ task_key: 'check', outcome: 'true' }]), cond('no', 'a', 'EQUAL_TO', 'a', [{ task_key: 'check', outcome: 'false' }])],
    });
    const { run_id } = await t.client.jobs.runNow({ job_id });
    const run = await t.client.runs.get(run_id, { include_history: true });
    expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'SUCCESS' });
    expect(run.status).toMatchObject({ state: 'TERMINATED', termination_details: { code: 'SUCCESS', type: 'SUCCESS' } });
    const byKey = Object.fromEntries((run.tasks ?? []).map((x) => [x.task_key, x]));
    expect(byKey.check?.condition_task?.outcome).toBe('true');
    expect(byKey.yes?.state?.result_state).toBe('SUCCESS');
    expect(byKey.no?.state?.result_state).toBe('EXCLUDED');
    expect(run.run_page_url).toContain(`#job/${String(job_id)}/run/${String(run_id)}`);
    expect(run.repair_history?.[0]?.type).toBe('ORIGINAL');
    const out = await t.client.runs.getOutput(byKey.check?.run_id as Int64);
    expect(String(out.metadata?.run_id)).toBe(String(byKey.check?.run_id));
    const err = await apiError(t.client.runs.getOutput(run_id));
    expect(err.errorCode).toBe('INVALID_PARAMETER_VALUE');
    expect(err.apiMessage).toMatch(/multiple tasks is not supported/);
    const taskRun = await t.client.runs.get(byKey.yes?.run_id as Int64);
    expect(String(taskRun.job_run_id)).toBe(String(run_id));
  });

  it('leaves work PENDING without an executor and cancels it', async () => {
    const { job_id } = await t.client.jobs.create({ name: 'work', tasks: [notebook('a'), notebook('b', ['a']), { ...notebook('c', ['b']), run_if: 'ALL_DONE' }] });
    const { run_id } = await t.client.jobs.runNow({ job_id });
    let run = await t.client.runs.get(run_id);
    expect(run.state?.life_cycle_state).toBe('PENDING');
    expect(run.tasks?.map((x) => x.state?.life_cycle_state)).toEqual(['PENDING', 'BLOCKED', 'BLOCKED']);
    const active = [];
    for await (const r of t.client.runs.list({ job_id, active_only: true })) active.push(r.run_id);
    expect(active.map(String)).toEqual([String(run_id)]);
    await t.client.runs.cancel(run_id);
    run = await t.client.runs.get(run_id);
    expect(run.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'CANCELED', user_cancelled_or_timedout: true });
    expect(run.status?.termination_details?.code).toBe('USER_CANCELED');
    expect(run.tasks?.map((x) => x.state?.result_state)).toEqual(['CANCELED', 'UPSTREAM_CANCELED', 'UPSTREAM_CANCELED']);
    await t.client.runs.cancel(run_id); // canceling a terminal run is a no-op
  });

  it('deduplicates run-now by idempotency token and checks run-now limits', async () => {
    const { job_id } = await t.client.jobs.create({ name: 'idem', max_concurrent_runs: 5, tasks: [cond('c', '1', 'EQUAL_TO', '1')] });
    const a = await t.client.jobs.runNow({ job_id, idempotency_token: 'tok-1' });
    const b = await t.client.jobs.runNow({ job_id, idempotency_token: 'tok-1' });
    expect(String(b.run_id)).toBe(String(a.run_id));
    const c = await t.client.jobs.runNow({ job_id });
    expect(String(c.run_id)).not.toBe(String(a.run_id));
    expect((await apiError(t.client.jobs.runNow({ job_id, idempotency_token: 'x'.repeat(65) }))).errorCode).toBe('INVALID_PARAMETER_VALUE');
    expect((await apiError(t.client.jobs.runNow({ job_id, jar_params: ['a'], notebook_params: { a: 'b' } }))).errorCode).toBe('INVALID_PARAMETER_VALUE');
    await t.client.runs.delete(a.run_id);
    expect(isNotFound(await apiError(t.client.runs.get(a.run_id)))).toBe(true);
    expect((await apiError(t.client.jobs.runNow({ job_id, idempotency_token: 'tok-1' }))).status).toBe(400);
  });

  it('merges job parameters with defaults and rejects unknown ones', async () => {
    const { job_id } = await t.client.jobs.create({ name: 'params', parameters: [{ name: 'env', default: 'dev' }, { name: 'day', default: 'today' }], tasks: [cond('c', '1', 'EQUAL_TO', '1')], max_concurrent_runs: 10 });
    const { run_id } = await t.client.jobs.runNow({ job_id, job_parameters: { env: 'prod' } });
    const run = await t.client.runs.get(run_id);
    expect(run.job_parameters).toEqual([{ name: 'env', default: 'dev', value: 'prod' }, { name: 'day', default: 'today', value: 'today' }]);
    expect(run.job_clusters).toBeUndefined();
    const err = await apiError(t.client.jobs.runNow({ job_id, job_parameters: { nope: 'x' } }));
    expect([err.status, err.errorCode]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
  });

  it('skips at max_concurrent_runs without a queue and queues with one', async () => {
    const { job_id } = await t.client.jobs.create({ name: 'limits', queue: { enabled: false }, tasks: [notebook('a')] });
    const first = await t.client.jobs.runNow({ job_id });
    const skipped = await t.client.runs.get((await t.client.jobs.runNow({ job_id })).run_id);
    expect(skipped.state).toMatchObject({ life_cycle_state: 'SKIPPED', result_state: 'MAXIMUM_CONCURRENT_RUNS_REACHED' });
    expect(skipped.status?.termination_details?.code).toBe('MAX_CONCURRENT_RUNS_EXCEEDED');
    const queued = await t.client.jobs.runNow({ job_id, queue: { enabled: true } });
    expect((await t.client.runs.get(queued.run_id)).state?.life_cycle_state).toBe('QUEUED');
    await t.client.runs.cancel(first.run_id);
    expect((await t.client.runs.get(queued.run_id)).state?.life_cycle_state).toBe('PENDING');
  });

  it('runs an `only` subset with its upstream', async () => {
    const { job_id } = await t.client.jobs.create({ name: 'only', tasks: [cond('a', '1', 'EQUAL_TO', '1'), cond('b', '1', 'EQUAL_TO', '1', [{ task_key: 'a' }]), cond('c', '1', 'EQUAL_TO', '1', [{ task_key: 'b' }])] });
    const run = await t.client.runs.get((await t.client.jobs.runNow({ job_id, only: ['+b'] })).run_id);
    expect(run.tasks?.map((x) => x.task_key)).toEqual(['a', 'b']);
    expect(run.state?.result_state).toBe('SUCCESS');
    expect((await apiError(t.client.jobs.runNow({ job_id, only: ['zz'] }))).errorCode).toBe('INVALID_PARAMETER_VALUE');
  });

  it('fails a run on a bad condition and repairs it with the current settings', async () => {
    const { job_id } = await t.client.jobs.create({ name: 'repair', tasks: [cond('a', 'x', 'GREATER_THAN', '1'), cond('b', '1', 'EQUAL_TO', '1', [{ task_key: 'a' }])] });
    const { run_id } = await t.client.jobs.runNow({ job_id });
    let run = await t.client.runs.get(run_id);
    expect(run.state).toMatchObject({ life_cycle_state: 'INTERNAL_ERROR', result_state: 'FAILED' });
    expect(run.tasks?.map((x) => x.state?.result_state)).toEqual(['FAILED', 'UPSTREAM_FAILED']);
    await t.client.jobs.reset({ job_id, new_settings: { name: 'repair', tasks: [cond('a', '2', 'GREATER_THAN', '1'), cond('b', '1', 'EQUAL_TO', '1', [{ task_key: 'a' }])] } });
    const { repair_id } = await t.client.runs.repair({ run_id, rerun_all_failed_tasks: true });
    run = await t.client.runs.get(run_id, { include_history: true });
    expect(run.state?.result_state).toBe('SUCCESS');
    expect(run.repair_history?.map((h) => h.type)).toEqual(['ORIGINAL', 'REPAIR']);
    expect(String(run.repair_history?.[1]?.id)).toBe(String(repair_id));
    const err = await apiError(t.client.runs.repair({ run_id, rerun_tasks: ['a'] }));
    expect(err.apiMessage).toBe('The latest repair ID needs to be provided in order to create a new repair');
    await t.client.runs.repair({ run_id, rerun_tasks: ['a'], latest_repair_id: repair_id });
  });

  it('refuses to delete an active run', async () => {
    const { job_id } = await t.client.jobs.create({ name: 'active', tasks: [notebook('a')] });
    const { run_id } = await t.client.jobs.runNow({ job_id });
    expect((await apiError(t.client.runs.delete(run_id))).status).toBe(400);
    await t.client.runs.cancelAll({ job_id });
    await t.client.runs.delete(run_id);
  });

  it('keeps exactly one owner in job permissions', async () => {
    const { job_id } = await t.client.jobs.create({ name: 'perms', access_control_list: [{ group_name: 'users', permission_level: 'CAN_VIEW' }] });
    const got = await t.client.permissions.get(job_id);
    expect(got.object_id).toBe(`/jobs/${String(job_id)}`);
    expect(got.access_control_list?.map((e) => [e.user_name ?? e.group_name, e.all_permissions?.[0]?.permission_level])).toEqual([
      ['local-user@jobs.local', 'IS_OWNER'], ['users', 'CAN_VIEW'], ['admins', 'CAN_MANAGE'],
    ]);
    for (const acl of [[], [{ user_name: 'a@x', permission_level: 'IS_OWNER' as const }, { user_name: 'b@x', permission_level: 'IS_OWNER' as const }]]) {
      const err = await apiError(t.client.permissions.set(job_id, acl));
      expect([err.errorCode, err.apiMessage]).toEqual(['INVALID_PARAMETER_VALUE', 'The job must have exactly one owner.']);
    }
    const set = await t.client.permissions.set(job_id, [{ service_principal_name: 'sp-1', permission_level: 'IS_OWNER' }, { user_name: 'local-user@jobs.local', permission_level: 'CAN_MANAGE' }]);
    expect(set.access_control_list).toHaveLength(3);
  });

  it('imports, lists, exports and deletes workspace objects like a workspace', async () => {
    const root = '/Workspace/Users/local-user@jobs.local/.bundle/x';
    await t.client.workspace.mkdirs(`${root}/files`);
    await t.client.workspace.mkdirs(`${root}/files`); // existing directory: fine
    await t.client.workspace.import({ path: `${root}/files/nb.py`, content: '# Databricks notebook source\nprint(1)\n', format: 'AUTO' });
    const nb = await t.client.workspace.getStatus(`${root}/files/nb`);
    expect(nb).toMatchObject({ object_type: 'NOTEBOOK', language: 'PYTHON', path: `${root}/files/nb` });
    const short = await t.client.workspace.getStatus('/Users/local-user@jobs.local/.bundle/x//files/nb');
    expect(short.path).toBe('/Users/local-user@jobs.local/.bundle/x/files/nb');
    expect(String(short.object_id)).toBe(String(nb.object_id));
    expect(isAlreadyExists(await apiError(t.client.workspace.import({ path: `${root}/files/nb`, content: 'x', format: 'SOURCE', language: 'PYTHON' })))).toBe(true);
    const parent = await apiError(t.client.workspace.import({ path: `${root}/nope/f.txt`, content: 'x', format: 'RAW' }));
    expect([parent.status, parent.apiMessage]).toEqual([404, `The parent folder (${root}/nope) does not exist.`]);

    const state = `${root.slice(1)}/state/deploy.lock`; // import-file paths may lack the leading slash
    expect((await apiError(t.client.workspace.importFile(state, '{}'))).status).toBe(404);
    await t.client.workspace.mkdirs(`${root}/state`);
    await t.client.workspace.importFile(state, '{"ID":"1"}');
    const conflict = await apiError(t.client.workspace.importFile(`/${state}`, '{"ID":"2"}'));
    expect([conflict.status, conflict.errorCode]).toEqual([409, 'RESOURCE_ALREADY_EXISTS']);
    expect((await t.client.workspace.download(`/${state}`)).toString()).toBe('{"ID":"1"}');
    await t.client.workspace.importFile(state, '{"ID":"3"}', { overwrite: true });
    expect((await t.client.workspace.export(`/${state}`)).content).toBe(Buffer.from('{"ID":"3"}').toString('base64'));
    expect((await t.client.workspace.getStatus(`/${state}`)).size).toBe(10);

    const listed = await t.client.workspace.list(root);
    expect(listed.map((o) => [o.path, o.object_type])).toEqual([[`${root}/files`, 'DIRECTORY'], [`${root}/state`, 'DIRECTORY']]);
    const notEmpty = await apiError(t.client.workspace.delete(root));
    expect(notEmpty.errorCode).toBe('DIRECTORY_NOT_EMPTY');
    await t.client.workspace.delete(root, { recursive: true });
    const gone = await apiError(t.client.workspace.getStatus(root));
    expect([gone.status, gone.apiMessage]).toEqual([404, `Path (${root}) doesn't exist.`]);
  });

  it('accepts a multipart workspace/import (the Go SDK Upload shape)', async () => {
    if (mode !== 'http') return;
    const form = new FormData();
    form.set('path', '/Shared/multi.sql');
    form.set('format', 'AUTO');
    form.set('overwrite', 'true');
    form.set('content', new Blob(['-- Databricks notebook source\nSELECT 1']), 'multi.sql');
    const res = await fetch(`${t.ws.url}/api/2.0/workspace/import`, { method: 'POST', headers: { authorization: `Bearer ${t.ws.token}` }, body: form });
    expect(res.status).toBe(200);
    expect(await t.client.workspace.getStatus('/Shared/multi')).toMatchObject({ object_type: 'NOTEBOOK', language: 'SQL' });
  });

  it('serialises concurrent mutations: unique ids, nothing lost', async () => {
    const created = await Promise.all(Array.from({ length: 40 }, (_, i) => t.client.jobs.create({ name: 'concurrent', description: String(i), max_concurrent_runs: 100, tasks: [cond('c', '1', 'EQUAL_TO', '1')] })));
    expect(new Set(created.map((c) => String(c.job_id))).size).toBe(40);
    const listed = [];
    for await (const j of t.client.jobs.list({ name: 'concurrent', limit: 7 })) listed.push(j.settings?.description);
    expect(listed.sort()).toEqual(Array.from({ length: 40 }, (_, i) => String(i)).sort());
    const job_id = created[0]?.job_id as Int64;
    const runs = await Promise.all(Array.from({ length: 30 }, () => t.client.jobs.runNow({ job_id })));
    expect(new Set(runs.map((r) => String(r.run_id))).size).toBe(30);
    const states = await Promise.all(runs.map((r) => t.client.runs.get(r.run_id)));
    expect(states.every((r) => r.state?.result_state === 'SUCCESS')).toBe(true);
  });

  it('rejects a run of a job without tasks and a git_source without provider', async () => {
    const { job_id } = await t.client.jobs.create({ name: 'empty' });
    expect((await apiError(t.client.jobs.runNow({ job_id }))).errorCode).toBe('INVALID_PARAMETER_VALUE');
    const git = await apiError(t.client.jobs.create({ name: 'g', git_source: { git_url: 'https://github.com/x/y', git_branch: 'main' } }));
    expect(git.apiMessage).toBe('git_source.git_provider must be one of: github,gitlab,bitbucketcloud,gitlabenterpriseedition,bitbucketserver,azuredevopsservices,githubenterprise,awscodecommit');
  });

  it('deletes a job, then reports it not found', async () => {
    const { job_id } = await t.client.jobs.create({ name: 'doomed' });
    await t.client.jobs.delete(job_id);
    expect(isNotFound(await apiError(t.client.jobs.get(job_id)))).toBe(true);
  });
});
