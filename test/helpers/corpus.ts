/**
 * Access to the shared conformance corpus (`../shared/corpus` from the repository root):
 * bundle cases recorded from the Databricks CLI's own acceptance tests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS = resolve(REPO_ROOT, '../shared/corpus');
export const BUNDLE_CASES_DIR = join(CORPUS, 'bundles');

export interface ExpectedDiagnostic {
  severity: 'error' | 'warning' | 'recommendation';
  summary: string;
  path?: string;
  file?: string;
  line?: number;
  column?: number;
  detail?: string;
  locations?: { file: string; line: number; column: number }[];
}

export interface CorpusRun {
  command: string;
  target: string | null;
  vars?: Record<string, string>;
  env?: Record<string, string>;
  exit_code: number;
  expect: 'valid' | 'warnings' | 'invalid';
  expected_diagnostics: ExpectedDiagnostic[];
  json_checks?: { jq: string; expected: unknown }[];
  requires_workspace?: boolean;
}

export interface BundleCase extends CorpusRun {
  name: string;
  dir: string;
  root: string;
  topic: string;
  notes: string;
  runs?: CorpusRun[];
  requires?: string[];
  deploy_requests?: { method: string; path: string; body: unknown }[];
  [k: string]: unknown;
}

export function bundleCases(): BundleCase[] {
  if (!existsSync(BUNDLE_CASES_DIR)) throw new Error(`corpus not found at ${BUNDLE_CASES_DIR}`);
  return readdirSync(BUNDLE_CASES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = join(BUNDLE_CASES_DIR, d.name);
      const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as BundleCase & { bundle_root?: string };
      return { ...c, name: d.name, dir, root: c.bundle_root ? join(dir, c.bundle_root) : dir };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The CLI arguments of a recorded `databricks bundle …` command, as `jobs validate` flags. */
export function validateArgs(run: CorpusRun): string[] {
  const args = ['validate', '-o', 'json'];
  const tokens = run.command.split(/\s+/);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '--strict') args.push('--strict');
    if (t.startsWith('--var=')) args.push('--var', t.slice(6));
    else if (t === '--var') args.push('--var', tokens[++i]!);
  }
  if (run.target) args.push('-t', run.target);
  for (const [k, v] of Object.entries(run.vars ?? {})) {
    if (!args.includes(`${k}=${v}`) && !run.env?.[`BUNDLE_VAR_${k}`]) args.push('--var', `${k}=${v}`);
  }
  return args;
}
