/**
 * Target selection and target overrides (pure), as the reference CLI does them.
 *
 * Selection: an explicit target (flag or DATABRICKS_BUNDLE_TARGET) > the only target > the one
 * marked `default: true`. A bundle without targets gets the implicit target `default`.
 * Overrides: `bundle`, `workspace`, `artifacts`, `resources`, `sync`, `permissions`, `presets`
 * deep-merge (lists concatenate; keyed lists are merged by key later, see keyed-lists.ts);
 * `variables` only assign values to declared variables; `run_as` replaces; `mode`,
 * `cluster_id`, `compute_id` and `git` move under `bundle`.
 */
import { diag, formatPath, type Diagnostic } from '../diag/diagnostic.js';
import { didYouMean, suggest } from '../diag/suggest.js';
import { keySpan, locOf, locsOf, setLoc, spanAt, valueSpan } from '../source/locations.js';
import { defineKey } from '../source/parse-yaml.js';
import { isDict, mergeInto, type Dict } from './merge.js';

export interface TargetRequest {
  name: string;
  /** Where the name came from, for messages. */
  source: 'flag' | 'env';
}

export function selectTarget(config: Dict, requested?: TargetRequest): { name?: string; diagnostics: Diagnostic[] } {
  if (!isDict(config.targets) || Object.keys(config.targets).length === 0) {
    config.targets = { default: {} };
  }
  const targets = config.targets as Dict;
  const names = Object.keys(targets);
  if (requested) {
    if (names.includes(requested.name)) return { name: requested.name, diagnostics: [] };
    return {
      diagnostics: [
        diag('error', 'target/not-found', `${requested.name}: no such target. Available targets: ${names.join(', ')}`, {
          // The summary is the reference's wording; the suggestion and the source go in the detail.
          detail: [didYouMean(suggest(requested.name, names)).trim(), requested.source === 'env' ? 'The name came from DATABRICKS_BUNDLE_TARGET.' : '']
            .filter(Boolean).join(' ') || undefined,
        }),
      ],
    };
  }
  if (names.length === 1) return { name: names[0], diagnostics: [] };
  const defaults = names.filter((n) => isDict(targets[n]) && (targets[n] as Dict).default === true);
  if (defaults.length === 1) return { name: defaults[0], diagnostics: [] };
  if (defaults.length > 1) {
    return {
      diagnostics: [
        diag('error', 'target/multiple-defaults', `multiple targets are marked as default (${defaults.join(', ')})`, {
          span: spanAt(config, ['targets', defaults[1]!, 'default']),
          detail: 'Keep `default: true` on one target only.',
        }),
      ],
    };
  }
  return {
    diagnostics: [
      diag('error', 'target/ambiguous', 'please specify target', {
        detail: `This bundle has several targets (${names.join(', ')}) and none is marked default: pass -t <name>, set DATABRICKS_BUNDLE_TARGET, or add \`default: true\` to one.`,
      }),
    ],
  };
}

const MERGED_SECTIONS = ['bundle', 'workspace', 'artifacts', 'resources', 'sync', 'permissions', 'presets'] as const;
const BUNDLE_FIELDS = { mode: 'mode', cluster_id: 'cluster_id', compute_id: 'compute_id' } as const;

/** Applies `targets.<name>` to the root config in place and drops the `targets` section. */
export function applyTarget(config: Dict, name: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const targets = config.targets as Dict;
  const target = targets[name];
  delete config.targets;
  if (target !== null && target !== undefined && !isDict(target)) {
    const loc = locOf(targets, name);
    diagnostics.push(diag('error', 'bundle/not-a-mapping', `target ${name} must be a mapping`, { path: ['targets', name], span: loc && valueSpan(loc) }));
  }
  const t: Dict = isDict(target) ? target : {};
  for (const section of MERGED_SECTIONS) {
    if (Array.isArray(t[section])) {
      // A list section (permissions) is concatenated, as every list in a target merge.
      concatInto(config, section, t[section] as unknown[], t);
      continue;
    }
    if (!isDict(t[section])) continue;
    if (!isDict(config[section])) {
      config[section] = {};
      setLoc(config, section, locsOf(t, section));
    }
    for (const c of mergeInto(config[section] as Dict, t[section] as Dict, [section])) {
      diagnostics.push(diag('error', 'target/override-failed',
        `failed to perform target override for target=${name}: failed to merge target=${name} field=${section}: cannot merge ${c.baseKind} with ${c.overrideKind}`, {
          path: c.path,
          span: spanAt(t, c.path),
          detail: `${formatPath(c.path)} is a ${c.baseKind} in the base configuration and a ${c.overrideKind} in target ${name}. Targets are merged before variables are resolved, so both must have the same shape.`,
        }));
    }
  }
  if (isDict(t.run_as)) {
    config.run_as = t.run_as;
    setLoc(config, 'run_as', locsOf(t, 'run_as'));
  }
  const bundle = ensureDict(config, 'bundle');
  for (const [field, dest] of Object.entries(BUNDLE_FIELDS)) {
    if (t[field] === undefined || t[field] === null) continue;
    bundle[dest] = t[field];
    setLoc(bundle, dest, locsOf(t, field));
  }
  if (isDict(t.git)) mergeInto(ensureDict(bundle, 'git'), t.git);
  if (isDict(t.variables)) diagnostics.push(...assignTargetVariables(config, t.variables, name));
  bundle.target = name;
  bundle.environment = name;
  return diagnostics;
}

function concatInto(config: Dict, section: string, items: unknown[], from: Dict): void {
  const base = Array.isArray(config[section]) ? (config[section] as unknown[]) : [];
  const merged = [...base];
  base.forEach((_, i) => setLoc(merged, i, locsOf(base, i)));
  items.forEach((item, i) => {
    merged.push(item);
    setLoc(merged, merged.length - 1, locsOf(items, i));
  });
  config[section] = merged;
  if (base.length === 0) setLoc(config, section, locsOf(from, section));
}

function ensureDict(parent: Dict, key: string): Dict {
  if (!isDict(parent[key])) defineKey(parent, key, {});
  return parent[key] as Dict;
}

/**
 * Target-level variable values. `name: value` is shorthand for a default (a map or list is the
 * default of a complex variable); `{default: …}` / `{lookup: …}` replace the top-level one, and
 * setting either clears the other.
 */
function assignTargetVariables(config: Dict, values: Dict, target: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const declared = isDict(config.variables) ? config.variables : undefined;
  for (const [name, v] of Object.entries(values)) {
    const decl = declared?.[name];
    if (!declared || !Object.prototype.hasOwnProperty.call(declared, name)) {
      const loc = locOf(values, name);
      out.push(diag('error', 'var/not-declared', `variable ${name} is not defined but is assigned a value`, {
        path: ['targets', target, 'variables', name],
        span: loc && keySpan(loc),
        detail: `Declare it at the top level first:\nvariables:\n  ${name}:\n    description: …`,
      }));
      continue;
    }
    if (v === null || v === undefined) continue;
    const d: Dict = isDict(decl) ? decl : {};
    if (!isDict(decl)) {
      declared[name] = d;
    }
    const structured = isDict(v) && ('default' in v || 'lookup' in v) && Object.keys(v).every((k) => ['default', 'lookup', 'description', 'type'].includes(k));
    if (structured) {
      if ('default' in v) {
        d.default = v.default;
        setLoc(d, 'default', locsOf(v, 'default'));
        delete d.lookup;
      }
      if ('lookup' in v) {
        d.lookup = v.lookup;
        setLoc(d, 'lookup', locsOf(v, 'lookup'));
        delete d.default;
      }
    } else {
      d.default = v;
      setLoc(d, 'default', locsOf(values, name));
      delete d.lookup;
    }
  }
  return out;
}
