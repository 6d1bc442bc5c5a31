/**
 * The two files the reference CLI writes beside the state (bundle-semantics.md §6.1), built
 * here as data (pure):
 *
 * - `deployment.json`: `{version, seq, cli_version, timestamp, files: [{local_path,
 *   is_notebook}], id}`, the list of synced files that lets the next deploy delete files
 *   removed locally. We add, compatibly, a `sha256` per file, the `file_path` they were synced
 *   to and the uploaded `artifacts`, so an unchanged file is never uploaded again, from any
 *   machine (a CI runner has no local snapshot).
 * - `metadata.json`: `{version, config: {bundle, workspace: {file_path}, resources: {jobs:
 *   {<key>: {id, relative_path}}}, presets}, extra}`, which every job's
 *   `deployment.metadata_file_path` points at.
 */
import { parseJsonObject } from '../api/json.js';

export const DEPLOYMENT_FILE = 'deployment.json';
export const METADATA_FILE = 'metadata.json';

export interface SyncedFile {
  local_path: string;
  is_notebook: boolean;
  /** Ours: the content hash at upload. */
  sha256?: string;
}

export interface UploadedArtifact {
  local_path: string;
  remote_path: string;
  sha256: string;
}

export interface DeploymentFile {
  version: 1;
  seq: number;
  cli_version: string;
  timestamp: string;
  files: SyncedFile[];
  id: string;
  /** Ours: `${workspace.file_path}` when the files were synced. */
  file_path?: string;
  /** Ours: local libraries uploaded to `${workspace.artifact_path}/.internal`. */
  artifacts?: UploadedArtifact[];
}

export function parseDeploymentFile(text: string): DeploymentFile | undefined {
  const d = parseJsonObject(text) as Partial<DeploymentFile> | undefined;
  if (!d) return undefined;
  if (!Array.isArray(d.files) || typeof d.seq !== 'number') return undefined;
  const files = d.files.filter((f): f is SyncedFile => f !== null && typeof f === 'object' && typeof f.local_path === 'string');
  const artifacts = Array.isArray(d.artifacts) ? d.artifacts.filter((a) => a && typeof a.local_path === 'string' && typeof a.sha256 === 'string') : undefined;
  return {
    version: 1, seq: d.seq, cli_version: String(d.cli_version ?? ''), timestamp: String(d.timestamp ?? ''), files, id: String(d.id ?? ''),
    ...(typeof d.file_path === 'string' ? { file_path: d.file_path } : {}), ...(artifacts ? { artifacts } : {}),
  };
}

export interface MetadataInput {
  bundle: { name: string; target: string; mode?: string; git?: Record<string, unknown> };
  filePath: string;
  jobs: { key: string; id: string; relativePath?: string }[];
  sourceLinked: boolean;
}

export function buildMetadata(m: MetadataInput): Record<string, unknown> {
  const jobs: Record<string, unknown> = {};
  for (const j of [...m.jobs].sort((a, b) => (a.key < b.key ? -1 : 1))) jobs[j.key] = { id: j.id, ...(j.relativePath ? { relative_path: j.relativePath } : {}) };
  const git = m.bundle.git ?? {};
  return {
    version: 1,
    config: {
      bundle: { name: m.bundle.name, target: m.bundle.target, ...(m.bundle.mode ? { mode: m.bundle.mode } : {}), git },
      workspace: { file_path: m.filePath },
      resources: { jobs },
      presets: { source_linked_deployment: m.sourceLinked },
    },
    extra: typeof git.bundle_root_path === 'string' ? { git_folder_path: git.bundle_root_path } : {},
  };
}
