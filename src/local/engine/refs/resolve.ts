/**
 * Run-time values of `{{…}}` references (dynamic-values.md §2): the engine substitutes them in a
 * task's parameter fields when the task starts. Unknown namespaces and malformed references stay
 * literal, as on Databricks; a reference that names something this run does not have (a task
 * value never set, a task outside the run) is an error, and the task fails at start saying which
 * reference. Pure: everything comes in the `RefContext`.
 */
import type { TriggerType } from '../../../api/runs.js';
import { parseDynamicRefs, substituteDynamicRefs, type DynamicRef } from '../../../templates/dynamic-refs.js';
import { DEPRECATED_REFS } from '../../../templates/dynamic-catalogue.js';
import { formatTimeArg } from './time-format.js';

/** What a task may learn about another task of the run. */
export interface UpstreamFacts {
  run_id: string;
  /** Lower-case result (`success`, `failed`, …); empty while not finished. */
  result_state: string;
  error_code: string;
  execution_count: number;
  notebook_path?: string;
  values: Readonly<Record<string, unknown>>;
}

export interface RefContext {
  job: {
    id: string;
    name: string;
    run_id: string;
    repair_count: number;
    start_time: number;
    trigger_type: TriggerType;
    trigger_time: number;
    file_arrival_location?: string;
    /** Values as the run holds them; they may contain references themselves. */
    parameters: Readonly<Record<string, string>>;
  };
  task?: { name: string; run_id: string; execution_count: number; notebook_path?: string };
  tasks(key: string): UpstreamFacts | undefined;
  workspace: { id: string; url: string };
  /** For-each iterations: the element as JSON text. */
  input?: string;
}

export type Resolution = { value: string } | { error: string } | undefined;

/** How the trigger reads in `{{job.trigger.type}}`: lower case, unlike the run's `trigger`. */
const TRIGGER_NAMES: Record<string, string> = {
  PERIODIC: 'periodic', ONE_TIME: 'one_time', RETRY: 'one_time', RUN_JOB_TASK: 'run_job_task', FILE_ARRIVAL: 'file_arrival',
  CONTINUOUS: 'continuous', CONTINUOUS_RESTART: 'continuous', TABLE: 'table', MODEL: 'model',
};

/** A value as a reference substitutes it: strings as they are, everything else as JSON. */
export function refText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Resolves one reference given as its segment names. */
export function resolveRef(names: readonly string[], ctx: RefContext): Resolution {
  const [ns, ...rest] = names;
  if (names.length === 1 && ns !== undefined && Object.hasOwn(DEPRECATED_REFS, ns)) return deprecated(ns, ctx);
  switch (ns) {
    case 'job':
      return resolveJob(rest, ctx);
    case 'task':
      return resolveTask(rest, ctx);
    case 'tasks':
      return resolveTasks(rest, ctx);
    case 'workspace':
      return rest.length === 1 && (rest[0] === 'id' || rest[0] === 'url') ? { value: ctx.workspace[rest[0]] } : unknownMember(names);
    case 'input':
      return ctx.input === undefined ? undefined : resolveInput(rest, ctx.input);
    default:
      return undefined;
  }
}

/** The legacy flat names (dynamic-values.md §2.6); `task_retry_count` counts retries, not runs. */
function deprecated(name: string, ctx: RefContext): Resolution {
  if (name === 'task_retry_count') return ctx.task ? { value: String(Math.max(0, ctx.task.execution_count - 1)) } : undefined;
  return resolveRef((DEPRECATED_REFS[name] as string).split('.'), ctx);
}

function resolveJob(rest: readonly string[], ctx: RefContext): Resolution {
  const job = ctx.job;
  const [a, b, c] = rest;
  if (rest.length === 1) {
    if (a === 'id') return { value: job.id };
    if (a === 'name') return { value: job.name };
    if (a === 'run_id') return { value: job.run_id };
    if (a === 'repair_count') return { value: String(job.repair_count) };
  }
  if (a === 'start_time' && rest.length === 2) return timeArg(job.start_time, b as string, rest);
  if (a === 'parameters' && rest.length === 2) {
    const raw = job.parameters[b as string];
    if (raw === undefined) return { error: `job parameter ${b} is not defined in this job` };
    // A parameter's value may hold references (a default of {{job.start_time.iso_date}}): one level.
    return { value: substituteDynamicRefs(raw, (ref) => valueOf(resolveRef(ref.segments.map((s) => s.name), { ...ctx, job: { ...job, parameters: {} } }))) };
  }
  if (a === 'trigger') {
    if (b === 'type' && rest.length === 2) return { value: TRIGGER_NAMES[job.trigger_type] ?? job.trigger_type.toLowerCase() };
    if (b === 'time' && rest.length === 3) {
      // Schedules: the fire time rounded down to the minute (dynamic-values.md §2.3).
      const t = job.trigger_type === 'PERIODIC' ? Math.floor(job.trigger_time / 60_000) * 60_000 : job.trigger_time;
      return timeArg(t, c as string, rest);
    }
    if (b === 'file_arrival' && c === 'location' && rest.length === 3) return { value: job.file_arrival_location ?? '' };
  }
  return unknownMember(['job', ...rest]);
}

function timeArg(ms: number, arg: string, rest: readonly string[]): Resolution {
  const v = formatTimeArg(ms, arg);
  return v === undefined ? unknownMember(['job', ...rest]) : { value: v };
}

function resolveTask(rest: readonly string[], ctx: RefContext): Resolution {
  const task = ctx.task;
  if (!task || rest.length !== 1) return task ? unknownMember(['task', ...rest]) : undefined;
  switch (rest[0]) {
    case 'name':
      return { value: task.name };
    case 'run_id':
      return { value: task.run_id };
    case 'execution_count':
      return { value: String(task.execution_count) };
    case 'notebook_path':
      return { value: task.notebook_path ?? '' };
    default:
      return unknownMember(['task', ...rest]);
  }
}

function resolveTasks(rest: readonly string[], ctx: RefContext): Resolution {
  const [key, field, name] = rest;
  if (key === undefined || field === undefined) return unknownMember(['tasks', ...rest]);
  const facts = ctx.tasks(key);
  if (!facts) return { error: `task ${key} is not part of this run` };
  if (field === 'values' && rest.length === 3) {
    if (!Object.hasOwn(facts.values, name as string)) return { error: `task ${key} did not set the task value ${name}` };
    return { value: refText(facts.values[name as string]) };
  }
  if (rest.length !== 2) return unknownMember(['tasks', ...rest]);
  switch (field) {
    case 'run_id':
      return { value: facts.run_id };
    case 'result_state':
      return { value: facts.result_state };
    case 'error_code':
      return { value: facts.error_code };
    case 'execution_count':
      return { value: String(facts.execution_count) };
    case 'notebook_path':
      return { value: facts.notebook_path ?? '' };
    default:
      return unknownMember(['tasks', ...rest]);
  }
}

/** `{{input}}` is the element itself; `{{input.a.b}}` walks into an object element. */
function resolveInput(rest: readonly string[], input: string): Resolution {
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch {
    value = input;
  }
  for (const field of rest) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, field))
      return { error: `the for-each input ${input.length > 80 ? `${input.slice(0, 80)}…` : input} has no field ${field}` };
    value = (value as Record<string, unknown>)[field];
  }
  return { value: refText(value) };
}

function unknownMember(names: readonly string[]): Resolution {
  return { error: `{{${names.join('.')}}} is not a known reference` };
}

function valueOf(r: Resolution): string | undefined {
  return r && 'value' in r ? r.value : undefined;
}

/** A string with every reference substituted; `errors` lists the ones that could not be. */
export interface Substituted {
  text: string;
  errors: string[];
}

export function substituteAll(text: string, ctx: RefContext): Substituted {
  const errors: string[] = [];
  const out = substituteDynamicRefs(text, (ref: DynamicRef) => {
    const r = resolveRef(ref.segments.map((s) => s.name), ctx);
    if (r && 'error' in r) errors.push(`${text.slice(ref.start, ref.end)}: ${r.error}`);
    return valueOf(r);
  });
  return { text: out, errors };
}

/** Whether a string holds any well-formed reference (cheap pre-check before substituting). */
export function hasRefs(text: string): boolean {
  return text.includes('{{') && parseDynamicRefs(text).refs.length > 0;
}
