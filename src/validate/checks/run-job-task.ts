/**
 * `run_job_task.job_id` is an integer job id or `${resources.jobs.<key>.id}` naming a job of
 * this bundle. Other `${…}` values (variables, lookups) are deploy-time and not judged.
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { didYouMean, suggest } from '../../diag/suggest.js';
import { spanAt } from '../../source/locations.js';
import type { BundleCheck } from '../check.js';
import { bundleJobKeys, runJobUses } from './run-job-refs.js';

export const runJobTask: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  const keys = bundleJobKeys(config);
  const keySet = new Set(keys);
  for (const job of jobs) {
    for (const use of runJobUses(job)) {
      const span = spanAt(config, use.path);
      if (use.ref.kind === 'invalid') {
        out.push(
          diag('error', 'run-job/invalid-job-id', 'run_job_task.job_id must be a job id (an integer) or ${resources.jobs.<key>.id}', {
            path: use.path,
            span,
          }),
        );
      } else if (use.ref.kind === 'bundle-job' && keys !== undefined) {
        const { key, field } = use.ref;
        if (!keySet.has(key)) {
          out.push(
            diag('error', 'run-job/unknown-job', `run_job_task.job_id references job "${key}", which this bundle does not define.${didYouMean(suggest(key, keys))}`, {
              path: use.path,
              span,
            }),
          );
        } else if (field !== 'id') {
          out.push(
            diag('error', 'run-job/invalid-job-id', `run_job_task.job_id takes the job's id: \${resources.jobs.${key}.id}, not .${field}`, { path: use.path, span }),
          );
        }
      }
    }
  }
  return out;
};
