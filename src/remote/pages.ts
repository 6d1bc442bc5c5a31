/**
 * Stitching the 100-item pages of jobs/get and runs/get back into one object, as the SDKs do
 * (jobs-api-2.2.md §1.5, §2.3). Pure.
 */
import type { Job } from '../api/jobs.js';
import type { Run } from '../api/runs.js';

const JOB_ARRAYS = ['tasks', 'job_clusters', 'environments', 'parameters'] as const;

export function appendJobPage(into: Job, page: Job): void {
  const settings = (into.settings ??= {}) as Record<string, unknown[] | undefined>;
  const next = (page.settings ?? {}) as Record<string, unknown[] | undefined>;
  for (const k of JOB_ARRAYS) if (next[k]?.length) settings[k] = [...(settings[k] ?? []), ...(next[k] ?? [])];
}

/** For a for_each task run the paginated array is `iterations`; otherwise `tasks`. */
export function appendRunPage(into: Run, page: Run): void {
  const primary = into.iterations?.length ? 'iterations' : 'tasks';
  for (const k of [primary, 'job_clusters', 'job_parameters', 'repair_history'] as const) {
    const more = page[k] as unknown[] | undefined;
    if (more?.length) (into as Record<string, unknown>)[k] = [...((into[k] as unknown[] | undefined) ?? []), ...more];
  }
}

export function finishPaged<T extends { next_page_token?: string; has_more?: boolean }>(value: T): T {
  delete value.next_page_token;
  delete value.has_more;
  return value;
}
