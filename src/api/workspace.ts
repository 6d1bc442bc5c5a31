/**
 * Workspace API subset a deployer needs (jobs-api-2.2.md §5), job permissions (§4) and the
 * SCIM current user (§6).
 */
import type { Int64 } from './json.js';
import type { AccessControlRequest, PermissionLevel } from './jobs.js';

export type ObjectType = 'NOTEBOOK' | 'DIRECTORY' | 'FILE' | 'LIBRARY' | 'REPO' | 'DASHBOARD';
export type Language = 'PYTHON' | 'SQL' | 'SCALA' | 'R';
export const IMPORT_FORMATS = ['AUTO', 'SOURCE', 'RAW', 'HTML', 'JUPYTER', 'DBC', 'R_MARKDOWN'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const LANGUAGES: readonly Language[] = ['PYTHON', 'SQL', 'SCALA', 'R'];

export interface ObjectInfo {
  object_type: ObjectType;
  path: string;
  object_id?: Int64;
  resource_id?: string;
  language?: Language;
  created_at?: number;
  modified_at?: number;
  size?: number;
}

export interface MkdirsRequest {
  path: string;
}
export interface ImportRequest {
  path: string;
  /** base64 */
  content?: string;
  format?: ImportFormat;
  language?: Language;
  overwrite?: boolean;
}
export interface ExportRequest {
  path: string;
  format?: ImportFormat;
  direct_download?: boolean;
}
export interface ExportResponse {
  /** base64 */
  content?: string;
  file_type?: string;
}
export interface GetStatusRequest {
  path: string;
  return_export_info?: boolean;
}
export interface ListRequest {
  path: string;
  notebooks_modified_after?: number;
}
export interface ListResponse {
  objects?: ObjectInfo[];
}
export interface DeleteRequest {
  path: string;
  recursive?: boolean;
}

export interface Permission {
  permission_level: PermissionLevel;
  inherited?: boolean;
  inherited_from_object?: string[];
}
export interface AccessControlResponse {
  user_name?: string;
  group_name?: string;
  service_principal_name?: string;
  display_name?: string;
  all_permissions?: Permission[];
}
export interface ObjectPermissions {
  object_id?: string;
  object_type?: string;
  access_control_list?: AccessControlResponse[];
}
export interface SetPermissionsRequest {
  access_control_list: AccessControlRequest[];
}

export interface ScimUser {
  id: string;
  userName: string;
  displayName?: string;
  active?: boolean;
  emails?: { value: string; type?: string; primary?: boolean }[];
  name?: { givenName?: string; familyName?: string };
  groups?: { value: string; display?: string; $ref?: string; type?: string }[];
  entitlements?: { value: string }[];
  externalId?: string;
  schemas?: string[];
}
