/**
 * Lookup variables (`variables.x.lookup: {job: "Nightly ETL"}`) resolved in the workspace at
 * deploy (I/O), then the configuration's `${var.x}` references resolved again with the ids.
 *
 * The reference CLI knows twelve kinds; this tool looks up `job` (jobs/list by exact name,
 * case-insensitive, as the API matches) and reports the others as errors that say how to pass
 * the id instead, since its client speaks only the Jobs, Workspace and SCIM APIs.
 */
import { isDict, type Dict } from '../bundle/merge.js';
import { resolveBundleRefs } from '../bundle/resolve-refs.js';
import { diag, type Diagnostic } from '../diag/diagnostic.js';
import type { WorkspaceClient } from '../remote/client.js';
import { normalizeToSchema } from '../schema/normalize.js';
import { spanAt } from '../source/locations.js';

export const LOOKUP_KINDS = ['alert', 'cluster', 'cluster_policy', 'dashboard', 'instance_pool', 'job', 'metastore', 'notification_destination', 'pipeline', 'query', 'service_principal', 'warehouse'];

/** Resolves lookups in place; returns what went wrong (errors stop the deploy). */
export async function resolveLookups(config: Dict, client: WorkspaceClient): Promise<Diagnostic[]> {
  const vars = isDict(config.variables) ? config.variables : {};
  const out: Diagnostic[] = [];
  let resolved = 0;
  for (const [name, decl] of Object.entries(vars)) {
    if (!isDict(decl) || !isDict(decl.lookup) || (decl.value !== undefined && decl.value !== null)) continue;
    const [kind, target] = Object.entries(decl.lookup)[0] ?? [];
    const where = { path: ['variables', name, 'lookup'], span: spanAt(config, ['variables', name, 'lookup']) };
    if (kind !== 'job') {
      out.push(diag('error', 'deploy/lookup-unsupported', `variable ${name}: looking up a ${kind ?? '(nothing)'} is not supported; jobs-as-code can look up jobs only`, {
        ...where,
        detail: `Pass the ${kind ?? 'object'} id instead: --var ${name}=<id>, BUNDLE_VAR_${name}, or a default in the target.`,
      }));
      continue;
    }
    const matches: string[] = [];
    for await (const job of client.jobs.list({ name: String(target), limit: 100 })) matches.push(String(job.job_id));
    if (matches.length !== 1) {
      out.push(diag('error', 'deploy/lookup-failed', matches.length === 0
        ? `variable ${name}: no job named "${String(target)}" in the workspace`
        : `variable ${name}: ${matches.length} jobs are named "${String(target)}" (ids ${matches.join(', ')}); a lookup needs exactly one`, where));
      continue;
    }
    decl.value = matches[0];
    resolved++;
  }
  if (resolved > 0) {
    // Only the references to the looked-up variables are left to resolve; others are done.
    out.push(...resolveBundleRefs(config).filter((d) => d.severity === 'error'));
    normalizeToSchema(config);
  }
  return out;
}
