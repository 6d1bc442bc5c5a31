/**
 * Builders for the bundle JSON Schema. The schema is written once, in TypeScript, with these
 * helpers (src/schema/defs/*.ts); `scripts/gen-schema.mjs` serialises it to
 * `schemas/bundle.schema.json`, which both editors and the validator load.
 *
 * Every non-string node also accepts a `${…}` interpolation string. Instead of wrapping each
 * node in `oneOf: [real, interpolation]` (what the reference schema does, and what makes ajv's
 * errors noisy and slow: every branch of every ancestor reports), a node lists `string` as a
 * second type and constrains strings with a pattern. JSON Schema keywords only apply to their
 * own type (`properties`, `required` to objects, `items` to arrays, `pattern` to strings), so
 * `{type: ['integer', 'string'], pattern}` means "an integer, or a string holding a reference"
 * and an error comes out as one precise `type` or `pattern` error. Only enums need `anyOf`.
 */

/** A JSON Schema node, as plain JSON. */
export type JsonSchema = { [keyword: string]: unknown };

/** A string that holds a `${…}` reference somewhere. Resolved values replace it before deploy. */
export const INTERPOLATION_PATTERN = '\\$\\{[^{}]+\\}';

/** Name of the shared `$defs` entry for interpolation strings (enum alternatives point at it). */
export const INTERPOLATION_DEF = 'Interpolation';

/** `#/$defs/<name>`. */
export function defPointer(name: string): string {
  return `#/$defs/${name}`;
}

function described(node: JsonSchema, description: string | undefined): JsonSchema {
  return description === undefined ? node : { description, ...node };
}

/** A plain string; an interpolation is a string too, so nothing else is needed. */
export function str(description?: string): JsonSchema {
  return described({ type: 'string' }, description);
}

function scalar(type: 'integer' | 'number' | 'boolean', description: string | undefined): JsonSchema {
  return described({ type: [type, 'string'], pattern: INTERPOLATION_PATTERN }, description);
}

/** An integer (int32 or int64: values beyond 2^53 arrive as bigint and are checked in code). */
export function int(description?: string): JsonSchema {
  return scalar('integer', description);
}

/** A number (floats: spot bid prices, autoscaling limits). */
export function num(description?: string): JsonSchema {
  return scalar('number', description);
}

/** A boolean. */
export function bool(description?: string): JsonSchema {
  return scalar('boolean', description);
}

/** Any value at all (variable defaults, serialized dashboards). */
export function any(description?: string): JsonSchema {
  return described({}, description);
}

/** A reference to a named definition. The description shows on hover next to the target's. */
export function ref(name: string, description?: string): JsonSchema {
  return described({ $ref: defPointer(name) }, description);
}

/** A list of `items`. */
export function arr(items: JsonSchema, description?: string): JsonSchema {
  return described({ type: ['array', 'string'], pattern: INTERPOLATION_PATTERN, items }, description);
}

/** A map with free keys (tags, spark_conf, resources.jobs). */
export function mapOf(values: JsonSchema, description?: string): JsonSchema {
  return described({ type: ['object', 'string'], pattern: INTERPOLATION_PATTERN, additionalProperties: values }, description);
}

export interface ObjOptions {
  required?: readonly string[];
  /**
   * Allow fields not listed. Only for resource kinds this tool checks but does not deploy, where
   * we list the fields we know and would rather miss a typo than warn about a real field.
   */
  open?: boolean;
  description?: string;
}

/** An object with known fields; unknown ones are reported unless `open`. */
export function obj(properties: Record<string, JsonSchema>, opts: ObjOptions = {}): JsonSchema {
  const node: JsonSchema = { type: ['object', 'string'], pattern: INTERPOLATION_PATTERN, properties };
  if (opts.required && opts.required.length > 0) node.required = [...opts.required];
  if (!opts.open) node.additionalProperties = false;
  return described(node, opts.description);
}

/**
 * An enum definition: one of `values`, or an interpolation. Values are kept in the API's order;
 * diagnostics sort them, as the reference CLI prints them.
 */
export function enumOf(values: readonly string[], description?: string): JsonSchema {
  return described({ anyOf: [{ enum: [...values] }, { $ref: defPointer(INTERPOLATION_DEF) }] }, description);
}

/** Marks a field deprecated; editors strike it through and show the message. */
export function deprecated(node: JsonSchema, message = 'Deprecated.'): JsonSchema {
  return { ...node, deprecationMessage: message };
}

/**
 * Marks a field as accepted but not to be suggested: preview fields the API hides, and
 * read-only keys the deployment writes back (`id`, `url`, …) that a user never types.
 */
export function hidden(node: JsonSchema): JsonSchema {
  return { ...node, doNotSuggest: true };
}

/** Object properties of an `obj()` node, for definitions that extend another (Job ⊃ JobSettings). */
export function propsOf(node: JsonSchema): Record<string, JsonSchema> {
  return node.properties as Record<string, JsonSchema>;
}
