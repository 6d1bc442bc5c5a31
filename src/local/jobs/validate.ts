/**
 * What the embedded workspace refuses in jobs/create and jobs/reset: exactly what `jobs
 * validate` reports as errors for a Jobs API job (validate/validate-job-settings.ts: the schema
 * taken literally, the DAG, task-type, compute, reference, schedule and limit checks), so the
 * CLI and the server always agree, and the store only ever holds jobs it can run. Pure.
 */
import type { JobSettings } from '../../api/jobs.js';
import { formatPath } from '../../diag/diagnostic.js';
import { validateJobSettingsBody } from '../../validate/validate-job-settings.js';

export interface SettingsIssue {
  message: string;
  path?: string;
}

/** An extra validator a caller may add (tests, stricter deployments). */
export type JobSettingsValidator = (settings: JobSettings) => SettingsIssue[];

/** Messages a real workspace is recorded to send for a finding (jobs-api-2.2.md §0.1). */
const API_WORDING: Record<string, string> = {
  'schema/required git_source.git_provider':
    'git_source.git_provider must be one of: github,gitlab,bitbucketcloud,gitlabenterpriseedition,bitbucketserver,azuredevopsservices,githubenterprise,awscodecommit',
  'schema/enum git_source.git_provider':
    'git_source.git_provider must be one of: github,gitlab,bitbucketcloud,gitlabenterpriseedition,bitbucketserver,azuredevopsservices,githubenterprise,awscodecommit',
};

export function checkJobSettings(settings: unknown): SettingsIssue[] {
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) return [{ message: 'Job settings must be an object.' }];
  return validateJobSettingsBody(settings as Record<string, unknown>).map((d) => {
    const path = d.path && d.path.length > 0 ? formatPath(d.path) : undefined;
    const field = path && d.code === 'schema/required' ? `${path}.${/"([^"]+)"/.exec(d.summary)?.[1] ?? ''}` : path;
    const recorded = API_WORDING[`${d.code} ${field}`];
    return { message: recorded ?? (path ? `${path}: ${d.summary}` : d.summary), ...(path ? { path } : {}) };
  });
}
