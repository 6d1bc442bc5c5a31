/**
 * Checks a `jobs run` request against the job as the bundle declares it, before anything is
 * sent: the job to run (KEY may be omitted when the bundle has one), `--param` names against the
 * job's `parameters`, and `--only` task keys (with the `+key`/`key+` selectors of run-now) against
 * its tasks. Problems come back as one message each, with the valid names and a "did you mean".
 * Pure.
 */
import { suggest } from '../diag/suggest.js';
import type { JobView } from '../validate/check.js';

export interface Param {
  name: string;
  value: string;
}

/** `name=value` (the value may contain `=`); undefined when there is no `=` or no name. */
export function parseParam(text: string): Param | undefined {
  const i = text.indexOf('=');
  if (i <= 0) return undefined;
  return { name: text.slice(0, i), value: text.slice(i + 1) };
}

/** The job named by KEY, or the only job; else a message naming the choices. */
export function pickJob(jobs: readonly JobView[], key: string | undefined): { job?: JobView; problem?: string } {
  const keys = jobs.map((j) => j.key);
  if (jobs.length === 0) return { problem: 'this bundle defines no jobs' };
  if (key === undefined) return jobs.length === 1 ? { job: jobs[0] } : { problem: `this bundle has several jobs; name one: ${keys.join(', ')}` };
  const job = jobs.find((j) => j.key === key);
  if (job) return { job };
  const near = suggest(key, keys);
  return { problem: `no job "${key}" in this bundle${near ? ` (did you mean "${near}"?)` : ''}; jobs: ${keys.join(', ')}` };
}

/** Names of the job-level parameters a job declares. */
export function declaredParameters(settings: Record<string, unknown>): string[] {
  const params = settings.parameters;
  if (!Array.isArray(params)) return [];
  return params.map((p) => (p as { name?: unknown }).name).filter((n): n is string => typeof n === 'string');
}

/** Every `--param` whose name the job does not declare, as messages; duplicates too. */
export function checkParams(jobKey: string, declared: readonly string[], given: readonly Param[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const p of given) {
    if (seen.has(p.name)) problems.push(`--param ${p.name} is given more than once`);
    seen.add(p.name);
    if (declared.includes(p.name)) continue;
    if (declared.length === 0) {
      problems.push(`--param ${p.name}: job "${jobKey}" declares no parameters (add them under resources.jobs.${jobKey}.parameters)`);
      continue;
    }
    const near = suggest(p.name, declared);
    problems.push(`--param ${p.name}: job "${jobKey}" has no parameter "${p.name}"${near ? ` (did you mean "${near}"?)` : ''}; its parameters: ${declared.join(', ')}`);
  }
  return problems;
}

/** The task keys of a job's settings. */
export function taskKeys(settings: Record<string, unknown>): string[] {
  const tasks = settings.tasks;
  if (!Array.isArray(tasks)) return [];
  return tasks.map((t) => (t as { task_key?: unknown }).task_key).filter((k): k is string => typeof k === 'string');
}

/** `--only` entries (`key`, `+key`, `key+`, `+key+`) naming tasks the job does not have. */
export function checkOnly(jobKey: string, keys: readonly string[], only: readonly string[]): string[] {
  const problems: string[] = [];
  for (const raw of only) {
    const key = raw.replace(/^\+/, '').replace(/(.)\+$/, '$1');
    if (keys.includes(key)) continue;
    const near = suggest(key, keys);
    problems.push(`--only ${raw}: job "${jobKey}" has no task "${key}"${near ? ` (did you mean "${near}"?)` : ''}; its tasks: ${keys.join(', ')}`);
  }
  return problems;
}
