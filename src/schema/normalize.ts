/**
 * Normalises a resolved bundle configuration to the schema's types (pure, in place), as the
 * reference CLI does when it converts YAML into its typed configuration
 * (libs/dyn/convert/normalize.go): a number or boolean where a string belongs becomes its text
 * (spark_conf values, ids), "42" where an integer belongs becomes 42, "yes"/"off" where a boolean
 * belongs become true/false, and keys that no closed object defines are dropped (schema.ts has
 * already warned about them). Values holding `${…}` are left for deploy. What is converted here
 * is exactly what the schema check accepts without a warning (rules.ts).
 */
import type { JsonSchema } from './dsl.js';
import { schemaDefs } from './compile.js';
import { BUNDLE_SCHEMA } from './schema-json.js';
import { FLOAT_TEXT, INT_TEXT, YAML_BOOLEANS } from './rules.js';

type Node = JsonSchema;
const TRUE = new Set(['true', 'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);

/** Normalises the whole configuration (the schema's root). */
export function normalizeToSchema(config: Record<string, unknown>): void {
  normalizeObject(config, BUNDLE_SCHEMA as Node);
}

/** Normalises one Jobs API job (`JobSettings`), e.g. a raw job file. */
export function normalizeJobSettings(settings: Record<string, unknown>): void {
  normalizeObject(settings, schemaDefs().JobSettings!);
}

function resolve(node: Node | undefined): Node | undefined {
  let n = node;
  for (let i = 0; n && typeof n.$ref === 'string' && i < 8; i++) n = schemaDefs()[(n.$ref as string).slice('#/$defs/'.length)];
  return n;
}

/** The type a node stands for, ignoring the `${…}` string alternative. */
function primaryType(node: Node): string | undefined {
  if (Array.isArray(node.type)) return (node.type as string[]).find((t) => t !== 'string') ?? 'string';
  if (typeof node.type === 'string') return node.type;
  if (Array.isArray(node.anyOf)) return 'enum';
  return undefined;
}

function normalizeValue(value: unknown, schema: Node | undefined): unknown {
  const node = resolve(schema);
  if (!node || value === null || value === undefined) return value;
  if (typeof value === 'string' && value.includes('${')) return value;
  switch (primaryType(node)) {
    case 'string':
    case 'enum':
      return typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' ? String(value) : value;
    case 'integer':
      if (typeof value === 'string' && INT_TEXT.test(value)) {
        const big = BigInt(value);
        return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
      }
      return value;
    case 'number':
      return typeof value === 'string' && FLOAT_TEXT.test(value) ? Number(value) : value;
    case 'boolean':
      return typeof value === 'string' && YAML_BOOLEANS.has(value) ? TRUE.has(value) : value;
    case 'object':
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) normalizeObject(value as Record<string, unknown>, node);
      return value;
    case 'array':
      if (Array.isArray(value)) value.forEach((v, i) => (value[i] = normalizeValue(v, node.items as Node | undefined)));
      return value;
    default:
      return value;
  }
}

function normalizeObject(obj: Record<string, unknown>, node: Node): void {
  const props = (node.properties ?? {}) as Record<string, Node>;
  const extra = node.additionalProperties;
  for (const key of Object.keys(obj)) {
    const prop = Object.prototype.hasOwnProperty.call(props, key) ? props[key] : typeof extra === 'object' ? (extra as Node) : undefined;
    if (prop === undefined) {
      if (extra === false) delete obj[key];
      continue;
    }
    obj[key] = normalizeValue(obj[key], prop);
  }
}
