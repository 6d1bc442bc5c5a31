/**
 * The plan: what a deploy would do to the workspace, as data. `jobs plan` renders it (text or
 * JSON, see docs/deploy.md), `jobs deploy` applies it. Permissions are their own entries
 * (`jobs.<key>.permissions`), as in the reference CLI's plan, so "Plan: 2 to add" for a new job
 * with permissions means the same in both tools.
 */
import type { AccessControlRequest } from '../api/jobs.js';
import type { Json } from './comparable.js';
import type { FieldChange } from './diff.js';

export type PlanAction = 'create' | 'update' | 'delete' | 'unchanged';

/**
 * Why an entry changes: `config` (the bundle changed since the last deploy), `workspace` (the
 * job was edited in the workspace: drift), `missing` (the deployed job no longer exists),
 * `adopted` (found by its tag, not in the state), `removed` (no longer in the bundle), `new`.
 */
export type ChangeReason = 'new' | 'config' | 'workspace' | 'missing' | 'adopted' | 'removed';

export interface JobEntry {
  kind: 'job';
  /** `jobs.<key>`. */
  address: string;
  key: string;
  action: PlanAction;
  reasons: ChangeReason[];
  /** The workspace job id, when one exists (update, delete, unchanged). */
  jobId?: string;
  name?: string;
  /** Field changes, workspace → bundle (update only). */
  changes: FieldChange[];
  /** Comparable settings for text diffs: the workspace's (projected) and ours. */
  before?: Json;
  after?: Json;
}

export interface PermissionsEntry {
  kind: 'permissions';
  /** `jobs.<key>.permissions`. */
  address: string;
  key: string;
  action: PlanAction;
  reasons: ChangeReason[];
  jobId?: string;
  /** Direct grants the workspace holds (when read) and the ones we would PUT. */
  before?: AccessControlRequest[];
  after?: AccessControlRequest[];
}

export type PlanEntry = JobEntry | PermissionsEntry;

export interface FileChange {
  /** Path relative to the sync root, `/`-separated. */
  path: string;
  /** Workspace path of the object (notebooks without their extension). */
  remotePath: string;
  notebook: boolean;
}

export interface LibraryUpload {
  /** Root-relative local path. */
  localPath: string;
  remotePath: string;
}

export interface FilesPlan {
  /** `${workspace.file_path}`. */
  root: string;
  upload: FileChange[];
  delete: FileChange[];
  unchanged: number;
  libraries: LibraryUpload[];
}

export interface PlanCounts {
  add: number;
  change: number;
  delete: number;
  unchanged: number;
}

export interface Plan {
  /** Sorted by address. */
  entries: PlanEntry[];
  files: FilesPlan;
  /** Jobs to record in the state without a workspace change (adopted by tag, unchanged). */
  record: { key: string; jobId: string }[];
  /** State entries whose job is gone and no longer configured: dropped from the state. */
  forget: string[];
  counts: PlanCounts;
}

export function countEntries(entries: readonly PlanEntry[]): PlanCounts {
  const c: PlanCounts = { add: 0, change: 0, delete: 0, unchanged: 0 };
  for (const e of entries) {
    if (e.action === 'create') c.add++;
    else if (e.action === 'update') c.change++;
    else if (e.action === 'delete') c.delete++;
    else c.unchanged++;
  }
  return c;
}

/** True when applying the plan would change anything in the workspace. */
export function planHasChanges(plan: Plan): boolean {
  const c = plan.counts;
  return c.add + c.change + c.delete > 0 || plan.record.length > 0 || plan.forget.length > 0 || filesChange(plan.files);
}

export function filesChange(f: FilesPlan): boolean {
  return f.upload.length > 0 || f.delete.length > 0 || f.libraries.length > 0;
}
