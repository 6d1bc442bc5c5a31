/**
 * Resource permissions as the reference CLI prepares them (pure): top-level `permissions` are
 * added to every resource that takes them, each principal keeps only its highest level, and
 * whenever a resource ends up with a permissions list the deploying user is added as
 * `IS_OWNER` (or `CAN_MANAGE` when another owner is named). No list anywhere means no
 * permissions call at deploy.
 */
import { USER_REF, type UserNames } from './current-user.js';
import { cloneWithLocs, isDict, type Dict } from './merge.js';

/** Levels from weakest to strongest, across resource kinds (pipelines have CAN_RUN). */
const RANK = ['CAN_VIEW', 'CAN_RUN', 'CAN_MANAGE_RUN', 'CAN_MANAGE', 'IS_OWNER'];
const PRINCIPALS = ['user_name', 'group_name', 'service_principal_name'] as const;
/** Kinds whose owner is set by the deploying user. */
const OWNED_KINDS = new Set(['jobs', 'pipelines']);

export function applyPermissions(config: Dict, user?: UserNames): void {
  const top = Array.isArray(config.permissions) ? config.permissions.filter(isDict) : [];
  const resources = isDict(config.resources) ? config.resources : {};
  for (const kind of OWNED_KINDS) {
    const group = resources[kind];
    if (!isDict(group)) continue;
    for (const r of Object.values(group)) {
      if (!isDict(r)) continue;
      const own = Array.isArray(r.permissions) ? r.permissions.filter(isDict) : [];
      const all = [...top.map((p) => cloneWithLocs(p)), ...own];
      if (all.length > 0) r.permissions = withOwner(all, user);
    }
  }
}

const rank = (level: unknown) => RANK.indexOf(String(level));

function withOwner(perms: Dict[], user?: UserNames): Dict[] {
  const me = user?.userName ?? USER_REF.userName;
  const best = new Map<string, Dict>();
  for (const p of perms) {
    const principal = PRINCIPALS.find((k) => typeof p[k] === 'string');
    if (!principal) continue;
    const id = `${principal}:${String(p[principal])}`;
    const prev = best.get(id);
    if (!prev || rank(p.level) > rank(prev.level)) {
      best.delete(id);
      best.set(id, p);
    }
  }
  const otherOwner = [...best.values()].some((p) => p.level === 'IS_OWNER' && p.user_name !== me);
  const level = otherOwner ? 'CAN_MANAGE' : 'IS_OWNER';
  const mine = best.get(`user_name:${me}`);
  if (!mine || rank(mine.level) < rank(level)) {
    best.delete(`user_name:${me}`);
    best.set(`user_name:${me}`, { level, user_name: me });
  }
  return [...best.values()];
}
