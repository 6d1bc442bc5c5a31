// Schema validation benchmark: a ~2 MB bundle (1,000 jobs × 3 tasks) parsed with positions,
// then validated (a) with ajv against the official bundle schema — the floor — and (b) with
// validateBundleSchema. Both in the same process, alternating, best of N; compile counted once.
// Usage: node bench/schema.mjs [jobs=1000] [rounds=5]
import { Ajv } from 'ajv';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const jobs = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 5);
const OFFICIAL = new URL('../../shared/corpus/schema/databricks-bundle.schema.json', import.meta.url);

// Bundled next to this file (bench/out/ is git-ignored) so that bare imports resolve from node_modules.
const libFile = new URL('out/schema-lib.mjs', import.meta.url);
await build({ entryPoints: [new URL('schema-entry.ts', import.meta.url).pathname], outfile: libFile.pathname, bundle: true, format: 'esm', platform: 'node', packages: 'external', logLevel: 'warning' });
const lib = await import(libFile.href);

function bundleText(n) {
  const lines = ['bundle:', '  name: big', 'resources:', '  jobs:'];
  for (let i = 0; i < n; i++) {
    lines.push(
      `    job_${i}:`,
      `      name: "Job number ${i} of the big bundle"`,
      `      description: "Loads partition ${i} of the warehouse and refreshes the downstream marts used by finance, marketing and operations."`,
      `      tags: {team: data-eng, cost_center: "cc-${i % 17}", tier: gold}`,
      `      max_concurrent_runs: 1`,
      `      timeout_seconds: 7200`,
      `      schedule: {quartz_cron_expression: "0 ${i % 60} 6 * * ?", timezone_id: Europe/Amsterdam, pause_status: UNPAUSED}`,
      `      email_notifications: {on_failure: [oncall-${i % 5}@example.com]}`,
      `      parameters:`,
      `        - {name: run_date, default: "{{job.start_time.iso_date}}"}`,
      `        - {name: env, default: prod}`,
      `      job_clusters:`,
      `        - job_cluster_key: main`,
      `          new_cluster:`,
      `            spark_version: 15.4.x-scala2.12`,
      `            node_type_id: i3.xlarge`,
      `            autoscale: {min_workers: 1, max_workers: ${2 + (i % 8)}}`,
      `            spark_conf: {spark.sql.shuffle.partitions: "200", spark.databricks.delta.optimizeWrite.enabled: "true"}`,
      `            aws_attributes: {availability: SPOT_WITH_FALLBACK, first_on_demand: 1}`,
      `      tasks:`,
      `        - task_key: extract`,
      `          job_cluster_key: main`,
      `          notebook_task: {notebook_path: ../src/extract.py, base_parameters: {source: s${i}}}`,
      `          max_retries: 2`,
      `        - task_key: transform`,
      `          depends_on: [{task_key: extract}]`,
      `          job_cluster_key: main`,
      `          spark_python_task: {python_file: ../src/transform.py, parameters: ["--date", "{{job.parameters.run_date}}"]}`,
      `          libraries: [{pypi: {package: "pandas==2.2.2"}}]`,
      `          health: {rules: [{metric: RUN_DURATION_SECONDS, op: GREATER_THAN, value: 3600}]}`,
      `          email_notifications: {on_failure: [oncall@example.com], on_duration_warning_threshold_exceeded: [lead@example.com]}`,
      `        - task_key: publish`,
      `          depends_on: [{task_key: transform}]`,
      `          run_if: ALL_SUCCESS`,
      `          sql_task: {warehouse_id: abc123, file: {path: ../sql/publish.sql}}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const ms = (t0) => performance.now() - t0;
const best = (xs) => Math.min(...xs);
const text = bundleText(jobs);

const parse = [];
let config;
for (let r = 0; r < rounds; r++) {
  const t0 = performance.now();
  config = lib.parseYamlText('/bench/databricks.yml', text).value;
  parse.push(ms(t0));
}

let t0 = performance.now();
const official = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(OFFICIAL, 'utf8')));
const officialCompile = ms(t0);
t0 = performance.now();
lib.validatorFor();
const oursCompile = ms(t0);

const officialRuns = [];
const oursRuns = [];
let findings = 0;
for (let r = 0; r < rounds; r++) {
  t0 = performance.now();
  official(config);
  officialRuns.push(ms(t0));
  t0 = performance.now();
  findings = lib.validateBundleSchema(config).length;
  oursRuns.push(ms(t0));
}

const floor = best(parse) + officialCompile + best(officialRuns);
const total = best(parse) + oursCompile + best(oursRuns);
const f = (x) => `${x.toFixed(0)} ms`;
console.log(`bundle: ${(text.length / 1024 / 1024).toFixed(2)} MB, ${jobs} jobs; ${findings} findings (expected 0)`);
console.log(`parse with positions      ${f(best(parse))}`);
console.log(`official: compile ${f(officialCompile)}, validate ${f(best(officialRuns))}`);
console.log(`ours:     compile ${f(oursCompile)}, validate ${f(best(oursRuns))} (incl. diagnostics)`);
console.log(`floor ${f(floor)}, ours ${f(total)}: ratio ${(total / floor).toFixed(2)} (limit 1.50)`);
