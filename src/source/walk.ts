/**
 * Visits every string of a configuration tree with its container, key and path (pure). The
 * stages that look for `${…}` text (resolution, reference checks, the /Workspace rewrite) share
 * this instead of each walking the tree its own way. A `needle` skips strings that cannot
 * matter without building their paths, which keeps large bundles cheap.
 */
import type { ConfigPath } from '../diag/diagnostic.js';

export type StringVisitor = (s: string, container: Record<string | number, unknown>, key: string | number, path: ConfigPath) => void;

export function forEachString(root: unknown, visit: StringVisitor, needle = '', path: (string | number)[] = []): void {
  if (Array.isArray(root)) {
    root.forEach((v, i) => {
      if (typeof v === 'string') {
        if (v.includes(needle)) visit(v, root as unknown as Record<number, unknown>, i, [...path, i]);
      } else if (v !== null && typeof v === 'object') forEachString(v, visit, needle, [...path, i]);
    });
  } else if (root !== null && typeof root === 'object') {
    for (const [k, v] of Object.entries(root)) {
      if (typeof v === 'string') {
        if (v.includes(needle)) visit(v, root as Record<string, unknown>, k, [...path, k]);
      } else if (v !== null && typeof v === 'object') forEachString(v, visit, needle, [...path, k]);
    }
  }
}
