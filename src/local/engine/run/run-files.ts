/**
 * Where a run's code comes from: the workspace files the deployer imported. The engine keeps a
 * local mirror of the workspace (`<data dir>/engine/workspace/Users/me/.bundle/etl/files/…`) and,
 * before a task runs, brings into it what the task needs: the whole deployed bundle when the
 * entry lies in one (`<root_path>/files` beside `<root_path>/state`), so sibling modules import
 * and data files next to the code are found as on Databricks; otherwise the entry's directory;
 * plus the notebooks a notebook `%run`s. Notebooks are stored without their extension, as in
 * the workspace.
 *
 * The mirror persists, as `/Workspace` does: files a task writes beside its code are still there
 * for the next task, run or repair. A file is rewritten only when its content in the workspace
 * changed (atomically, so a task never reads half of one), and files the workspace no longer has
 * are removed. Each execution (a run or a repair) syncs a directory once: it runs one consistent
 * version of the code.
 */
import { dirname, join } from 'node:path';
import type { WsObject } from '../../store/model.js';
import { canonicalPath, parentOf } from '../../workspace/paths.js';
import type { EngineFs } from '../../../ports/engine.js';

/** The workspace as the engine reads it (the store's current state). */
export interface WorkspaceView {
  get(path: string): WsObject | undefined;
  /** Objects strictly below a directory, any depth. */
  below(dir: string): [string, WsObject][];
  readBlob(sha: string): Promise<Buffer>;
}

/** Bounds on copying a directory: a task's folder may be someone's whole home folder. */
const MAX_TREE_FILES = 2000;
const MAX_TREE_BYTES = 200 * 1024 * 1024;
const RUN_MAGIC = /^\s*(?:# MAGIC |-- MAGIC )?%run\s+(\S+)/gm;

export interface Entry {
  local: string;
  path: string;
  obj: WsObject;
}

/** What the mirror holds: workspace path → content hash, shared by every execution. */
export type MirrorIndex = Map<string, string>;

export class RunFiles {
  private readonly copied = new Map<string, Promise<void>>();
  private readonly trees = new Map<string, Promise<void>>();
  private readonly dirs = new Map<string, Promise<void>>();

  constructor(
    /** The local directory that mirrors the workspace root. */
    readonly root: string,
    private readonly ws: WorkspaceView,
    private readonly fs: EngineFs,
    private readonly index: MirrorIndex,
  ) {}

  localPath(path: string): string {
    return join(this.root, path);
  }

  /** Copies the object at a workspace path (with its directory) and returns where it is. */
  async entry(rawPath: string, what: string): Promise<Entry | { error: string }> {
    let path: string;
    try {
      path = canonicalPath(rawPath);
    } catch {
      return { error: `${what} ${rawPath} is not an absolute workspace path; the local workspace runs code from workspace files only` };
    }
    const obj = this.ws.get(path);
    if (!obj || obj.object_type === 'DIRECTORY') return { error: missing(what, rawPath, this.ws.get(path.replace(/\.(py|sql|ipynb)$/, ''))) };
    await this.tree(this.scope(path));
    await this.copy(path, obj);
    if (obj.object_type === 'NOTEBOOK') await this.runTargets(path, obj, 0);
    return { local: this.localPath(path), path, obj };
  }

  async read(obj: WsObject): Promise<Buffer> {
    return obj.blob ? this.ws.readBlob(obj.blob) : Buffer.alloc(0);
  }

  /** The deployed bundle's files folder holding `path`, else the folder of `path`. */
  private scope(path: string): string {
    for (let dir = parentOf(path); dir !== '/'; dir = parentOf(dir)) {
      if (dir.endsWith('/files') && this.ws.get(`${parentOf(dir)}/state`)?.object_type === 'DIRECTORY') return dir;
    }
    return parentOf(path);
  }

  private tree(dir: string): Promise<void> {
    let pending = this.trees.get(dir);
    if (!pending) {
      pending = (async () => {
        let files = 0;
        let bytes = 0;
        for (const [p, o] of this.ws.below(dir).sort(([a], [b]) => (a < b ? -1 : 1))) {
          if (o.object_type !== 'FILE' && o.object_type !== 'NOTEBOOK') continue;
          if (++files > MAX_TREE_FILES || (bytes += o.size ?? 0) > MAX_TREE_BYTES) break;
          await this.copy(p, o);
        }
        // Files this mirror wrote that the workspace no longer has (deleted by a deploy).
        const prefix = dir === '/' ? '/' : `${dir}/`;
        for (const p of [...this.index.keys()]) {
          if (!p.startsWith(prefix) || this.ws.get(p)) continue;
          this.index.delete(p);
          await this.fs.rm(this.localPath(p));
        }
      })();
      this.trees.set(dir, pending);
    }
    return pending;
  }

  private copy(path: string, obj: WsObject): Promise<void> {
    let pending = this.copied.get(path);
    if (!pending) {
      pending = (async () => {
        const version = obj.blob ?? '';
        if (this.index.get(path) === version) return;
        const local = this.localPath(path);
        await this.mkdir(dirname(local));
        const tmp = `${local}.jobs-sync-${Math.random().toString(36).slice(2)}`;
        await this.fs.writeFile(tmp, await this.read(obj));
        await this.fs.rename(tmp, local);
        this.index.set(path, version);
      })();
      this.copied.set(path, pending);
    }
    return pending;
  }

  private mkdir(dir: string): Promise<void> {
    let made = this.dirs.get(dir);
    if (!made) this.dirs.set(dir, (made = this.fs.mkdir(dir)));
    return made;
  }

  /** Notebooks named by `%run` (relative to the notebook), recursively, a bounded depth. */
  private async runTargets(path: string, obj: WsObject, depth: number): Promise<void> {
    if (depth > 10) return;
    const text = (await this.read(obj)).toString('utf8');
    for (const m of text.matchAll(RUN_MAGIC)) {
      const target = (m[1] as string).replace(/^["']|["']$/g, '');
      const abs = target.startsWith('/') ? target : join(parentOf(path), target);
      let canonical: string;
      try {
        canonical = canonicalPath(abs);
      } catch {
        continue;
      }
      const o = this.ws.get(canonical);
      if (!o || this.copied.has(canonical)) continue;
      await this.copy(canonical, o);
      if (o.object_type === 'NOTEBOOK') await this.runTargets(canonical, o, depth + 1);
    }
  }
}

function missing(what: string, path: string, notebook: WsObject | undefined): string {
  if (notebook?.object_type === 'NOTEBOOK')
    return `${what} ${path} does not exist in the workspace, but ${path.replace(/\.(py|sql|ipynb)$/, '')} is a notebook (notebooks are imported without their extension)`;
  return `${what} ${path} does not exist in the workspace (deploy the bundle first: the local workspace runs the files the deployer imported)`;
}
