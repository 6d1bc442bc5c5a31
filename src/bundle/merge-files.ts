/**
 * Combines the parsed root file and included files into one configuration tree (pure), as the
 * reference loader does: `include` is honoured only in the root file, `environments` is the
 * legacy name of `targets`, files merge in load order, each resource is defined in exactly one
 * file, and keys are unique across resource types and scripts.
 */
import { basename } from 'node:path';
import { diag, formatPath, type Diagnostic, type Span } from '../diag/diagnostic.js';
import { keySpan, locOf, locsOf, setLoc, spanAt, valueSpan } from '../source/locations.js';
import type { ParsedFile } from '../source/parse-yaml.js';
import { isDict, kindOf, mergeInto, type Dict } from './merge.js';

export function mergeBundleFiles(files: readonly ParsedFile[]): { value: Dict; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const root = files[0];
  const config: Dict = {};
  const owners = new Map<string, { file: string; span: Span }>();
  files.forEach((f, i) => {
    if (f.value === undefined || f.value === null) return;
    if (!isDict(f.value)) {
      diagnostics.push(diag('error', 'bundle/not-a-mapping', `${basename(f.file.path)} must hold a mapping of sections, found a ${kindOf(f.value)}`, {
        span: f.file.span(0, 0),
      }));
      return;
    }
    const value = f.value;
    if (i > 0 && 'include' in value) {
      const loc = locOf(value, 'include');
      diagnostics.push(diag('warning', 'bundle/include-outside-root-file', 'Include section is defined outside root file', {
        path: ['include'],
        span: loc && valueSpan(loc),
        detail: `An include section is defined in a file that is not ${basename(root!.file.path)}.\nOnly includes defined in ${basename(root!.file.path)} are applied.`,
      }));
      delete value.include;
    }
    renameEnvironments(value, diagnostics);
    diagnostics.push(...claimResources(value, f.file.path, owners));
    for (const c of mergeInto(config, value)) {
      diagnostics.push(diag('error', 'bundle/merge-conflict', `cannot merge ${c.baseKind} with ${c.overrideKind} at ${formatPath(c.path)}`, {
        path: c.path,
        span: spanAt(value, c.path),
        detail: 'Two files give this key values of different kinds.',
      }));
    }
  });
  diagnostics.push(...uniqueKeysAcrossTypes(config));
  return { value: config, diagnostics };
}

/** `environments:` is the legacy spelling of `targets:`; both at once is an error. */
function renameEnvironments(value: Dict, diagnostics: Diagnostic[]): void {
  if (!('environments' in value)) return;
  if ('targets' in value) {
    const loc = locOf(value, 'environments');
    diagnostics.push(diag('error', 'bundle/environments-and-targets', "both 'environments' and 'targets' are specified; only 'targets' should be used", {
      path: ['environments'],
      span: loc && keySpan(loc),
      detail: "'environments' is the deprecated name of 'targets'. Move its entries under 'targets'.",
    }));
    delete value.environments;
    return;
  }
  value.targets = value.environments;
  setLoc(value, 'targets', locsOf(value, 'environments'));
  delete value.environments;
}

/** Records which file defines each resource; a second file defining it is an error. */
function claimResources(value: Dict, file: string, owners: Map<string, { file: string; span: Span }>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const resources = value.resources;
  if (!isDict(resources)) return out;
  for (const [type, group] of Object.entries(resources)) {
    if (!isDict(group)) continue;
    for (const key of Object.keys(group)) {
      const id = `${type}.${key}`;
      const loc = locOf(group, key);
      const span = loc ? keySpan(loc) : undefined;
      const prev = owners.get(id);
      if (prev && prev.file !== file && span) {
        out.push(diag('error', 'bundle/duplicate-resource', `resource ${id} is defined in more than one file`, {
          path: ['resources', type, key],
          span,
          related: [{ message: 'first defined here', span: prev.span }],
          detail: 'Define each resource in one file; use targets to override it per environment.',
        }));
      } else if (!prev && span) owners.set(id, { file, span });
    }
  }
  return out;
}

/** Resource keys must be unique across resource types and scripts. */
function uniqueKeysAcrossTypes(config: Dict): Diagnostic[] {
  const byKey = new Map<string, { path: (string | number)[]; span?: Span }[]>();
  const add = (path: (string | number)[], group: Dict, key: string) => {
    const loc = locOf(group, key);
    const list = byKey.get(key) ?? [];
    list.push({ path, span: loc && valueSpan(loc) });
    byKey.set(key, list);
  };
  if (isDict(config.resources)) {
    for (const [type, group] of Object.entries(config.resources)) {
      if (isDict(group)) for (const key of Object.keys(group)) add(['resources', type, key], group, key);
    }
  }
  if (isDict(config.scripts)) for (const key of Object.keys(config.scripts)) add(['scripts', key], config.scripts, key);
  const out: Diagnostic[] = [];
  for (const [key, defs] of byKey) {
    if (defs.length < 2) continue;
    const spans = defs.map((d) => d.span).filter((s): s is Span => s !== undefined).sort((a, b) => a.start.offset - b.start.offset);
    out.push(diag('error', 'bundle/duplicate-key', `multiple resources or scripts have been defined with the same key: ${key}`, {
      path: defs[0]!.path,
      span: spans[0],
      related: spans.slice(1).map((span, i) => ({ message: `also defined at ${formatPath(defs[i + 1]?.path ?? [])}`, span })),
      detail: `Defined at ${defs.map((d) => formatPath(d.path)).join(', ')}. Rename all but one.`,
    }));
  }
  return out;
}
