/**
 * The bundle JSON Schema as a validation check: unknown fields, wrong types, enum values and
 * missing required fields of the whole resolved configuration (src/schema). Warnings, as in
 * the reference CLI; `--strict` turns them into failures.
 */
import type { BundleCheck } from '../check.js';
import { validateBundleSchema, validateJobFileSchema } from '../../schema/index.js';

export const matchesSchema: BundleCheck = (input) => validateBundleSchema(input.config);

/** The same for a raw Jobs API file: each job's settings against JobSettings. */
export const matchesJobSchema: BundleCheck = (input) => input.jobs.flatMap((job) => validateJobFileSchema(job.settings, job.path));
