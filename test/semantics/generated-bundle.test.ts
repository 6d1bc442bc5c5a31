/**
 * Scale: the semantic checks over generated bundles at the Jobs API limits (a 1,000-task job,
 * a 1,000-job bundle, a 1,000-deep chain where every task reads the first one). The checks
 * must stay linear in tasks + edges; this measures and reports the time (as test annotations,
 * see `vitest --reporter=verbose`; checks are timed best of three after a first run), and asserts
 * only what the checks find.
 */
import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../../src/source/parse-yaml.js';
import { jobViews } from '../../src/validate/check.js';
import { runSemanticChecks } from '../../src/validate/checks/index.js';

/** Deterministic pseudo-random numbers (LCG), so the generated shape never changes. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** A layered job: `layers` × `width` tasks, each depending on 1–3 tasks of the layer above and
 *  reading a value of a grandparent (an ancestor but not a direct dependency). */
function layeredJob(layers: number, width: number, seed = 1): string {
  const next = rng(seed);
  const key = (l: number, i: number) => `t_${l}_${i}`;
  const parents: number[][][] = [];
  let out = `      parameters:\n        - {name: run_date, default: "{{job.start_time.iso_date}}"}\n`;
  out += `      job_clusters:\n        - job_cluster_key: main\n          new_cluster: {spark_version: 15.4.x-scala2.12, num_workers: 2}\n      tasks:\n`;
  for (let l = 0; l < layers; l++) {
    parents[l] = [];
    for (let i = 0; i < width; i++) {
      const deps = l === 0 ? [] : [...new Set(Array.from({ length: 1 + Math.floor(next() * 3) }, () => Math.floor(next() * width)))];
      parents[l]![i] = deps;
      out += `        - task_key: ${key(l, i)}\n          job_cluster_key: main\n`;
      if (deps.length > 0) out += `          depends_on: [${deps.map((d) => `{task_key: ${key(l - 1, d)}}`).join(', ')}]\n`;
      const grand = l >= 2 ? key(l - 2, parents[l - 1]![deps[0]!]![0]!) : undefined;
      const value = grand ? `"{{tasks.${grand}.values.rows}}"` : '"{{job.parameters.run_date}}"';
      out += `          notebook_task: {notebook_path: /etl/${key(l, i)}, base_parameters: {v: ${value}, d: "{{job.parameters.run_date}}"}}\n`;
    }
  }
  return out;
}

function chainJob(n: number): string {
  let out = '      tasks:\n';
  for (let i = 0; i < n; i++) {
    out += `        - task_key: c${i}\n`;
    if (i > 0) out += `          depends_on: [{task_key: c${i - 1}}]\n`;
    out += `          notebook_task: {notebook_path: /c, base_parameters: {first: "${i > 1 ? '{{tasks.c0.values.x}}' : 'x'}"}}\n`;
  }
  return out;
}

function bundle(jobs: Record<string, string>): string {
  return `bundle:\n  name: generated\nresources:\n  jobs:\n${Object.entries(jobs).map(([k, body]) => `    ${k}:\n${body}`).join('')}`;
}

/** 1,000 jobs of 5 tasks; each job's last task runs the next job (a chain, no loop). */
function manyJobs(n: number): string {
  const jobs: Record<string, string> = {};
  for (let j = 0; j < n; j++) {
    let body = layeredJob(2, 2, j + 1);
    body += `        - task_key: run_next\n          depends_on: [{task_key: t_1_0}]\n`;
    body += j + 1 < n ? `          run_job_task: {job_id: "\${resources.jobs.job_${j + 1}.id}"}\n` : `          run_job_task: {job_id: 42}\n`;
    jobs[`job_${j}`] = body;
  }
  return bundle(jobs);
}

function measure(yaml: string) {
  const t0 = performance.now();
  const parsed = parseYamlText('/gen/databricks.yml', yaml);
  const t1 = performance.now();
  const config = parsed.value as Record<string, unknown>;
  const input = { config, jobs: jobViews(config) };
  const diagnostics = runSemanticChecks(input);
  const firstMs = performance.now() - t1;
  // Best of three more runs: the machine is shared, and the first run pays for JIT warm-up.
  let checkMs = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    runSemanticChecks(input);
    checkMs = Math.min(checkMs, performance.now() - t);
  }
  return { parseMs: t1 - t0, firstMs, checkMs, diagnostics, parseErrors: parsed.diagnostics };
}

describe('semantic checks at scale', () => {
  it.for([
    ['a 1,000-task layered job (20 × 50)', () => bundle({ big: layeredJob(20, 50) }), 1000],
    ['a 250-task layered job (5 × 50), for the ratio', () => bundle({ big: layeredJob(5, 50) }), 250],
    ['a 1,000-deep chain where every task reads the first', () => bundle({ chain: chainJob(1000) }), 1000],
    ['a 1,000-job bundle chained by run_job_task', () => manyJobs(1000), 5000],
  ] as const)('%s validates clean', ([, make, tasks], { annotate }) => {
    const r = measure(make());
    expect(r.parseErrors).toEqual([]);
    expect(r.diagnostics.map((d) => `${d.code} ${d.summary}`)).toEqual([]);
    void annotate(`${tasks} tasks: parse ${r.parseMs.toFixed(0)} ms, checks ${r.checkMs.toFixed(0)} ms (first run ${r.firstMs.toFixed(0)} ms)`);
  });

  it('still reports every error, each once, in a broken 1,000-task job', ({ annotate }) => {
    const yaml = bundle({ big: layeredJob(20, 50).replaceAll('d: "{{job.parameters.run_date}}"', 'd: "{{job.parameters.run_dat}}"').replace('{task_key: t_0_0}', '{task_key: t_0_00}') });
    const r = measure(yaml);
    const count = (code: string) => r.diagnostics.filter((d) => d.code === code).length;
    // The broken dependency also cuts t_0_0 off from two grandchildren that read its value.
    const counts = ['ref/unknown-job-parameter', 'dag/unknown-dependency', 'ref/not-upstream'].map(count);
    expect([...counts, r.diagnostics.length]).toEqual([1000, 1, 2, 1003]);
    void annotate(`1,000 tasks with 1,003 errors: checks ${r.checkMs.toFixed(0)} ms`);
  });
});
