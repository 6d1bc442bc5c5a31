/**
 * The Jobs API accepts at most 1000 tasks per job (API 2.2; 2.1 stopped at 100). Reported once
 * per job, at its `tasks` key.
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { spanAt } from '../../source/locations.js';
import type { BundleCheck } from '../check.js';
import { MAX_TASKS } from '../tasks.js';

export const taskLimit: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  for (const job of jobs) {
    const tasks = job.settings.tasks;
    if (!Array.isArray(tasks) || tasks.length <= MAX_TASKS) continue;
    const path = [...job.path, 'tasks'];
    out.push(
      diag('error', 'dag/too-many-tasks', `job "${job.key}" has ${tasks.length} tasks; a job may have at most ${MAX_TASKS}`, {
        path,
        span: spanAt(config, path, 'key'),
        detail: 'Split the work across jobs and chain them with run_job_task.',
      }),
    );
  }
  return out;
};
