/**
 * Validation of a resolved configuration (pure): the schema, then every registered check.
 * Used by `jobs validate` on bundles and on raw Jobs API files, and by deploy before it plans.
 */
import type { Diagnostic } from '../diag/diagnostic.js';
import type { CheckInput } from './check.js';
import { BUNDLE_CHECKS, JOB_FILE_CHECKS } from './registry.js';

/** `bundle`: a whole bundle configuration; `jobFile`: one Jobs API job as the root. */
export type ValidationScope = 'bundle' | 'jobFile';

export function validateConfig(input: CheckInput, scope: ValidationScope = 'bundle'): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const check of scope === 'bundle' ? BUNDLE_CHECKS : JOB_FILE_CHECKS) out.push(...check(input));
  return out;
}
