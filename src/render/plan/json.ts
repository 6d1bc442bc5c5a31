/**
 * The plan as JSON (pure): the stable machine shape of `jobs plan -o json`, documented in
 * docs/deploy.md. Field changes carry the path in the diff's notation
 * (`tasks[main].timeout_seconds`), the workspace's value (`before`) and ours (`after`).
 */
import type { Diagnostic } from '../../diag/diagnostic.js';
import { formatPath } from '../../diag/diagnostic.js';
import { planHasChanges, type Plan } from '../../plan/model.js';

export const PLAN_FORMAT_VERSION = '1.0';

export interface PlanJsonContext {
  bundle: string;
  target: string;
  host: string;
  rootPath: string;
  diagnostics: readonly Diagnostic[];
}

export function planToJson(plan: Plan, ctx: PlanJsonContext): Record<string, unknown> {
  return {
    format_version: PLAN_FORMAT_VERSION,
    bundle: { name: ctx.bundle, target: ctx.target },
    workspace: { host: ctx.host, root_path: ctx.rootPath },
    has_changes: planHasChanges(plan),
    summary: plan.counts,
    resources: plan.entries.map((e) => ({
      address: e.address,
      type: e.kind,
      key: e.key,
      action: e.action,
      reasons: e.reasons,
      ...(e.jobId !== undefined ? { job_id: e.jobId } : {}),
      ...(e.kind === 'job' && e.name !== undefined ? { name: e.name } : {}),
      ...(e.kind === 'job' ? { changes: e.changes.map((c) => ({ path: c.at, action: c.kind, ...('before' in c ? { before: c.before } : {}), ...('after' in c ? { after: c.after } : {}) })) } : {}),
      ...(e.before !== undefined ? { before: e.before } : {}),
      ...(e.after !== undefined ? { after: e.after } : {}),
    })),
    state: { record: plan.record.map((r) => ({ address: `jobs.${r.key}`, job_id: r.jobId })), forget: plan.forget.map((k) => `jobs.${k}`) },
    files: {
      root: plan.files.root,
      upload: plan.files.upload.map((f) => ({ path: f.path, remote_path: f.remotePath, notebook: f.notebook })),
      delete: plan.files.delete.map((f) => ({ path: f.path, remote_path: f.remotePath, notebook: f.notebook })),
      unchanged: plan.files.unchanged,
      libraries: plan.files.libraries.map((l) => ({ local_path: l.localPath, remote_path: l.remotePath })),
    },
    diagnostics: ctx.diagnostics.map((d) => ({
      severity: d.severity, code: d.code, summary: d.summary,
      ...(d.detail ? { detail: d.detail } : {}), ...(d.path ? { path: formatPath(d.path) } : {}),
    })),
  };
}
