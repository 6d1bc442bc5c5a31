/**
 * Which files to upload and delete (pure): the local files against the snapshot of the last
 * deploy (deployment.json). A file is uploaded when it is new or its hash changed; a file in
 * the snapshot and gone locally is deleted. A file that became (or stopped being) a notebook
 * changes its workspace name, so the old object is deleted too.
 *
 * The snapshot is trusted only for the same `file_path` and when that folder still exists in
 * the workspace; otherwise everything is uploaded again (and nothing deleted: the old
 * location is not ours to clean).
 */
import type { FileChange, FilesPlan, LibraryUpload } from '../../plan/model.js';
import type { DeploymentFile, SyncedFile } from '../deployment-files.js';
import type { LocalFile } from './scan.js';

export interface SyncPlanInput {
  files: readonly LocalFile[];
  /** `${workspace.file_path}`. */
  filePath: string;
  previous?: DeploymentFile;
  /** Whether `file_path` exists in the workspace now. */
  folderExists: boolean;
  libraries: LibraryUpload[];
}

export function planFileSync(input: SyncPlanInput): FilesPlan {
  const trusted = input.previous && input.folderExists && (input.previous.file_path === undefined || input.previous.file_path === input.filePath);
  const before = new Map<string, SyncedFile>((trusted ? input.previous!.files : []).map((f) => [f.local_path, f]));
  const upload: FileChange[] = [];
  const del: FileChange[] = [];
  let unchanged = 0;
  for (const f of input.files) {
    const prev = before.get(f.path);
    before.delete(f.path);
    if (prev && prev.sha256 === f.sha256 && prev.is_notebook === f.notebook) {
      unchanged++;
      continue;
    }
    if (prev && prev.is_notebook !== f.notebook) del.push(change(input.filePath, prev.local_path, prev.is_notebook));
    upload.push(change(input.filePath, f.path, f.notebook));
  }
  for (const gone of before.values()) del.push(change(input.filePath, gone.local_path, gone.is_notebook));
  return { root: input.filePath, upload, delete: del, unchanged, libraries: input.libraries };
}

/** Workspace path of a synced file: notebooks lose their extension. */
export function remotePathOf(filePath: string, rel: string, notebook: boolean): string {
  const name = notebook ? rel.replace(/\.[^./]+$/, '') : rel;
  return `${filePath}/${name}`;
}

function change(filePath: string, path: string, notebook: boolean): FileChange {
  return { path, remotePath: remotePathOf(filePath, path, notebook), notebook };
}

/** The snapshot entries after a successful sync. */
export function syncedFiles(files: readonly LocalFile[]): SyncedFile[] {
  return files.map((f) => ({ local_path: f.path, is_notebook: f.notebook, sha256: f.sha256 }));
}
