/**
 * The validation of one Jobs API body (jobs/create, `new_settings` of jobs/reset), shared by
 * the embedded workspace server: the schema taken literally (JSON types, API wording) and
 * every job check, errors only. A body that passes is one the workspace will store and run.
 */
import type { Diagnostic } from '../diag/diagnostic.js';
import { validateJobSettings } from '../schema/index.js';
import { JOB_CHECKS } from './registry.js';

/**
 * Findings about what a job will do when it runs, not about whether it can be saved: the Jobs
 * API stores such jobs, and the run fails or skips. `jobs validate` reports them as errors;
 * the workspace accepts them, as a real one does.
 */
const RUN_TIME_ONLY = new Set<string>(['condition/non-numeric-operand', 'dag/run-if-never-met']);

export function validateJobSettingsBody(settings: Record<string, unknown>): Diagnostic[] {
  const schema = validateJobSettings(settings);
  const job = { key: typeof settings.name === 'string' ? settings.name : 'job', path: [], settings };
  const checks = JOB_CHECKS.flatMap((check) => check({ config: settings, jobs: [job] }));
  return [...schema, ...checks].filter((d) => d.severity === 'error' && !RUN_TIME_ONLY.has(d.code));
}
