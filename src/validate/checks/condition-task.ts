/**
 * Condition task rules beyond the schema's enum and required fields:
 * - no retries: a condition evaluates its operands and cannot usefully be retried. Only values
 *   that actually retry are reported (`max_retries: 0` is harmless).
 * - numeric operators (GREATER_THAN, …) compare numbers: a literal operand that is not a number
 *   makes the comparison fail at run time. Operands holding `{{…}}` or `${…}` are only known
 *   later and are not judged.
 * Compute on a condition task is compute-for-task-type's finding.
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { spanAt } from '../../source/locations.js';
import type { BundleCheck } from '../check.js';
import { allTasks, isObj } from '../tasks.js';

const NUMERIC_OPS = new Set(['GREATER_THAN', 'GREATER_THAN_OR_EQUAL', 'LESS_THAN', 'LESS_THAN_OR_EQUAL']);
const NUMBER = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

export const conditionTaskRules: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  for (const job of jobs) {
    for (const t of allTasks(job)) {
      const cond = t.task.condition_task;
      if (!isObj(cond)) continue;
      for (const [field, none] of [['max_retries', 0], ['min_retry_interval_millis', 0], ['retry_on_timeout', false]] as const) {
        const v = t.task[field];
        if (v === undefined || v === null || v === none || (typeof v === 'string' && v.includes('${'))) continue;
        const path = [...t.path, field];
        out.push(diag('error', 'condition/retries', `condition task "${t.key}" sets ${field}; condition tasks are not retried`, { path, span: spanAt(config, path, 'key') }));
      }
      if (typeof cond.op !== 'string' || !NUMERIC_OPS.has(cond.op)) continue;
      for (const side of ['left', 'right'] as const) {
        const v = cond[side];
        if (typeof v !== 'string' || v.includes('{{') || v.includes('${') || NUMBER.test(v)) continue;
        const path = [...t.path, 'condition_task', side];
        out.push(
          diag('error', 'condition/non-numeric-operand', `${cond.op} compares numbers, but ${side} is ${JSON.stringify(v)}`, {
            path,
            span: spanAt(config, path),
            detail: 'Use EQUAL_TO or NOT_EQUAL to compare text.',
          }),
        );
      }
    }
  }
  return out;
};
