/**
 * The strings in which the Jobs service substitutes `{{…}}` references (dynamic-values.md §2.4):
 * task parameters of every type, condition operands, for-each inputs, and job parameter
 * defaults. Paths, names and cluster specs are not substituted and are not listed.
 */
import type { ConfigPath } from '../diag/diagnostic.js';
import type { JobView } from './check.js';
import { isObj, type LocatedTask } from './tasks.js';

export interface ParameterString {
  path: ConfigPath;
  value: string;
}

/** `[task type, field, shape]`: a map of strings, a list of strings, or one string. */
const FIELDS: ReadonlyArray<[string, string, 'map' | 'list' | 'scalar']> = [
  ['notebook_task', 'base_parameters', 'map'],
  ['spark_python_task', 'parameters', 'list'],
  ['python_wheel_task', 'parameters', 'list'],
  ['python_wheel_task', 'named_parameters', 'map'],
  ['spark_jar_task', 'parameters', 'list'],
  ['spark_submit_task', 'parameters', 'list'],
  ['sql_task', 'parameters', 'map'],
  ['dbt_task', 'commands', 'list'],
  ['pipeline_task', 'parameters', 'map'],
  ['run_job_task', 'job_parameters', 'map'],
  ['run_job_task', 'notebook_params', 'map'],
  ['run_job_task', 'python_named_params', 'map'],
  ['run_job_task', 'sql_params', 'map'],
  ['run_job_task', 'python_params', 'list'],
  ['run_job_task', 'jar_params', 'list'],
  ['run_job_task', 'spark_submit_params', 'list'],
  ['run_job_task', 'dbt_commands', 'list'],
  ['clean_rooms_notebook_task', 'notebook_base_parameters', 'map'],
  ['condition_task', 'left', 'scalar'],
  ['condition_task', 'right', 'scalar'],
  ['for_each_task', 'inputs', 'scalar'],
];

/** Every substituted string a task passes on, with its path. */
export function taskParameterStrings(t: LocatedTask): ParameterString[] {
  const out: ParameterString[] = [];
  for (const [type, field, shape] of FIELDS) {
    const body = t.task[type];
    if (!isObj(body)) continue;
    const v = body[field];
    const base = [...t.path, type, field];
    if (shape === 'scalar') {
      if (typeof v === 'string') out.push({ path: base, value: v });
    } else if (shape === 'list' && Array.isArray(v)) {
      v.forEach((s, i) => typeof s === 'string' && out.push({ path: [...base, i], value: s }));
    } else if (shape === 'map' && isObj(v)) {
      for (const [k, s] of Object.entries(v)) if (typeof s === 'string') out.push({ path: [...base, k], value: s });
    }
  }
  return out;
}

/** Job parameter defaults (resolved at run start, before any task runs). */
export function jobParameterDefaults(job: JobView): ParameterString[] {
  const params = job.settings.parameters;
  if (!Array.isArray(params)) return [];
  const out: ParameterString[] = [];
  params.forEach((p, i) => {
    if (isObj(p) && typeof p.default === 'string') out.push({ path: [...job.path, 'parameters', i, 'default'], value: p.default });
  });
  return out;
}

/** Names of the job's parameters, or undefined when the list is not known yet (`${var.x}`). */
export function jobParameterNames(job: JobView): Set<string> | undefined {
  const params = job.settings.parameters;
  if (params === undefined || params === null) return new Set();
  if (!Array.isArray(params)) return undefined;
  const names = new Set<string>();
  for (const p of params) {
    if (!isObj(p) || typeof p.name !== 'string') continue;
    // A name still holding ${…} is not final: any reference might match it once resolved.
    if (p.name.includes('${')) return undefined;
    names.add(p.name);
  }
  return names;
}
