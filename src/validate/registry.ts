/**
 * Every check `jobs validate` runs over a resolved bundle, in order. Each is pure; adding a
 * check means writing validate/checks/<what-it-asserts>.ts and listing it here.
 */
import type { BundleCheck } from './check.js';
import { runAsIdentity } from './checks/run-as.js';
import { resourceBodies, unmanagedResources } from './checks/resource-bodies.js';
import { singleNodeClusters, wheelRuntime } from './checks/cluster-config.js';
import { resourceRefCycles } from './checks/resource-ref-cycles.js';
import { resourceFieldRefs } from './checks/resource-field-refs.js';
import { scheduleCheck } from './checks/schedule.js';
import { SEMANTIC_CHECKS } from './checks/index.js';
import { matchesJobSchema, matchesSchema } from './checks/matches-schema.js';
import { jobSettingsLimits } from './checks/job-settings-limits.js';

/** Checks that mirror what the Databricks CLI itself reports. */
export const REFERENCE_CHECKS: readonly BundleCheck[] = [runAsIdentity, resourceBodies, unmanagedResources, singleNodeClusters, wheelRuntime];

/** Checks for what the reference CLI finds only at plan or deploy time. */
export const EARLY_CHECKS: readonly BundleCheck[] = [resourceRefCycles, resourceFieldRefs];

/** Job semantics the reference leaves to deploy or run time: DAG, task types, compute,
 * `{{…}}` references, schedules and triggers. */
export const JOB_CHECKS: readonly BundleCheck[] = [...SEMANTIC_CHECKS, scheduleCheck, jobSettingsLimits];

export const BUNDLE_CHECKS: readonly BundleCheck[] = [matchesSchema, ...REFERENCE_CHECKS, ...EARLY_CHECKS, ...JOB_CHECKS];

/** Checks that apply to a single Jobs API job file (no bundle around it). */
export const JOB_FILE_CHECKS: readonly BundleCheck[] = [matchesJobSchema, singleNodeClusters, ...JOB_CHECKS];
