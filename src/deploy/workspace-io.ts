/**
 * Workspace file calls as deploy uses them (I/O): write with `import-file` and create the
 * parent folder on 404, read raw bytes with 404 as "absent". The reference CLI's filer does the
 * same (bundle-semantics.md §6.3).
 */
import type { WorkspaceClient } from '../remote/client.js';
import { isNotFound } from '../remote/errors.js';

export async function writeWorkspaceFile(client: WorkspaceClient, path: string, content: Buffer | string, overwrite: boolean): Promise<void> {
  try {
    await client.workspace.importFile(path, content, { overwrite });
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await client.workspace.mkdirs(parentOf(path));
    await client.workspace.importFile(path, content, { overwrite });
  }
}

/** The file's bytes, or undefined when it does not exist. */
export async function readWorkspaceFile(client: WorkspaceClient, path: string): Promise<Buffer | undefined> {
  try {
    return await client.workspace.download(path);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export async function workspaceObjectExists(client: WorkspaceClient, path: string): Promise<boolean> {
  try {
    await client.workspace.getStatus(path);
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/** Deletes an object; one that is already gone is fine. */
export async function deleteWorkspaceObject(client: WorkspaceClient, path: string, recursive = false): Promise<void> {
  try {
    await client.workspace.delete(path, { recursive });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export function parentOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at <= 0 ? '/' : path.slice(0, at);
}
