/**
 * Schema validation (pure): the bundle JSON Schema applied with ajv, its errors turned into
 * located diagnostics.
 *
 * - `validateBundleSchema(config)` checks a bundle configuration (plain data with source
 *   locations, see source/locations.ts) the way the reference CLI does: findings are
 *   warnings (`--strict` makes them fail), YAML scalars are coerced, anchors are exempt.
 * - `validateJobSettings(settings)` checks a Jobs API body for the embedded workspace
 *   server: findings are errors (the server answers 400 INVALID_PARAMETER_VALUE), JSON types
 *   are taken literally.
 *
 * Validators compile on first use and are cached for the life of the process.
 */
import { compareDiagnostics, type Diagnostic } from '../diag/diagnostic.js';
import { rawErrors, schemaDefs } from './compile.js';
import type { JsonSchema } from './dsl.js';
import { distill } from './findings.js';
import { renderFinding } from './render.js';
import { apiRules, bundleRules } from './rules.js';

export { BUNDLE_SCHEMA } from './schema-json.js';

/**
 * Checks a whole bundle configuration (`databricks.yml` after includes, target merge and
 * variable resolution, or a single file). Diagnostics are warnings with `path` and `span`.
 *
 * @example
 *   const parsed = parseYamlText('/b/databricks.yml', text);
 *   validateBundleSchema(parsed.value as Record<string, unknown>)
 *   // → [{severity: 'warning', code: 'schema/enum', path: ['resources', 'jobs', 'etl', 'tasks', 0, 'run_if'], span: …}]
 */
export function validateBundleSchema(config: Record<string, unknown>): Diagnostic[] {
  const findings = bundleRules(distill(rawErrors(config), config));
  // ajv reports in schema order; readers expect file order.
  return findings.map((f) => renderFinding(f, { severity: 'warning', root: config, bundleWording: true, resolve })).sort(compareDiagnostics);
}

/**
 * Checks one job of a raw Jobs API file (`jobs validate job.json`) the way bundles are checked:
 * located warnings, with paths from the file's root (`prefix`, e.g. `['settings']` for a
 * jobs/get answer).
 */
export function validateJobFileSchema(settings: Record<string, unknown>, prefix: readonly (string | number)[]): Diagnostic[] {
  const findings = bundleRules(distill(rawErrors(settings, 'JobSettings'), settings));
  return findings
    .map((f) => renderFinding(f, { severity: 'warning', root: settings, bundleWording: true, resolve }))
    .map((d) => (d.path ? { ...d, path: [...prefix, ...d.path] } : prefix.length ? { ...d, path: [...prefix] } : d))
    .sort(compareDiagnostics);
}

/** Checks a JobSettings object (jobs/create without the ACL, `new_settings` of jobs/reset). */
export function validateJobSettings(settings: unknown): Diagnostic[] {
  return validateApiBody(settings, 'JobSettings');
}

/** Checks a jobs/create body: JobSettings plus `access_control_list`. */
export function validateCreateJob(body: unknown): Diagnostic[] {
  return validateApiBody(body, 'CreateJob');
}

function validateApiBody(body: unknown, def: string): Diagnostic[] {
  const findings = apiRules(distill(rawErrors(body, def), body), caseInsensitiveEnums());
  return findings.map((f) => renderFinding(f, { severity: 'error', bundleWording: false, resolve }));
}

/** Follows a `#/$defs/X` reference to its definition (one level; our defs never alias). */
function resolve(node: JsonSchema): JsonSchema {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  return schemaDefs()[ref.slice('#/$defs/'.length)] ?? node;
}

let ciEnums: Set<object> | undefined;

/** Enum nodes the Jobs API matches case-insensitively: `git_source.git_provider`. */
function caseInsensitiveEnums(): Set<object> {
  if (!ciEnums) {
    const gitProvider = schemaDefs().GitProvider as { anyOf: object[] };
    ciEnums = new Set([gitProvider.anyOf[0]!]);
  }
  return ciEnums;
}
