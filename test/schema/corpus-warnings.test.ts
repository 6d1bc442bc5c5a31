/**
 * Whole bundle files from the conformance corpus, validated with validateBundleSchema, give
 * exactly the schema warnings the reference CLI printed: same codes, lines, columns, paths and
 * summaries. These cases have a single databricks.yml whose targets do not matter here.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/diag/diagnostic.js';
import { parseYamlText } from '../../src/source/parse-yaml.js';
import { validateBundleSchema } from '../../src/schema/index.js';
import { caseFiles, corpusCases } from '../helpers/corpus.js';

const CASES = [
  'databricks-cli__validate-required',
  'databricks-cli__validate-enum',
  'databricks-cli__validate-anchor_containers',
  'databricks-cli__validate-presets_name_prefix_dev-nil_prefix',
  'databricks-cli__resources-jobs-task-source',
];

interface Expected {
  severity: string;
  summary: string;
  path?: string;
  file?: string;
  line?: number;
  column?: number;
}

function codeOf(summary: string): string {
  if (summary.startsWith('unknown field')) return 'schema/unknown-field';
  if (summary.startsWith('required field')) return 'schema/required';
  if (summary.startsWith('invalid value')) return 'schema/enum';
  return 'schema/type';
}

const row = (d: { code: string; severity: string; summary: string; path?: string; file?: string; line?: number; column?: number }) =>
  `${d.severity} ${d.code} ${d.file}:${d.line}:${d.column} ${d.path ?? '-'} ${d.summary}`;

describe('corpus bundles validated as a whole', () => {
  const cases = corpusCases().filter((c) => CASES.includes(c.name));

  it('finds the cases', () => {
    expect(cases.map((c) => c.name).sort()).toEqual([...CASES].sort());
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const path = join(c.root, 'databricks.yml');
    const parsed = parseYamlText(path, readFileSync(path, 'utf8'));
    expect(parsed.diagnostics).toEqual([]);
    const actual = validateBundleSchema(parsed.value as Record<string, unknown>).map((d) =>
      row({
        code: d.code,
        severity: d.severity,
        summary: d.summary,
        path: d.path ? formatPath(d.path) : undefined,
        file: d.span ? relative(c.root, d.span.file) : undefined,
        line: d.span?.start.line,
        column: d.span?.start.column,
      }),
    );
    const expected = (c.meta.expected_diagnostics as Expected[]).map((e) => row({ ...e, code: codeOf(e.summary) }));
    expect(actual.sort()).toEqual(expected.sort());
  });
});

describe('every corpus file validated on its own', () => {
  it('gets no schema warning the reference CLI did not print for that case', () => {
    const unexpected: string[] = [];
    let files = 0;
    for (const c of corpusCases()) {
      const runs = (c.meta.runs as { expected_diagnostics?: Expected[] }[] | undefined) ?? [];
      const printed = new Set([c.meta.expected_diagnostics as Expected[], ...runs.map((r) => r.expected_diagnostics ?? [])].flat().map((e) => e.summary));
      for (const f of caseFiles(c)) {
        if (f.parsed.value === null || typeof f.parsed.value !== 'object') continue;
        files++;
        for (const d of validateBundleSchema(f.parsed.value as Record<string, unknown>)) {
          if (!printed.has(d.summary)) unexpected.push(`${c.name}/${f.rel}:${d.span?.start.line}:${d.span?.start.column} ${d.summary}`);
        }
      }
    }
    expect(files).toBeGreaterThan(70);
    expect(unexpected).toEqual([]);
  });
});
