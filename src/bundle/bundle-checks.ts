/**
 * Checks the loader makes on the merged configuration before resolving it (pure): things that
 * change how the bundle loads, which later stages would otherwise hide.
 */
import { diag, type Diagnostic } from '../diag/diagnostic.js';
import { keySpan, locOf, spanAt } from '../source/locations.js';
import { findBundleRefs } from '../templates/bundle-refs.js';
import { isDict, type Dict } from './merge.js';

/** bundle.name must be set; interpolating it is allowed but warned about (it names the state). */
export function checkBundleName(config: Dict): Diagnostic[] {
  const bundle = isDict(config.bundle) ? config.bundle : undefined;
  const name = bundle?.name;
  if (typeof name !== 'string' || name === '') {
    return [diag('error', 'bundle/name-required', 'bundle.name is required', {
      path: ['bundle', 'name'],
      span: spanAt(config, ['bundle']),
      detail: 'Add:\nbundle:\n  name: my_bundle',
    })];
  }
  if (findBundleRefs(name).length > 0) {
    return [diag('warning', 'bundle/name-interpolation',
      'Please do not use variable interpolation in the name of your bundle. The name of your bundle\nis a part of the path at which your bundle state is stored at by default. Parameterizing it at\nruntime can have unexpected consequences like duplicate deployments or resources not being\ncleaned up during bundle destroy.', {
        path: ['bundle', 'name'],
        span: spanAt(config, ['bundle', 'name']),
      })];
  }
  return [];
}

/**
 * A root file that holds no document (empty, or only comments) defines no bundle: the reference
 * stops with "bundle name not defined"; here the same code as a missing name, at the file.
 */
export function emptyRootFile(file: string): Diagnostic {
  const start = { line: 1, column: 1, offset: 0 };
  return diag('error', 'bundle/name-required', 'bundle.name is required', {
    path: ['bundle', 'name'],
    span: { file, start, end: start },
    detail: 'The file defines nothing. Add:\nbundle:\n  name: my_bundle',
  });
}

/** Resource keys are identities in state: they cannot be computed. */
export function checkResourceKeys(config: Dict): Diagnostic[] {
  const out: Diagnostic[] = [];
  const resources = isDict(config.resources) ? config.resources : {};
  for (const [type, group] of Object.entries(resources)) {
    if (!isDict(group)) continue;
    for (const key of Object.keys(group)) {
      if (!key.includes('${')) continue;
      const loc = locOf(group, key);
      out.push(diag('error', 'bundle/key-interpolation', `resource key ${key} contains a \${…} reference; keys cannot be interpolated`, {
        path: ['resources', type, key],
        span: loc && keySpan(loc),
        detail: 'Resource keys identify deployed resources. Interpolate the resource name instead.',
      }));
    }
  }
  return out;
}
