/**
 * Uploads and deletes files as the file plan says (I/O), with `import-file overwrite=true` as
 * the reference CLI does; the workspace turns source notebooks into notebooks (and drops their
 * extension). Folders that cannot exist yet are created first, deepest only (mkdirs is
 * `mkdir -p`), so a new folder of many files costs one mkdirs instead of a 404 per file.
 */
import type { FileChange, FilesPlan, LibraryUpload } from '../../plan/model.js';
import type { FileSystem } from '../../ports/io.js';
import type { WorkspaceClient } from '../../remote/client.js';
import type { Report } from '../events.js';
import { runGraph } from '../run-graph.js';
import { deleteWorkspaceObject, parentOf, writeWorkspaceFile } from '../workspace-io.js';

export interface SyncApplyInput {
  client: WorkspaceClient;
  fs: FileSystem;
  plan: FilesPlan;
  /** Absolute local path of each file to upload, by sync-root-relative path. */
  localAbs: ReadonlyMap<string, string>;
  /** Library uploads: absolute local path by root-relative path. */
  libraryAbs: ReadonlyMap<string, string>;
  /** Folders known to exist (those of the previous snapshot). */
  knownFolders: ReadonlySet<string>;
  concurrency: number;
  report: Report;
}

export class SyncError extends Error {
  constructor(readonly path: string, readonly call: string, override readonly cause: unknown) {
    super(`${path}: ${call} failed`);
  }
}

export async function applyFileSync(input: SyncApplyInput): Promise<void> {
  const { client, plan } = input;
  const uploads: { local: string; remote: string; label: string; report: string }[] = [
    ...plan.upload.map((f: FileChange) => ({ local: input.localAbs.get(f.path)!, remote: uploadPath(plan.root, f), label: f.path, report: f.path })),
    ...plan.libraries.map((l: LibraryUpload) => ({ local: input.libraryAbs.get(l.localPath)!, remote: l.remotePath, label: l.localPath, report: l.localPath })),
  ];
  const folders = deepestNewFolders(uploads.map((u) => parentOf(u.remote)), input.knownFolders);
  await runAll(folders.map((dir) => ({ id: dir, run: () => guard(dir, 'workspace/mkdirs', () => client.workspace.mkdirs(dir)) })), input.concurrency);
  await runAll(uploads.map((u) => ({
    id: u.remote,
    run: async () => {
      const bytes = await input.fs.readFile(u.local);
      await guard(u.label, 'workspace-files/import-file', () => writeWorkspaceFile(client, u.remote, bytes, true));
      input.report({ type: 'file.done', path: u.report, action: 'upload' });
    },
  })), input.concurrency);
  await runAll(plan.delete.map((f) => ({
    id: f.remotePath,
    run: async () => {
      await guard(f.path, 'workspace/delete', () => deleteWorkspaceObject(client, f.remotePath));
      input.report({ type: 'file.done', path: f.path, action: 'delete' });
    },
  })), input.concurrency);
}

/** Import-file takes the local name; the workspace strips a notebook's extension itself. */
function uploadPath(root: string, f: FileChange): string {
  return `${root}/${f.path}`;
}

/** The folders to create: not known to exist, and not an ancestor of another one in the list. */
export function deepestNewFolders(dirs: readonly string[], known: ReadonlySet<string>): string[] {
  const wanted = [...new Set(dirs)].filter((d) => !known.has(d));
  return wanted.filter((d) => !wanted.some((o) => o !== d && o.startsWith(`${d}/`))).sort();
}

async function runAll(tasks: { id: string; run: () => Promise<void> }[], concurrency: number): Promise<void> {
  const res = await runGraph(tasks.map((t) => ({ ...t, deps: [] })), concurrency);
  if (res.failed) throw res.failed.error;
}

async function guard(path: string, call: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    throw new SyncError(path, call, err);
  }
}
