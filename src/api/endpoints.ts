/**
 * The REST surface both sides speak, by name. The client, the embedded server's router and the
 * fault-injection rules all refer to endpoints by these names (`jobs/get`, `workspace/import`…),
 * so one table decides paths and which calls are safe to retry.
 */

/**
 * How a call may be retried after an ambiguous failure (the request may have been applied):
 * - `idempotent`: repeating it has the same effect (reads, reset, cancel, PUT permissions…);
 * - `delete`: idempotent, but a retry that finds nothing means the first attempt worked;
 * - `token`: carries an idempotency token, so the server deduplicates it (run-now);
 * - `unsafe`: retried only when it surely never reached the server (create, repair).
 */
export type Retry = 'idempotent' | 'delete' | 'token' | 'unsafe';

export interface EndpointSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** Path template; `{id}`/`{path}` are filled by the caller. */
  path: string;
  retry: Retry;
}

export const ENDPOINTS = {
  'jobs/create': { method: 'POST', path: '/api/2.2/jobs/create', retry: 'unsafe' },
  'jobs/reset': { method: 'POST', path: '/api/2.2/jobs/reset', retry: 'idempotent' },
  'jobs/update': { method: 'POST', path: '/api/2.2/jobs/update', retry: 'idempotent' },
  'jobs/delete': { method: 'POST', path: '/api/2.2/jobs/delete', retry: 'delete' },
  'jobs/get': { method: 'GET', path: '/api/2.2/jobs/get', retry: 'idempotent' },
  'jobs/list': { method: 'GET', path: '/api/2.2/jobs/list', retry: 'idempotent' },
  'jobs/run-now': { method: 'POST', path: '/api/2.2/jobs/run-now', retry: 'token' },
  'jobs/runs/get': { method: 'GET', path: '/api/2.2/jobs/runs/get', retry: 'idempotent' },
  'jobs/runs/list': { method: 'GET', path: '/api/2.2/jobs/runs/list', retry: 'idempotent' },
  'jobs/runs/get-output': { method: 'GET', path: '/api/2.2/jobs/runs/get-output', retry: 'idempotent' },
  'jobs/runs/cancel': { method: 'POST', path: '/api/2.2/jobs/runs/cancel', retry: 'idempotent' },
  'jobs/runs/cancel-all': { method: 'POST', path: '/api/2.2/jobs/runs/cancel-all', retry: 'idempotent' },
  'jobs/runs/repair': { method: 'POST', path: '/api/2.2/jobs/runs/repair', retry: 'unsafe' },
  'jobs/runs/delete': { method: 'POST', path: '/api/2.2/jobs/runs/delete', retry: 'delete' },
  'permissions/jobs/get': { method: 'GET', path: '/api/2.0/permissions/jobs/{id}', retry: 'idempotent' },
  'permissions/jobs/set': { method: 'PUT', path: '/api/2.0/permissions/jobs/{id}', retry: 'idempotent' },
  'permissions/jobs/update': { method: 'PATCH', path: '/api/2.0/permissions/jobs/{id}', retry: 'idempotent' },
  'permissions/jobs/levels': { method: 'GET', path: '/api/2.0/permissions/jobs/{id}/permissionLevels', retry: 'idempotent' },
  'workspace/mkdirs': { method: 'POST', path: '/api/2.0/workspace/mkdirs', retry: 'idempotent' },
  'workspace/import': { method: 'POST', path: '/api/2.0/workspace/import', retry: 'idempotent' },
  'workspace-files/import-file': { method: 'POST', path: '/api/2.0/workspace-files/import-file/{path}', retry: 'idempotent' },
  'workspace/export': { method: 'GET', path: '/api/2.0/workspace/export', retry: 'idempotent' },
  'workspace/get-status': { method: 'GET', path: '/api/2.0/workspace/get-status', retry: 'idempotent' },
  'workspace/list': { method: 'GET', path: '/api/2.0/workspace/list', retry: 'idempotent' },
  'workspace/delete': { method: 'POST', path: '/api/2.0/workspace/delete', retry: 'delete' },
  'scim/me': { method: 'GET', path: '/api/2.0/preview/scim/v2/Me', retry: 'idempotent' },
} as const satisfies Record<string, EndpointSpec>;

export type EndpointName = keyof typeof ENDPOINTS;
