/**
 * Runs validation checks over YAML written in a test, and prints findings as `code@line:col`
 * (plus `!` for warnings), so tables of cases read like the golden files.
 */
import { parseYamlText } from '../../src/source/parse-yaml.js';
import { jobViews, type BundleCheck, type CheckInput } from '../../src/validate/check.js';
import type { Diagnostic } from '../../src/diag/diagnostic.js';

/** A bundle configuration parsed from YAML, as the checks receive it. */
export function checkInputFromYaml(yaml: string, path = '/b/databricks.yml'): CheckInput {
  const parsed = parseYamlText(path, yaml);
  if (parsed.diagnostics.length > 0) throw new Error(`test YAML does not parse: ${parsed.diagnostics[0]!.summary}`);
  const config = (parsed.value ?? {}) as Record<string, unknown>;
  return { config, jobs: jobViews(config) };
}

/** A raw Jobs API job file (the job is the root), as `jobs validate job.json` would check it. */
export function checkInputFromJobFile(text: string, path = '/b/job.json'): CheckInput {
  const parsed = parseYamlText(path, text);
  if (parsed.diagnostics.length > 0) throw new Error(`test job does not parse: ${parsed.diagnostics[0]!.summary}`);
  const config = (parsed.value ?? {}) as Record<string, unknown>;
  return { config, jobs: [{ key: 'job', path: [], settings: config }] };
}

/** `code@line:col`, with a trailing `!` for warnings. */
export function formatFinding(d: Diagnostic): string {
  const at = d.span ? `@${d.span.start.line}:${d.span.start.column}` : '@-';
  return `${d.code}${at}${d.severity === 'warning' ? '!' : ''}`;
}

/** Runs checks over a YAML bundle and returns the findings in source order. */
export function runChecks(checks: BundleCheck | readonly BundleCheck[], yaml: string): string[] {
  const input = checkInputFromYaml(yaml);
  const list = Array.isArray(checks) ? checks : [checks as BundleCheck];
  return sortFindings(list.flatMap((c) => c(input)));
}

export function sortFindings(diags: Diagnostic[]): string[] {
  return [...diags]
    .sort((a, b) => (a.span?.start.offset ?? -1) - (b.span?.start.offset ?? -1) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map(formatFinding);
}

/** Indents a job body under `resources.jobs.<key>` so test cases can be written flush left. */
export function bundleWithJob(body: string, key = 'etl'): string {
  const indented = body
    .replace(/^\n/, '')
    .split('\n')
    .map((l) => (l === '' ? l : `      ${l}`))
    .join('\n');
  return `resources:\n  jobs:\n    ${key}:\n${indented}\n`;
}
