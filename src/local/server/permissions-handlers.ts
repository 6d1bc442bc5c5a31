/**
 * Job permissions (jobs-api-2.2.md §4): GET returns the direct grants plus the inherited
 * `admins` CAN_MANAGE; PUT replaces, PATCH merges; after either, exactly one IS_OWNER.
 */
import type { AccessControlRequest, PermissionLevel } from '../../api/jobs.js';
import type { AccessControlResponse, ObjectPermissions } from '../../api/workspace.js';
import type { WorkspaceContext } from './context.js';
import { invalid } from './failure.js';
import type { HandlerRequest } from './handler.js';
import { findJob } from './jobs-handlers.js';
import { requiredId } from './request.js';

const LEVELS: readonly PermissionLevel[] = ['CAN_VIEW', 'CAN_MANAGE_RUN', 'CAN_MANAGE', 'IS_OWNER'];
const PRINCIPALS = ['user_name', 'group_name', 'service_principal_name'] as const;

const principalOf = (e: AccessControlRequest): string => PRINCIPALS.map((p) => (e[p] !== undefined ? `${p}:${e[p]}` : '')).join('');

export function checkAcl(acl: unknown): asserts acl is AccessControlRequest[] {
  if (!Array.isArray(acl)) throw invalid('access_control_list must be an array.');
  for (const e of acl as AccessControlRequest[]) {
    if (PRINCIPALS.filter((p) => typeof e?.[p] === 'string').length !== 1)
      throw invalid('Each access control entry must name exactly one of user_name, group_name, service_principal_name.');
    if (!LEVELS.includes(e.permission_level)) throw invalid(`Invalid permission level: ${String(e.permission_level)}. Expected one of ${LEVELS.join(', ')}.`);
    if (e.permission_level === 'IS_OWNER' && e.group_name !== undefined) throw invalid('A group cannot own a job.');
  }
  if ((acl as AccessControlRequest[]).filter((e) => e.permission_level === 'IS_OWNER').length !== 1) throw invalid('The job must have exactly one owner.');
}

function view(ctx: WorkspaceContext, jobId: string, acl: readonly AccessControlRequest[]): ObjectPermissions {
  const entries: AccessControlResponse[] = acl.map((e) => {
    const p = PRINCIPALS.find((k) => e[k] !== undefined) as (typeof PRINCIPALS)[number];
    return { [p]: e[p], ...(p === 'user_name' && e[p] === ctx.userName ? { display_name: ctx.userName } : {}), all_permissions: [{ permission_level: e.permission_level, inherited: false }] };
  });
  entries.push({ group_name: 'admins', all_permissions: [{ permission_level: 'CAN_MANAGE', inherited: true, inherited_from_object: ['/jobs/'] }] });
  return { object_id: `/jobs/${jobId}`, object_type: 'job', access_control_list: entries };
}

export function getPermissions(ctx: WorkspaceContext, req: HandlerRequest): ObjectPermissions {
  const jobId = requiredId(req.params.id, 'job_id');
  findJob(ctx.store.state, jobId);
  return view(ctx, String(jobId), ctx.store.state.acls.get(String(jobId)) ?? []);
}

export function setPermissions(merge: boolean) {
  return (ctx: WorkspaceContext, req: HandlerRequest): Promise<ObjectPermissions> => {
    const jobId = requiredId(req.params.id, 'job_id');
    const incoming = (req.body.access_control_list ?? []) as AccessControlRequest[];
    if (!Array.isArray(incoming)) throw invalid('access_control_list must be an array.');
    return ctx.store.mutate((state) => {
      findJob(state, jobId);
      let acl = incoming;
      if (merge) {
        const byPrincipal = new Map((state.acls.get(String(jobId)) ?? []).map((e) => [principalOf(e), e]));
        // A new owner replaces the old one: ownership moves rather than duplicates.
        if (incoming.some((e) => e.permission_level === 'IS_OWNER'))
          for (const [k, e] of byPrincipal) if (e.permission_level === 'IS_OWNER') byPrincipal.delete(k);
        for (const e of incoming) byPrincipal.set(principalOf(e), e);
        acl = [...byPrincipal.values()];
      }
      checkAcl(acl);
      return { ops: [{ op: 'acl.put', job_id: jobId, acl }], result: view(ctx, String(jobId), acl) };
    });
  };
}

export function permissionLevels(ctx: WorkspaceContext, req: HandlerRequest): { permission_levels: { permission_level: string; description: string }[] } {
  findJob(ctx.store.state, requiredId(req.params.id, 'job_id'));
  const text: Record<PermissionLevel, string> = {
    CAN_VIEW: 'Can view the job', CAN_MANAGE_RUN: 'Can view, trigger and cancel runs', CAN_MANAGE: 'Can edit, delete and manage permissions', IS_OWNER: 'Owner of the job',
  };
  return { permission_levels: LEVELS.map((l) => ({ permission_level: l, description: text[l] })) };
}

export function me(ctx: WorkspaceContext): object {
  return {
    id: '1', userName: ctx.userName, displayName: ctx.userName, active: true,
    emails: [{ value: ctx.userName, type: 'work', primary: true }],
    groups: [{ value: '1', display: 'admins', type: 'direct', $ref: 'Groups/1' }],
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:workspace:2.0:User'],
  };
}
