/**
 * Where the Python runtime (`python/jobs_local_runtime`, the `databricks.sdk.runtime` stand-in)
 * is on disk: beside this module in the sources, and copied to `dist/python` by the build, which
 * bundles this module into `dist/` or `dist/chunks/`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

export function pythonRuntimeDir(): string {
  if (found) return found;
  for (const rel of ['./python/', '../python/', './engine/python/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}jobs_local_runtime/__main__.py`)) return (found = dir.replace(/\/$/, ''));
  }
  throw new Error('The local engine cannot find its Python runtime (python/jobs_local_runtime); reinstall jobs-as-code.');
}
