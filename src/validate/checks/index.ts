/**
 * The job semantic checks `jobs validate` runs after the schema: DAG, task types, compute and
 * `{{…}}` references. Each is pure and independent, so the order only sets the order of
 * findings before the renderer sorts them by location.
 *
 * What they leave to other stages: duplicate task keys (the loader, which merges tasks by key),
 * required fields and enum values the official schema declares (schema/required, schema/enum),
 * unresolvable `${…}` references (the loader's interpolation).
 */
import type { BundleCheck } from '../check.js';
import { computeExclusive } from './compute-exclusive.js';
import { computeForTaskType } from './compute-for-task-type.js';
import { computeKeysDefined } from './compute-keys-defined.js';
import { conditionTaskRules } from './condition-task.js';
import { dagAcyclic } from './dag-acyclic.js';
import { dependsOnExists } from './depends-on-exists.js';
import { dependsOnOutcome } from './depends-on-outcome.js';
import { dynamicValueRefs } from './dynamic-value-refs.js';
import { forEachRules } from './for-each.js';
import { librariesPlacement } from './libraries-placement.js';
import { runIfSatisfiable } from './run-if.js';
import { runJobAcyclic } from './run-job-cycle.js';
import { runJobTask } from './run-job-task.js';
import { taskFields } from './task-fields.js';
import { taskKeyFormat } from './task-key-format.js';
import { taskLimit } from './task-limit.js';
import { taskType } from './task-type.js';

export const SEMANTIC_CHECKS: readonly BundleCheck[] = [
  // DAG
  taskKeyFormat,
  taskLimit,
  dependsOnExists,
  dagAcyclic,
  dependsOnOutcome,
  runIfSatisfiable,
  // task types
  taskType,
  taskFields,
  forEachRules,
  conditionTaskRules,
  runJobTask,
  runJobAcyclic,
  // compute
  computeKeysDefined,
  computeForTaskType,
  computeExclusive,
  librariesPlacement,
  // parameters and {{…}} references
  dynamicValueRefs,
];

/** Runs every semantic check. */
export function runSemanticChecks(input: Parameters<BundleCheck>[0]) {
  return SEMANTIC_CHECKS.flatMap((check) => check(input));
}
