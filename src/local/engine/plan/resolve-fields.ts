/**
 * A task's parameters as its code receives them: every `{{…}}` substituted in the fields that
 * take references (dynamic-values.md §2.4), job parameters pushed down to the tasks that take
 * key/value parameters (notebooks, wheels with keyword arguments, run-job tasks) where they win
 * over a task parameter of the same name, and the legacy run-now maps applied (job-settings.md
 * §6). The result also carries `resolved_values` for runs/get. Pure.
 */
import type { Loose, Task } from '../../../api/jobs.js';
import { substituteAll, type RefContext } from '../refs/resolve.js';

/** The legacy maps a run-now sent (`overriding_parameters`), as the run stores them. */
export interface Overrides {
  notebook_params?: Record<string, string>;
  python_params?: string[];
  python_named_params?: Record<string, string>;
}

export type ResolvedTask =
  | { kind: 'notebook'; path: string; widgets: Record<string, string> }
  | { kind: 'python'; file: string; argv: string[] }
  | { kind: 'wheel'; packageName: string; entryPoint: string; argv: string[] }
  | { kind: 'condition'; left: string; op: string; right: string }
  | { kind: 'for_each'; inputs: string }
  | { kind: 'run_job'; jobId: string; jobParameters: Record<string, string> };

export interface Resolved {
  task?: ResolvedTask;
  resolved_values: Loose;
  /** References that could not be resolved: the task fails at start with these. */
  errors: string[];
}

class Resolver {
  readonly errors: string[] = [];
  constructor(private readonly ctx: RefContext) {}
  text(s: unknown): string {
    const r = substituteAll(String(s ?? ''), this.ctx);
    this.errors.push(...r.errors);
    return r.text;
  }
  list(xs: unknown): string[] {
    return Array.isArray(xs) ? xs.map((x) => this.text(x)) : [];
  }
  map(m: unknown): Record<string, string> {
    return Object.fromEntries(Object.entries((m ?? {}) as Record<string, unknown>).map(([k, v]) => [k, this.text(v)]));
  }
}

/** `jobParameters`: the run's job parameter values (references inside are resolved here too). */
export function resolveTaskFields(task: Task, ctx: RefContext, jobParameters: Readonly<Record<string, string>>, overrides: Overrides = {}): Resolved {
  const r = new Resolver(ctx);
  const pushed = r.map(jobParameters);
  const out = resolveByKind(task, r, pushed, overrides);
  return { ...out, errors: r.errors };
}

function resolveByKind(task: Task, r: Resolver, pushed: Record<string, string>, o: Overrides): Omit<Resolved, 'errors'> {
  if (task.notebook_task) {
    const base = r.map(task.notebook_task.base_parameters);
    // run-now notebook_params merge over base_parameters; job parameters win over both.
    const widgets = { ...base, ...r.map(o.notebook_params), ...pushed };
    return { task: { kind: 'notebook', path: task.notebook_task.notebook_path, widgets }, resolved_values: { notebook_task: { base_parameters: widgets } } };
  }
  if (task.spark_python_task) {
    const argv = o.python_params ? r.list(o.python_params) : r.list(task.spark_python_task.parameters);
    return { task: { kind: 'python', file: String(task.spark_python_task.python_file ?? ''), argv }, resolved_values: { spark_python_task: { parameters: argv } } };
  }
  if (task.python_wheel_task) return resolveWheel(task.python_wheel_task, r, pushed, o);
  if (task.condition_task) {
    const left = r.text(task.condition_task.left);
    const right = r.text(task.condition_task.right);
    return { task: { kind: 'condition', left, op: task.condition_task.op, right }, resolved_values: { condition_task: { left, right } } };
  }
  if (task.for_each_task) {
    const inputs = r.text(task.for_each_task.inputs);
    return { task: { kind: 'for_each', inputs }, resolved_values: { for_each_task: { inputs } } };
  }
  if (task.run_job_task) {
    const jobParameters = r.map(task.run_job_task.job_parameters);
    return { task: { kind: 'run_job', jobId: String(task.run_job_task.job_id), jobParameters }, resolved_values: { run_job_task: { job_parameters: jobParameters } } };
  }
  return { resolved_values: {} };
}

/**
 * Wheels take keyword arguments (`--k=v`, job parameters pushed down) or positional ones (job
 * parameters only through references), never both.
 */
function resolveWheel(w: Loose, r: Resolver, pushed: Record<string, string>, o: Overrides): Omit<Resolved, 'errors'> {
  const packageName = String(w.package_name ?? '');
  const entryPoint = String(w.entry_point ?? '');
  const keyword = w.named_parameters !== undefined || o.python_named_params !== undefined || (w.parameters === undefined && Object.keys(pushed).length > 0);
  if (keyword) {
    const named = { ...r.map(w.named_parameters), ...r.map(o.python_named_params), ...pushed };
    const argv = Object.entries(named).map(([k, v]) => `--${k}=${v}`);
    return { task: { kind: 'wheel', packageName, entryPoint, argv }, resolved_values: { python_wheel_task: { named_parameters: named } } };
  }
  const argv = o.python_params ? r.list(o.python_params) : r.list(w.parameters);
  return { task: { kind: 'wheel', packageName, entryPoint, argv }, resolved_values: { python_wheel_task: { parameters: argv } } };
}
