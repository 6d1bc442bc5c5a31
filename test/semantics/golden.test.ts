/**
 * Golden cases for the job semantic checks: each `<family>/<case>/databricks.yml` (or a raw
 * Jobs API `job.json`, where the job is the root) is parsed with parseYamlText, its jobs are
 * run through SEMANTIC_CHECKS, and the findings are compared
 * with `expected.txt` beside it: one `severity code line:col path` per finding, in source order.
 * `npx vitest run test/semantics -u` rewrites the expected files; review the diff.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/diag/diagnostic.js';
import { runSemanticChecks } from '../../src/validate/checks/index.js';
import { checkInputFromJobFile, checkInputFromYaml } from '../helpers/run-check.js';

const ROOT = import.meta.dirname;

function cases(): string[] {
  const out: string[] = [];
  for (const family of readdirSync(ROOT, { withFileTypes: true })) {
    if (!family.isDirectory()) continue;
    for (const c of readdirSync(join(ROOT, family.name), { withFileTypes: true })) {
      if (c.isDirectory()) out.push(`${family.name}/${c.name}`);
    }
  }
  return out.sort();
}

describe('semantic golden cases', () => {
  it.each(cases())('%s', async (name) => {
    const raw = join(ROOT, name, 'job.json');
    const file = existsSync(raw) ? raw : join(ROOT, name, 'databricks.yml');
    const text = readFileSync(file, 'utf8');
    const input = file === raw ? checkInputFromJobFile(text, file) : checkInputFromYaml(text, file);
    const lines = runSemanticChecks(input)
      .sort((a, b) => (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0) || (a.code < b.code ? -1 : 1))
      .map((d) => `${d.severity} ${d.code} ${d.span?.start.line}:${d.span?.start.column} ${formatPath(d.path ?? [])}`);
    await expect(lines.join('\n') + '\n').toMatchFileSnapshot(join(ROOT, name, 'expected.txt'));
  });
});
