/**
 * Workspace paths (jobs-api-2.2.md §5): `/Users/a/x` and `/Workspace/Users/a/x` name the same
 * object, duplicate slashes collapse, and responses echo the spelling the client used. The store
 * keys objects by the canonical form (no `/Workspace` prefix). Pure.
 */
import { invalid } from '../server/failure.js';

/** The client's spelling with duplicate and trailing slashes removed. */
export function echoPath(path: string): string {
  const collapsed = path.replace(/\/{2,}/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

/** The store key: absolute, collapsed, without the `/Workspace` mount prefix. */
export function canonicalPath(path: string): string {
  if (typeof path !== 'string' || !path.startsWith('/')) throw invalid(`Path (${String(path)}) is not absolute. Paths must start with /.`);
  const echo = echoPath(path);
  if (echo.split('/').some((seg) => seg === '..' || seg === '.')) throw invalid(`Path (${path}) must not contain . or .. segments.`);
  if (echo === '/Workspace') return '/';
  return echo.startsWith('/Workspace/') ? echo.slice('/Workspace'.length) : echo;
}

export function parentOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at <= 0 ? '/' : path.slice(0, at);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Joins a directory as the client spelled it with a child name. */
export function childPath(dirEcho: string, name: string): string {
  return dirEcho === '/' ? `/${name}` : `${dirEcho}/${name}`;
}

/** Every ancestor of a canonical path, outermost first, excluding `/` and the path itself. */
export function ancestors(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, i) => `/${parts.slice(0, i + 1).join('/')}`);
}
