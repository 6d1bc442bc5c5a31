/**
 * `run_as` names exactly one identity (top level and per job), and the legacy pipelines mode is
 * called out, as the reference CLI does.
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { keySpan, locOf, spanAt, valueSpan } from '../../source/locations.js';
import type { BundleCheck } from '../check.js';

const FIELDS = ['user_name', 'service_principal_name', 'group_name'] as const;

export const runAsIdentity: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  // Jobs inherit the top-level run_as as a copy with the same locations: report it once.
  const seen = new Set<string>();
  const check = (runAs: unknown, path: (string | number)[]) => {
    if (runAs === null || typeof runAs !== 'object' || Array.isArray(runAs)) return;
    const r = runAs as Record<string, unknown>;
    const set = FIELDS.filter((f) => typeof r[f] === 'string' && r[f] !== '');
    if (set.length === 1) return;
    const firstKey = Object.keys(r)[0];
    const loc = firstKey !== undefined ? locOf(r, firstKey) : undefined;
    const at = loc ? `${loc.file.path}:${loc.keyStart}` : path.join('.');
    if (seen.has(at)) return;
    seen.add(at);
    const summary = set.length === 0
      ? 'run_as section must specify exactly one identity. Neither service_principal_name nor user_name is specified'
      : `run_as section must specify exactly one identity. A service_principal_name "${String(r.service_principal_name)}" and a user_name "${String(r.user_name)}" are specified`;
    out.push(diag('error', 'run-as/identity', summary, {
      path,
      span: loc ? keySpan(loc) : spanAt(config, path),
      detail: 'Set one of user_name, service_principal_name or group_name.',
    }));
  };
  check(config.run_as, ['run_as']);
  for (const job of jobs) if (job.path.length > 0) check(job.settings.run_as, [...job.path, 'run_as']);
  const exp = config.experimental as Record<string, unknown> | undefined;
  if (exp && exp.use_legacy_run_as === true) {
    const loc = locOf(exp, 'use_legacy_run_as');
    out.push(diag('warning', 'run-as/legacy-pipelines',
      'You are using the legacy mode of run_as. The support for this mode is experimental and might be removed in a future release of the CLI. In order to run the pipelines in your DABs project as the run_as user this mode changes the owners of the pipelines to the run_as identity, which requires the user deploying the bundle to be a workspace admin, and also a Metastore admin if the pipeline target is in UC.', {
        path: ['experimental', 'use_legacy_run_as'],
        span: loc && valueSpan(loc),
      }));
  }
  return out;
};
