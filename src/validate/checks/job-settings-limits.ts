/**
 * Job-level rules the Jobs API enforces on jobs/create and jobs/reset (job-settings.md §1, §5
 * rows 3, 8, 12, 17): name length, max_concurrent_runs range, job parameter names, one git
 * reference, job clusters with a cluster spec, and task keys unique in the list as sent. The
 * embedded workspace refuses the same bodies through this check, so both sides agree.
 */
import { diag, type ConfigPath, type Diagnostic } from '../../diag/diagnostic.js';
import { spanAt } from '../../source/locations.js';
import type { BundleCheck, CheckInput } from '../check.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const unresolved = (v: unknown) => typeof v === 'string' && v.includes('${');
const PARAM_NAME = /^[A-Za-z0-9_.-]+$/;
const MAX_NAME_BYTES = 4096;

export const jobSettingsLimits: BundleCheck = (input) => {
  const out: Diagnostic[] = [];
  for (const job of input.jobs) {
    const s = job.settings;
    const at = (rel: (string | number)[]) => [...job.path, ...rel];
    const err = (code: Parameters<typeof diag>[1], summary: string, path: ConfigPath, detail?: string) =>
      out.push(diag('error', code, summary, { path, span: spanAt(input.config, path), detail }));
    if (typeof s.name === 'string' && Buffer.byteLength(s.name) > MAX_NAME_BYTES) {
      err('job/limit', `the job name is ${Buffer.byteLength(s.name)} bytes; the Jobs API takes at most ${MAX_NAME_BYTES}`, at(['name']));
    }
    const mcr = s.max_concurrent_runs;
    if (typeof mcr === 'number' && (!Number.isInteger(mcr) || mcr < 0 || mcr > 1000)) {
      err('job/limit', `max_concurrent_runs must be an integer from 0 to 1000, not ${mcr}`, at(['max_concurrent_runs']), '0 skips every new run; the default is 1.');
    }
    parameters(input, s.parameters, at(['parameters']), out);
    gitSource(input, s.git_source, at(['git_source']), out);
    if (Array.isArray(s.job_clusters)) {
      s.job_clusters.forEach((jc, i) => {
        if (isObj(jc) && jc.new_cluster === undefined && !unresolved(jc)) {
          err('compute/job-cluster-spec', `job cluster "${String(jc.job_cluster_key)}" has no new_cluster`, at(['job_clusters', i]),
            'A shared job cluster needs its cluster specification (the API answers "Shared job cluster feature is only supported in multi-task jobs.").');
        }
      });
    }
    if (Array.isArray(s.tasks)) duplicateKeys(input, s.tasks, at(['tasks']), out);
  }
  return out;
};

function parameters(input: CheckInput, params: unknown, path: ConfigPath, out: Diagnostic[]): void {
  if (!Array.isArray(params)) return;
  const seen = new Map<string, number>();
  params.forEach((p, i) => {
    if (!isObj(p) || typeof p.name !== 'string' || unresolved(p.name)) return;
    const here = [...path, i, 'name'];
    if (!PARAM_NAME.test(p.name)) {
      out.push(diag('error', 'param/invalid-name', `job parameter name "${p.name}" may only hold letters, digits, _, - and .`, { path: here, span: spanAt(input.config, here) }));
    } else if (seen.has(p.name)) {
      const first = spanAt(input.config, [...path, seen.get(p.name)!, 'name']);
      out.push(diag('error', 'param/duplicate', `job parameter "${p.name}" is defined twice`, {
        path: here,
        span: spanAt(input.config, here),
        related: first ? [{ message: 'first defined here', span: first }] : undefined,
      }));
    } else seen.set(p.name, i);
  });
}

function gitSource(input: CheckInput, git: unknown, path: ConfigPath, out: Diagnostic[]): void {
  if (!isObj(git)) return;
  const refs = ['git_branch', 'git_tag', 'git_commit'].filter((k) => git[k] !== undefined && git[k] !== '');
  if (refs.length > 1) {
    out.push(diag('error', 'git/reference', `git_source sets ${refs.join(' and ')}; set exactly one of git_branch, git_tag, git_commit`, {
      path: [...path, refs[1]!],
      span: spanAt(input.config, [...path, refs[1]!], 'key'),
    }));
  }
}

/** Task keys repeated in one list. Bundles merge same-key tasks while loading (and report it
 * there); raw Jobs API bodies reach this check with the list as written. */
function duplicateKeys(input: CheckInput, tasks: unknown[], path: ConfigPath, out: Diagnostic[]): void {
  const first = new Map<string, number>();
  tasks.forEach((t, i) => {
    if (!isObj(t) || typeof t.task_key !== 'string') return;
    const prev = first.get(t.task_key);
    if (prev === undefined) {
      first.set(t.task_key, i);
      return;
    }
    const here = [...path, i, 'task_key'];
    const earlier = spanAt(input.config, [...path, prev, 'task_key']);
    out.push(diag('error', 'dag/duplicate-task-key', `task_key "${t.task_key}" is used by more than one task in this job`, {
      path: here,
      span: spanAt(input.config, here),
      related: earlier ? [{ message: 'first used here', span: earlier }] : undefined,
    }));
  });
}
