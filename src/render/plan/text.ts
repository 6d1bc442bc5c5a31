/**
 * The plan as text (pure): one line per changing entry in the reference CLI's words
 * (`create jobs.foo`, `update jobs.bar`), the reason when the workspace moved, the field
 * changes as a unified diff of the job's settings (workspace → bundle, keyed lists by key),
 * then the files and the trailer `Plan: N to add, N to change, N to delete, N unchanged`.
 * Colour only when asked (the caller decides: a TTY and no NO_COLOR).
 */
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import type { AccessControlRequest } from '../../api/jobs.js';
import type { JobEntry, PermissionsEntry, Plan, PlanEntry } from '../../plan/model.js';
import { filesChange } from '../../plan/model.js';

export interface TextStyle {
  color: boolean;
}

const ANSI = { red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', cyan: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

export function renderPlanText(plan: Plan, style: TextStyle): string {
  const paint = (code: keyof typeof ANSI, s: string) => (style.color ? `${ANSI[code]}${s}${ANSI.reset}` : s);
  const lines: string[] = [];
  for (const e of plan.entries) {
    if (e.action === 'unchanged') continue;
    const colour = e.action === 'create' ? 'green' : e.action === 'delete' ? 'red' : 'yellow';
    lines.push(`${paint(colour, e.action)} ${e.address}${e.action === 'delete' && e.kind === 'job' && e.jobId ? paint('dim', ` (job ${e.jobId})`) : ''}`);
    const why = explain(e);
    if (why) lines.push(paint('dim', `  # ${why}`));
    if (e.kind === 'job' && e.action === 'update') lines.push(...jobDiff(e, paint));
    if (e.kind === 'permissions' && e.action !== 'create') lines.push(...aclDiff(e, paint));
  }
  for (const r of plan.record) lines.push(paint('dim', `record jobs.${r.key} (job ${r.jobId}, found by its tag; no change needed)`));
  for (const k of plan.forget) lines.push(paint('dim', `forget jobs.${k} (already deleted in the workspace)`));
  if (filesChange(plan.files)) {
    const f = plan.files;
    const parts = [`${f.upload.length} to upload`, `${f.delete.length} to delete`, `${f.unchanged} unchanged`];
    if (f.libraries.length > 0) parts.push(`${f.libraries.length} librar${f.libraries.length === 1 ? 'y' : 'ies'} to upload`);
    lines.push(`Files: ${parts.join(', ')} (${f.root})`);
  }
  const c = plan.counts;
  lines.push(`Plan: ${c.add} to add, ${c.change} to change, ${c.delete} to delete, ${c.unchanged} unchanged`);
  return lines.join('\n') + '\n';
}

function explain(e: PlanEntry): string | undefined {
  const r = e.reasons;
  if (r.includes('missing')) return 'the deployed job no longer exists in the workspace';
  if (r.includes('workspace') && r.includes('config')) return 'changed in the bundle and edited in the workspace since the last deploy';
  if (r.includes('workspace')) return 'edited in the workspace since the last deploy (drift)';
  if (r.includes('adopted')) return 'found by its jobs_as_code tag (not in the deployment state)';
  return undefined;
}

function jobDiff(e: JobEntry, paint: (c: keyof typeof ANSI, s: string) => string): string[] {
  const before = toYaml(e.before ?? {});
  const after = toYaml(e.after ?? {});
  const patch = createTwoFilesPatch('workspace', 'bundle', before, after, '', '', { context: 3 });
  // Drop the "Index:"/"====" preamble and the tab diff puts after the file names.
  return patch.split('\n').filter((l) => l !== '' && !l.startsWith('\\') && !/^(Index:|=+$)/.test(l)).map((l) => l.replace(/\t$/, '')).map((l) => {
    const text = `    ${l}`;
    if (l.startsWith('+++') || l.startsWith('---')) return paint('bold', text);
    if (l.startsWith('@@')) return paint('cyan', text);
    if (l.startsWith('+')) return paint('green', text);
    if (l.startsWith('-')) return paint('red', text);
    return text;
  });
}

function aclDiff(e: PermissionsEntry, paint: (c: keyof typeof ANSI, s: string) => string): string[] {
  const show = (a: AccessControlRequest) => `${a.permission_level} ${a.user_name ? `user ${a.user_name}` : a.group_name ? `group ${a.group_name}` : `service principal ${a.service_principal_name}`}`;
  const before = new Set((e.before ?? []).map(show));
  const after = new Set((e.after ?? []).map(show));
  return [
    ...[...before].filter((x) => !after.has(x)).map((x) => paint('red', `    - ${x}`)),
    ...[...after].filter((x) => !before.has(x)).map((x) => paint('green', `    + ${x}`)),
  ];
}

/** Stable YAML: keys sorted, so both sides line up whatever order the API used. */
export function toYaml(value: unknown): string {
  return stringify(value, { sortMapEntries: true, lineWidth: 0 });
}
