/**
 * Conformance: every recorded invocation of the corpus that validates a bundle gives the same
 * verdict here. Valid and warnings-only cases exit 0 with no error; invalid cases exit non-zero
 * with an error at each located expected error, and every located warning is reported too. `bundle plan`/`bundle deploy` validate first,
 * so when they succeed upstream our validate must pass too; their deploy-time failures are
 * covered by the deploy tests, and `bundle run` invocations by the run tests.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { bundleCases, validateArgs, type BundleCase, type CorpusRun } from '../helpers/corpus.js';

interface JsonReport {
  valid: boolean;
  diagnostics: { severity: string; code: string; summary: string; location?: { file: string; line: number; column: number } }[];
}

/**
 * Where we report, in validate, an error the reference CLI finds only at plan or deploy time
 * (or that the Jobs API would reject). Keyed by case and command; the value lists the codes we
 * must report, and nothing else may be an error.
 */
const EARLIER_THAN_REFERENCE: Record<string, string[]> = {
  // ${resources.jobs.bar.id} <-> ${resources.jobs.foo.id}: the reference fails at plan.
  'databricks-cli__resource_deps-loop_jobs|bundle validate': ['interp/resource-cycle'],
  'databricks-cli__resource_deps-loop_jobs|bundle plan': ['interp/resource-cycle'],
  // A reference to a map key the job does not have (the reference fails at deploy), and a task
  // with compute but no task type, which jobs/create rejects.
  'databricks-cli__resource_deps-missing_map_key|bundle validate -o json': ['interp/unknown-reference', 'task/no-type'],
  'databricks-cli__resource_deps-missing_map_key|bundle deploy': ['interp/unknown-reference', 'task/no-type'],
  // Compute on a for-each parent: the Jobs API takes compute only on the nested task.
  'databricks-cli__paths-nominal|bundle validate -t development -o json': ['compute/not-allowed'],
  // A task with only a key and a description: no task type, which jobs/create rejects.
  'databricks-cli__includes-yml_outside_root|bundle validate': ['task/no-type'],
  'databricks-cli__includes-yml_outside_root|bundle validate -o json': ['task/no-type'],
};

type Kind = 'validate' | 'deploy' | 'run';

function kindOf(run: CorpusRun): Kind {
  if (/^bundle (plan|deploy)\b/.test(run.command)) return 'deploy';
  if (/^bundle run\b/.test(run.command)) return 'run';
  return 'validate';
}

function invocations(c: BundleCase): [string, CorpusRun][] {
  const runs = c.runs?.length ? c.runs : [c];
  return runs
    .filter((r) => kindOf(r) !== 'run')
    .filter((r) => kindOf(r) === 'validate' || r.expect !== 'invalid' || EARLIER_THAN_REFERENCE[`${c.name}|${r.command}`])
    .map((r, i) => [`#${i} ${r.command}${r.target ? ` (-t ${r.target})` : ''}`, r]);
}

const cases = bundleCases().filter((c) => invocations(c).length > 0);

describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  it.each(invocations(c))('%s', async (_label, run) => {
    const res = await runCli(validateArgs(run), { cwd: c.root, env: { ...run.env } });
    const report = JSON.parse(res.stdout) as JsonReport;
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    const earlier = EARLIER_THAN_REFERENCE[`${c.name}|${run.command}`];
    if (earlier) {
      expect([...new Set(errors.map((d) => d.code))].sort()).toEqual(earlier);
      expect(res.code).toBe(1);
    } else if (run.expect === 'invalid') {
      expect(res.code, res.stderr).toBe(1);
      expect(errors.length).toBeGreaterThan(0);
      for (const e of run.expected_diagnostics.filter((d) => d.severity === 'error' && d.file && d.line)) {
        const at = errors.map((d) => d.location && `${d.location.file}:${d.location.line}`);
        expect(at, `expected an error at ${e.file}:${e.line} (${e.summary})`).toContain(`${e.file}:${e.line}`);
      }
    } else {
      expect(errors.map((d) => `${d.code} ${d.summary}`)).toEqual([]);
      expect(res.code).toBe(0);
    }
    // Every located warning the reference reported, we report at the same place.
    const located = report.diagnostics.map((d) => d.location && `${d.severity}@${d.location.file}:${d.location.line}:${d.location.column}`);
    for (const w of run.expected_diagnostics.filter((d) => d.severity !== 'error' && d.file && d.line)) {
      const severity = w.severity === 'recommendation' ? ['info', 'warning'] : ['warning'];
      expect(severity.some((s) => located.includes(`${s}@${w.file}:${w.line}:${w.column}`)), `expected a ${w.severity} at ${w.file}:${w.line}:${w.column} (${w.summary})`).toBe(true);
    }
  });
});
