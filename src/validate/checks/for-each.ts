/**
 * for_each_task rules:
 * - `inputs` is a JSON array written as a string, or a `{{…}}` reference (to an array job
 *   parameter or task value). References inside a JSON array are allowed: they are replaced
 *   by a placeholder before parsing, since they resolve to text at run time.
 * - `concurrency` is 1..100. The service's cap is not documented in our sources; 100 is the
 *   UI's limit and our local engine's default (FOR_EACH_MAX_CONCURRENCY).
 * - The nested task is not itself a for_each_task.
 * - Retries belong on the nested task: a retry of the parent would rerun every iteration.
 * The nested task's own rules (type, compute, references, …) run in the other checks, which
 * walk nested tasks too.
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { spanAt } from '../../source/locations.js';
import { classifyRef } from '../../templates/dynamic-catalogue.js';
import { parseDynamicRefs } from '../../templates/dynamic-refs.js';
import type { BundleCheck } from '../check.js';
import { allTasks, has, hasInterpolation, isObj, type LocatedTask } from '../tasks.js';

export const FOR_EACH_MAX_CONCURRENCY = 100;

/** Task fields that make the parent retry, with the value that means "no retry". */
const RETRY_FIELDS: ReadonlyArray<[string, unknown]> = [
  ['max_retries', 0],
  ['min_retry_interval_millis', 0],
  ['retry_on_timeout', false],
];

/** Why a for-each `inputs` string is unusable, or undefined when it is fine. */
export function inputsProblem(inputs: string): string | undefined {
  const { refs } = parseDynamicRefs(inputs);
  if (refs.length === 1 && inputs.slice(refs[0]!.start, refs[0]!.end) === inputs.trim()) {
    const names = refs[0]!.segments.map((s) => s.name);
    return classifyRef(names).kind === 'literal' ? 'is not a known reference (it would stay literal text)' : undefined;
  }
  let text = '';
  let at = 0;
  for (const r of refs) {
    text += `${inputs.slice(at, r.start)}0`;
    at = r.end;
  }
  text += inputs.slice(at);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'is not valid JSON';
  }
  return Array.isArray(value) ? undefined : 'is JSON but not an array';
}

export const forEachRules: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  for (const job of jobs) {
    for (const t of allTasks(job)) {
      const fe = t.task.for_each_task;
      if (!isObj(fe)) continue;
      const at = (...p: (string | number)[]) => [...t.path, 'for_each_task', ...p];
      if (typeof fe.inputs === 'string' && !hasInterpolation(fe.inputs)) {
        const problem = inputsProblem(fe.inputs);
        if (problem) {
          out.push(
            diag('error', 'foreach/invalid-inputs', `for_each_task.inputs ${problem}: ${JSON.stringify(fe.inputs.slice(0, 60))}`, {
              path: at('inputs'),
              span: spanAt(config, at('inputs')),
              detail: 'Write a JSON array as a string, e.g. inputs: \'["a", "b"]\', or a reference such as "{{job.parameters.tables}}".',
            }),
          );
        }
      }
      const c = fe.concurrency;
      if ((typeof c === 'number' || typeof c === 'bigint') && (c < 1 || c > FOR_EACH_MAX_CONCURRENCY)) {
        out.push(
          diag('error', 'foreach/invalid-concurrency', `for_each_task.concurrency is ${c}; it must be between 1 and ${FOR_EACH_MAX_CONCURRENCY}`, {
            path: at('concurrency'),
            span: spanAt(config, at('concurrency')),
          }),
        );
      }
      if (t.parent && has(t.task, 'for_each_task')) {
        out.push(
          diag('error', 'foreach/nested-for-each', 'the task inside a for_each_task cannot be another for_each_task', {
            path: [...t.path, 'for_each_task'],
            span: spanAt(config, [...t.path, 'for_each_task'], 'key'),
            detail: 'Flatten the inputs into one array, or run a job with its own for-each task through run_job_task.',
          }),
        );
      }
      parentRetries(config, t, out);
    }
  }
  return out;
};

function parentRetries(config: unknown, t: LocatedTask, out: Diagnostic[]): void {
  for (const [field, none] of RETRY_FIELDS) {
    const v = t.task[field];
    if (v === undefined || v === null || v === none || hasInterpolation(v)) continue;
    const path = [...t.path, field];
    out.push(
      diag('error', 'foreach/retries-on-parent', `${field} is set on for-each task "${t.key}"; set it on the nested task instead`, {
        path,
        span: spanAt(config, path, 'key'),
        detail: 'Retries apply to each iteration, so they are configured on for_each_task.task.',
      }),
    );
  }
}
