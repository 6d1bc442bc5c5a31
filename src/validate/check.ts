/**
 * The shape of a validation check: a pure function from the resolved bundle to diagnostics.
 * Each check lives in validate/checks/<what-it-asserts>.ts and is listed in a registry array.
 *
 * Checks see jobs through `JobView`s so the same check runs over a bundle
 * (`resources.jobs.<key>`) and over a raw Jobs API file (`jobs validate job.json`, where the
 * job is the root and `path` is empty). Always build paths as `[...job.path, ...]` and find
 * spans with `spanAt(input.config, path)` (source/locations.ts).
 */
import type { ConfigPath, Diagnostic } from '../diag/diagnostic.js';

export interface JobView {
  /** The resource key (`etl`), or the file's base name for a raw job file. */
  key: string;
  /** Path of the job settings from the config root. */
  path: ConfigPath;
  /** The job settings as written (after target merge and ${…} resolution). */
  settings: Record<string, unknown>;
}

export interface CheckInput {
  /** The resolved configuration root: plain data with source locations. */
  config: Record<string, unknown>;
  jobs: JobView[];
  /** The moment of validation, for findings that depend on it (a cron year range that has
   * ended). Passed in as data so checks stay pure; absent, such findings are skipped. */
  now?: Date;
}

export type BundleCheck = (input: CheckInput) => Diagnostic[];

/** The jobs of a bundle configuration, in key order. */
export function jobViews(config: Record<string, unknown>): JobView[] {
  const resources = config.resources as Record<string, unknown> | undefined;
  const jobs = resources?.jobs;
  if (!jobs || typeof jobs !== 'object' || Array.isArray(jobs)) return [];
  return Object.entries(jobs as Record<string, unknown>)
    .filter((e): e is [string, Record<string, unknown>] => e[1] !== null && typeof e[1] === 'object' && !Array.isArray(e[1]))
    .map(([key, settings]) => ({ key, path: ['resources', 'jobs', key], settings }));
}
