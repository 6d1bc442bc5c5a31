/**
 * The deploying identity as bundles see it (`${workspace.current_user.*}`), derived from the
 * SCIM `Me` answer. Offline, it is unknown and every use stays a literal reference.
 */
export interface CurrentUser {
  userName: string;
  displayName?: string;
  id?: string;
}

export interface UserNames {
  userName: string;
  short_name: string;
  domain_friendly_name: string;
  displayName?: string;
  id?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A service principal's userName is its application id (a UUID). */
export function isServicePrincipal(user: CurrentUser): boolean {
  return UUID.test(user.userName);
}

/** `Jane.Doe@x.com` → short `jane_doe`, domain-friendly `jane-doe` (the reference's rules). */
export function userNames(user: CurrentUser): UserNames {
  const base = isServicePrincipal(user) && user.displayName ? user.displayName : user.userName.split('@')[0]!;
  const norm = (sep: string) =>
    base
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, sep)
      .replace(new RegExp(`^\\${sep}+|\\${sep}+$`, 'g'), '');
  return { userName: user.userName, short_name: norm('_'), domain_friendly_name: norm('-'), displayName: user.displayName, id: user.id };
}

/** What `${workspace.current_user.<field>}` means when the user is not known yet. */
export const USER_REF = {
  userName: '${workspace.current_user.userName}',
  short_name: '${workspace.current_user.short_name}',
} as const;
