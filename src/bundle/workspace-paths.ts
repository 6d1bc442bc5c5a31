/**
 * Workspace path defaults (pure), in the reference's order: `root_path` defaults to
 * `~/.bundle/${bundle.name}/${bundle.target}`; `~/` expands to the user's home folder; the
 * other paths default under `root_path`; absolute paths outside `/Workspace` and `/Volumes` gain
 * the `/Workspace` prefix; and `/Workspace${workspace.…}` is simplified with a warning.
 */
import { diag, type Diagnostic } from '../diag/diagnostic.js';
import { spanAt } from '../source/locations.js';
import { defineKey } from '../source/parse-yaml.js';
import { USER_REF, type UserNames } from './current-user.js';
import { isDict, type Dict } from './merge.js';
import { forEachString } from '../source/walk.js';

const DERIVED = { file_path: 'files', artifact_path: 'artifacts', state_path: 'state', resource_path: 'resources' } as const;
const ALL_PATHS = ['root_path', ...Object.keys(DERIVED)] as const;

export function defineWorkspacePaths(config: Dict, user?: UserNames): Diagnostic[] {
  if (!isDict(config.workspace)) defineKey(config, 'workspace', {});
  const ws = config.workspace as Dict;
  if (user) ws.current_user = Object.fromEntries(Object.entries(user).filter(([, v]) => v !== undefined));
  if (typeof ws.root_path !== 'string' || ws.root_path === '') ws.root_path = '~/.bundle/${bundle.name}/${bundle.target}';
  const root = ws.root_path as string;
  if (root === '~' || root.startsWith('~/')) ws.root_path = `/Workspace/Users/${user?.userName ?? USER_REF.userName}${root.slice(1)}`;
  for (const [field, dir] of Object.entries(DERIVED)) {
    if (typeof ws[field] !== 'string' || ws[field] === '') ws[field] = `${ws.root_path as string}/${dir}`;
  }
  for (const field of ALL_PATHS) {
    const p = ws[field];
    if (typeof p === 'string' && p.startsWith('/') && !p.startsWith('/Workspace/') && !p.startsWith('/Volumes/') && p !== '/Workspace') {
      ws[field] = `/Workspace${p}`;
    }
  }
  return rewriteWorkspacePrefix(config);
}

/** `/Workspace${workspace.file_path}` → `${workspace.file_path}`: those paths already carry it. */
function rewriteWorkspacePrefix(config: Dict): Diagnostic[] {
  const out: Diagnostic[] = [];
  const re = /\/Workspace(\$\{workspace\.(?:root_path|file_path|artifact_path|state_path|resource_path)\})/g;
  forEachString(config.resources, (v, c, k, path) => {
    const next = v.replace(re, '$1');
    if (next === v) return;
    c[k] = next;
    out.push(diag('warning', 'interp/workspace-prefix', 'workspace paths are already prefixed with /Workspace', {
      path,
      span: spanAt(config, path),
      detail: `"${v}" is read as "${next}". Remove the /Workspace prefix.`,
    }));
  }, '/Workspace${workspace.', ['resources']);
  return out;
}
