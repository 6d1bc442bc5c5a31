import { describe, expect, it } from 'vitest';
import { loadBundle, type LoadOptions } from './load-bundle.js';
import { fakeIo } from '../../test/helpers/run-cli.js';
import { writeTree, yaml } from '../../test/helpers/temp-tree.js';
import type { Dict } from './merge.js';

async function load(files: Record<string, string>, opts: LoadOptions = {}, env: Record<string, string> = {}) {
  const dir = writeTree(files);
  const { bundle, diagnostics } = await loadBundle(fakeIo({ cwd: dir, env }), opts);
  const at = (d: (typeof diagnostics)[number]) => `${d.code}@${d.span ? `${d.span.file.slice(dir.length + 1)}:${d.span.start.line}:${d.span.start.column}` : '-'}`;
  return { config: (bundle?.config ?? {}) as Dict, codes: diagnostics.filter((d) => d.severity !== 'info').map(at), all: diagnostics.map(at), dir };
}

const job = (c: Dict, key = 'etl') => ((c.resources as Dict).jobs as Dict)[key] as Dict;

describe('root discovery and includes', () => {
  it('walks up from a sub-directory and reports a missing root', async () => {
    const dir = writeTree({ 'databricks.yml': 'bundle: {name: b}\n', 'src/deep/x.txt': '' });
    const r = await loadBundle(fakeIo({ cwd: `${dir}/src/deep` }));
    expect(r.bundle?.root).toBe(dir);
    const none = await loadBundle(fakeIo({ cwd: writeTree({ 'x.txt': '' }) }));
    expect(none.diagnostics.map((d) => d.code)).toEqual(['bundle/root-not-found']);
  });

  it('says when -C names no directory, instead of walking up from it', async () => {
    const dir = writeTree({ 'databricks.yml': 'bundle: {name: b}\n' });
    const r = await loadBundle(fakeIo({ cwd: dir }), { bundleDir: 'no-such-dir' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['bundle/root-not-found']);
    expect(r.diagnostics[0]!.summary).toContain('is not a directory');
    expect((await loadBundle(fakeIo({ cwd: dir }), { bundleDir: '.' })).bundle?.root).toBe(dir);
  });

  it('refuses two root files in one directory', async () => {
    const { codes } = await load({ 'databricks.yml': 'bundle: {name: a}\n', 'bundle.yml': 'bundle: {name: b}\n' });
    expect(codes).toEqual(['bundle/multiple-roots@-']);
  });

  it('loads include globs in sorted order, each file once, and reports literal misses', async () => {
    const { config, codes } = await load({
      'databricks.yml': yaml`
        bundle: {name: b}
        include: [resources/*.yml, resources/a.yml, missing.yml, "*.txt"]
      `,
      'resources/b.yml': 'resources: {jobs: {b: {name: B}}}\n',
      'resources/a.yml': 'resources: {jobs: {a: {name: A}}}\n',
      'notes.txt': 'hello',
    });
    expect(Object.keys((config.resources as Dict).jobs as Dict)).toEqual(['a', 'b']);
    expect(codes).toEqual(['bundle/include-no-match@databricks.yml:2:45', 'bundle/include-not-yaml@databricks.yml:2:58']);
  });

  it('warns about include outside the root file and a resource defined in two files', async () => {
    const { codes } = await load({
      'databricks.yml': 'bundle: {name: b}\ninclude: [a.yml, b.yml]\n',
      'a.yml': 'include: [c.yml]\nresources: {jobs: {x: {name: one}}}\n',
      'b.yml': 'resources: {jobs: {x: {name: two}}}\n',
    });
    expect(codes).toEqual(['bundle/include-outside-root-file@a.yml:1:10', 'bundle/duplicate-resource@b.yml:1:20']);
  });

  it('reports hostile files without throwing', async () => {
    const { codes } = await load({ 'databricks.yml': 'bundle: {name: b}\ninclude: [bin.yml]\n', 'bin.yml': '\u0000\u0001binary' });
    expect(codes).toEqual(['yaml/binary@bin.yml:1:1']);
  });
});

describe('targets', () => {
  const files = {
    'databricks.yml': yaml`
      bundle: {name: b}
      variables:
        catalog: {default: dev_cat}
      resources:
        jobs:
          etl:
            name: etl
            tasks:
              - task_key: b
                notebook_task: {notebook_path: /x}
              - task_key: a
                notebook_task: {notebook_path: /y}
      targets:
        dev: {default: true}
        prod:
          mode: production
          workspace: {root_path: /Shared/b}
          variables: {catalog: prod_cat}
          run_as: {service_principal_name: sp}
          resources:
            jobs:
              etl:
                tasks:
                  - task_key: a
                    max_retries: 2
    `,
  };

  it('selects the default target and applies nothing else', async () => {
    const { config, codes } = await load(files);
    expect(codes).toEqual([]);
    expect((config.bundle as Dict).target).toBe('dev');
    expect((job(config).tasks as Dict[]).map((t) => t.task_key)).toEqual(['a', 'b']);
  });

  it('merges a target: tasks by key, variables, run_as, mode', async () => {
    const { config, codes } = await load(files, { target: 'prod' });
    expect(codes).toEqual([]);
    expect((config.bundle as Dict).mode).toBe('production');
    expect(((config.variables as Dict).catalog as Dict).value).toBe('prod_cat');
    expect(job(config).run_as).toEqual({ service_principal_name: 'sp' });
    expect(job(config).tasks).toEqual([
      { task_key: 'a', notebook_task: { notebook_path: '/y' }, max_retries: 2 },
      { task_key: 'b', notebook_task: { notebook_path: '/x' } },
    ]);
    expect((config.workspace as Dict).root_path).toBe('/Workspace/Shared/b');
  });

  it('takes the target from DATABRICKS_BUNDLE_TARGET and names unknown ones', async () => {
    expect((await load(files, {}, { DATABRICKS_BUNDLE_TARGET: 'prod' })).config.bundle).toMatchObject({ target: 'prod' });
    expect((await load(files, { target: 'stage' })).codes).toEqual(['target/not-found@-']);
  });

  it('reports an empty root file, or one of only comments, as a bundle without a name', async () => {
    expect((await load({ 'databricks.yml': '' })).codes).toEqual(['bundle/name-required@databricks.yml:1:1']);
    expect((await load({ 'databricks.yml': '# nothing yet\n' })).codes).toEqual(['bundle/name-required@databricks.yml:1:1']);
  });

  it('asks for a target when several exist and none is default', async () => {
    const { codes } = await load({ 'databricks.yml': 'bundle: {name: b}\ntargets: {a: {}, b: {}}\n' });
    expect(codes).toEqual(['target/ambiguous@-']);
  });

  it('reports two tasks with one key in the same file, and merges across layers', async () => {
    const { codes } = await load({
      'databricks.yml': yaml`
        bundle: {name: b}
        resources:
          jobs:
            etl:
              tasks:
                - task_key: a
                  notebook_task: {notebook_path: /x}
                - task_key: a
                  notebook_task: {notebook_path: /y}
      `,
    });
    expect(codes).toEqual(['dag/duplicate-task-key@databricks.yml:8:21']);
  });

  it('adds target permissions to the top-level ones (a list section concatenates)', async () => {
    const { config } = await load({
      'databricks.yml': yaml`
        bundle: {name: b}
        permissions: [{level: CAN_VIEW, group_name: all}]
        resources: {jobs: {etl: {name: e}}}
        targets:
          prod:
            default: true
            permissions: [{level: CAN_MANAGE, user_name: ops@x.com}]
      `,
    }, { user: { userName: 'me@x.com' } });
    expect(job(config).permissions).toEqual([
      { level: 'CAN_VIEW', group_name: 'all' },
      { level: 'CAN_MANAGE', user_name: 'ops@x.com' },
      { level: 'IS_OWNER', user_name: 'me@x.com' },
    ]);
  });
});

describe('variables and ${} references', () => {
  const files = {
    'databricks.yml': yaml`
      bundle: {name: b}
      variables:
        catalog: {default: dev}
        workers: {default: 2}
        cluster:
          type: complex
          default:
            num_workers: \${var.workers}
            spark_version: 15.4.x
      resources:
        jobs:
          etl:
            name: etl in \${var.catalog} (\${bundle.target})
            max_concurrent_runs: \${var.workers}
            job_clusters:
              - job_cluster_key: main
                new_cluster: \${var.cluster}
    `,
  };

  it('resolves pure references with their type and embedded ones as text', async () => {
    const { config, codes } = await load(files);
    expect(codes).toEqual([]);
    expect(job(config).name).toBe('etl in dev (default)');
    expect(job(config).max_concurrent_runs).toBe(2);
    expect((job(config).job_clusters as Dict[])[0]!.new_cluster).toEqual({ num_workers: 2, spark_version: '15.4.x' });
  });

  it('applies --var over BUNDLE_VAR_ over the default', async () => {
    expect(job((await load(files, {}, { BUNDLE_VAR_catalog: 'env' })).config).name).toBe('etl in env (default)');
    expect(job((await load(files, { vars: [{ name: 'catalog', value: 'flag' }] }, { BUNDLE_VAR_catalog: 'env' })).config).name).toBe('etl in flag (default)');
  });

  it('refuses complex values from flags and unknown --var names', async () => {
    const { codes } = await load(files, { vars: [{ name: 'cluster', value: 'x' }, { name: 'nope', value: '1' }] });
    expect(codes).toEqual(['var/not-declared@-', 'var/complex-from-flag@databricks.yml:5:3']);
  });

  it('points at an unknown reference inside the string, with a suggestion', async () => {
    const dir = writeTree({ 'databricks.yml': 'bundle: {name: b}\nvariables: {host: {default: h}}\nresources: {jobs: {etl: {name: "x ${var.hots}"}}}\n' });
    const { diagnostics } = await loadBundle(fakeIo({ cwd: dir }));
    const d = diagnostics.find((x) => x.code === 'interp/unknown-reference')!;
    expect(d.span!.start).toMatchObject({ line: 3, column: 35 });
    expect(d.detail).toContain('${var.host}');
  });

  it('reports a required variable without a value, and keeps lookups for deploy', async () => {
    const { all } = await load({ 'databricks.yml': 'bundle: {name: b}\nvariables:\n  need: {}\n  wh: {lookup: {warehouse: Shared}}\n' });
    expect(all).toEqual(['var/required@databricks.yml:3:3', 'var/lookup@databricks.yml:4:3']);
  });

  it('leaves deploy-time references alone offline and resolves them for a known user', async () => {
    const files2 = { 'databricks.yml': 'bundle: {name: b}\nresources: {jobs: {etl: {name: "${workspace.current_user.short_name}", description: "${resources.jobs.etl.id}"}}}\n' };
    const offline = await load(files2);
    expect(job(offline.config)).toMatchObject({ name: '${workspace.current_user.short_name}', description: '${resources.jobs.etl.id}' });
    const online = await load(files2, { user: { userName: 'Jane.Doe@x.com' } });
    expect(job(online.config).name).toBe('jane_doe');
    expect((online.config.workspace as Dict).root_path).toBe('/Workspace/Users/Jane.Doe@x.com/.bundle/b/default');
  });
});

describe('workspace paths', () => {
  it('simplifies /Workspace${workspace.file_path} with a warning', async () => {
    const { config, codes } = await load({
      'databricks.yml': 'bundle: {name: b}\nresources: {jobs: {etl: {tasks: [{task_key: a, notebook_task: {notebook_path: "/Workspace${workspace.file_path}/nb"}}]}}}\n',
    });
    expect(codes).toEqual(['interp/workspace-prefix@databricks.yml:2:79']);
    expect((job(config).tasks as Dict[])[0]!.notebook_task).toEqual({ notebook_path: '/Workspace/Users/${workspace.current_user.userName}/.bundle/b/default/files/nb' });
  });
});

describe('modes and presets', () => {
  it('development: prefix, tag, paused triggers, 4 concurrent runs', async () => {
    const { config, codes } = await load(
      { 'databricks.yml': 'bundle: {name: b, mode: development}\nresources: {jobs: {etl: {name: etl, schedule: {quartz_cron_expression: "0 0 2 * * ?", timezone_id: UTC}}}}\n' },
      { user: { userName: 'ada@x.com' } },
    );
    expect(codes).toEqual([]);
    expect(job(config)).toMatchObject({ name: '[dev ada] etl', tags: { dev: 'ada' }, max_concurrent_runs: 4, schedule: { pause_status: 'PAUSED' } });
  });

  it('development: refuses UNPAUSED and a prefix without the user', async () => {
    const { codes } = await load({ 'databricks.yml': 'bundle: {name: b, mode: development}\npresets: {name_prefix: team_, trigger_pause_status: UNPAUSED}\n' });
    expect(codes).toEqual(['mode/prefix-not-user-scoped@databricks.yml:2:24', 'mode/dev-unpaused@databricks.yml:2:53']);
  });

  it('production: asks for an explicit root_path in the target', async () => {
    const { codes } = await load({ 'databricks.yml': 'bundle: {name: b}\ntargets: {prod: {mode: production}}\n' });
    expect(codes).toEqual(['mode/prod-root-path@databricks.yml:1:9']);
  });
});

describe('local paths', () => {
  it('resolves paths relative to the declaring file and drops notebook extensions', async () => {
    const { config, codes } = await load({
      'databricks.yml': 'bundle: {name: b}\ninclude: [resources/*.yml]\n',
      'resources/job.yml': yaml`
        resources:
          jobs:
            etl:
              tasks:
                - task_key: nb
                  notebook_task: {notebook_path: ../src/nb.py}
                - task_key: py
                  spark_python_task: {python_file: ../src/main.py}
      `,
      'src/nb.py': '# Databricks notebook source\nprint(1)\n',
      'src/main.py': 'print(1)\n',
    });
    expect(codes).toEqual([]);
    const [nb, py] = job(config).tasks as Dict[];
    expect(nb!.notebook_task).toEqual({ notebook_path: '/Workspace/Users/${workspace.current_user.userName}/.bundle/b/default/files/src/nb' });
    expect(py!.spark_python_task).toEqual({ python_file: '/Workspace/Users/${workspace.current_user.userName}/.bundle/b/default/files/src/main.py' });
  });

  it('reports missing files, plain files used as notebooks, and paths outside the sync root', async () => {
    const { codes } = await load({
      'bundle/databricks.yml': yaml`
        bundle: {name: b}
        resources:
          jobs:
            etl:
              tasks:
                - {task_key: a, notebook_task: {notebook_path: ./missing.py}}
                - {task_key: b, notebook_task: {notebook_path: ./plain.py}}
                - {task_key: c, spark_python_task: {python_file: ../outside.py}}
                - {task_key: d, notebook_task: {notebook_path: ./nb}}
      `,
      'bundle/plain.py': 'print(1)\n',
      'bundle/nb.py': '# Databricks notebook source\n',
      'outside.py': 'print(1)\n',
    }, { bundleDir: 'bundle' }).then((r) => ({ codes: r.codes.map((c) => c.replace(/@bundle\//, '@')) }));
    expect(codes).toEqual([
      'path/not-found@databricks.yml:6:56',
      'path/not-a-notebook@databricks.yml:7:56',
      'path/outside-sync-root@databricks.yml:8:58',
      'path/notebook-extension@databricks.yml:9:56',
    ]);
  });
});
