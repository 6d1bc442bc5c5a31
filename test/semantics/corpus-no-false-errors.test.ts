/**
 * No false errors on bundles the reference CLI accepts: every job of the corpus cases whose
 * `expect` is `valid` or `warnings` goes through SEMANTIC_CHECKS and must produce no error.
 *
 * Files are read the simple way (databricks.yml plus its `include` globs, `resources.jobs.*`
 * only, no target merge, no variable resolution), so jobs whose structure comes from
 * `${var.…}` are skipped. Errors that are real (the reference CLI only finds them at deploy or
 * run time) are listed in TRUE_POSITIVES with the reason, and must keep being found.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../src/diag/diagnostic.js';
import { parseYamlText } from '../../src/source/parse-yaml.js';
import { runSemanticChecks } from '../../src/validate/checks/index.js';
import type { JobView } from '../../src/validate/check.js';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus/bundles');

/** `case: code path` of errors that are correct, and why. */
const TRUE_POSITIVES: Record<string, string> = {
  // The for-each parent sets job_cluster_key; compute belongs on for_each_task.task, and the
  // Jobs API rejects compute on the parent (databricks/cli#1357 review: "If foreach task is
  // set, original task can't specify compute"). The case only runs `bundle validate` against
  // the CLI's fake workspace, which does not check this.
  'databricks-cli__paths-nominal: compute/not-allowed resources.jobs.my_job.tasks[6].job_cluster_key': 'compute on a for-each parent',
  // Tasks with only a key (and a description or a cluster): nothing to run. The fixtures test
  // includes and ${resources…} lookups with `bundle validate`; a deploy would need a task type.
  'databricks-cli__includes-yml_outside_root: task/no-type resources.jobs.my_job.tasks[0]': 'task without a type',
  'databricks-cli__resource_deps-missing_map_key: task/no-type resources.jobs.test.tasks[0]': 'task without a type',
};

interface Case {
  name: string;
  dir: string;
}

function corpusCases(): Case[] {
  let names: string[];
  try {
    names = readdirSync(CORPUS);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, dir: join(CORPUS, name) }))
    .filter((c) => {
      try {
        const meta = JSON.parse(readFileSync(join(c.dir, 'case.json'), 'utf8')) as { expect?: string };
        return meta.expect === 'valid' || meta.expect === 'warnings';
      } catch {
        return false;
      }
    });
}

/** The bundle root: the case folder, or the sub-folder holding databricks.yml (e.g. `root/`). */
function rootDir(dir: string): string {
  if (existsSync(join(dir, 'databricks.yml'))) return dir;
  const sub = readdirSync(dir).find((d) => existsSync(join(dir, d, 'databricks.yml')));
  return sub === undefined ? dir : join(dir, sub);
}

/** Files matched by the root's include entries: plain paths as written, globs below the root. */
function includedFiles(root: string, patterns: unknown): string[] {
  if (!Array.isArray(patterns)) return [];
  const out: string[] = [];
  for (const p of patterns) {
    if (typeof p !== 'string') continue;
    if (!p.includes('*')) {
      if (existsSync(resolve(root, p))) out.push(resolve(root, p));
      continue;
    }
    const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '(?:.*/)?').replace(/\*/g, '[^/]*')}$`);
    const walk = (d: string) => {
      for (const entry of readdirSync(d)) {
        const full = join(d, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (re.test(relative(root, full))) out.push(full);
      }
    };
    walk(root);
  }
  return out.sort();
}

/** A job whose structural fields are still `${var.…}`: its shape is unknown before resolution. */
function structureFromVariables(settings: Record<string, unknown>): boolean {
  const structural = ['tasks', 'job_clusters', 'environments', 'parameters'];
  const isVar = (v: unknown) => typeof v === 'string' && v.includes('${var.');
  if (structural.some((f) => isVar(settings[f]))) return true;
  const tasks = Array.isArray(settings.tasks) ? settings.tasks : [];
  return tasks.some((t) => t && typeof t === 'object' && ['task_key', 'depends_on', 'job_cluster_key', 'environment_key'].some((f) => isVar((t as Record<string, unknown>)[f])));
}

function loadCase(c: Case): { config: Record<string, unknown>; jobs: JobView[] } {
  const dir = rootDir(c.dir);
  const rootFile = join(dir, 'databricks.yml');
  const root = (parseYamlText(rootFile, readFileSync(rootFile, 'utf8')).value ?? {}) as Record<string, unknown>;
  const files = [root, ...includedFiles(dir, root.include).map((f) => (parseYamlText(f, readFileSync(f, 'utf8')).value ?? {}) as Record<string, unknown>)];
  const jobs: JobView[] = [];
  const allJobs: Record<string, unknown> = {};
  for (const file of files) {
    const defined = (file.resources as Record<string, unknown> | undefined)?.jobs;
    if (!defined || typeof defined !== 'object') continue;
    for (const [key, settings] of Object.entries(defined as Record<string, unknown>)) {
      allJobs[key] = settings;
      if (!settings || typeof settings !== 'object' || structureFromVariables(settings as Record<string, unknown>)) continue;
      // Each job keeps its own file as config root, so spans resolve within that file.
      jobs.push({ key, path: ['resources', 'jobs', key], settings: settings as Record<string, unknown> });
    }
  }
  // One config for cross-job checks (run_job_task targets): the root, with every file's jobs.
  return { config: { ...root, resources: { ...(root.resources as object), jobs: allJobs } }, jobs };
}

describe('corpus: no false errors on bundles the reference CLI accepts', () => {
  const cases = corpusCases();
  it('finds the corpus and checks its jobs', () => {
    expect(cases.length).toBeGreaterThan(30);
    const jobs = cases.reduce((n, c) => n + loadCase(c).jobs.length, 0);
    expect(jobs).toBeGreaterThan(40);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const { config, jobs } = loadCase(c);
    const errors = runSemanticChecks({ config, jobs })
      .filter((d) => d.severity === 'error')
      .map((d) => `${name}: ${d.code} ${formatPath(d.path ?? [])}`);
    const expected = Object.keys(TRUE_POSITIVES).filter((k) => k.startsWith(`${name}: `));
    expect(errors.sort()).toEqual(expected.sort());
  });
});
