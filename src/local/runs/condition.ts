/**
 * Evaluates a condition task with literal operands (job-settings.md §2.2): EQUAL_TO/NOT_EQUAL
 * compare strings ("12.0" != "12"); the ordering operators compare numbers ("12.0" >= "12").
 * Operands holding `{{…}}` references are not literal: the engine resolves them first, so here
 * they return `undefined` and the task waits for an executor.
 */
import type { ConditionTask } from '../../api/jobs.js';

export type ConditionResult = { outcome: 'true' | 'false' } | { error: string } | undefined;

export function evaluateCondition(cond: ConditionTask): ConditionResult {
  if (cond.left.includes('{{') || cond.right.includes('{{')) return undefined;
  return compareOperands(cond);
}

/** Compares operands that are final (the engine calls this after resolving references). */
export function compareOperands(cond: ConditionTask): { outcome: 'true' | 'false' } | { error: string } {
  if (cond.op === 'EQUAL_TO') return { outcome: String(cond.left === cond.right) as 'true' | 'false' };
  if (cond.op === 'NOT_EQUAL') return { outcome: String(cond.left !== cond.right) as 'true' | 'false' };
  const l = toNumber(cond.left);
  const r = toNumber(cond.right);
  if (l === undefined || r === undefined)
    return { error: `Condition operands must be numeric for ${cond.op}: left=${JSON.stringify(cond.left)}, right=${JSON.stringify(cond.right)}` };
  const holds =
    cond.op === 'GREATER_THAN' ? l > r : cond.op === 'GREATER_THAN_OR_EQUAL' ? l >= r : cond.op === 'LESS_THAN' ? l < r : l <= r;
  return { outcome: String(holds) as 'true' | 'false' };
}

function toNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}
