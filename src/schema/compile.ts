/**
 * ajv, compiled once per process and only when first needed. Compiling the schema is the
 * costly step (tens of milliseconds); each validator is cached by definition name, and ajv
 * shares the compiled code of definitions between them.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { BUNDLE_SCHEMA } from './schema-json.js';
import type { JsonSchema } from './dsl.js';

const SCHEMA_ID = 'bundle';

/** Editor annotations in our schema; ajv's strict mode must know they are not typos. */
const ANNOTATIONS = ['deprecationMessage', 'doNotSuggest'];

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function instance(): Ajv {
  if (!ajv) {
    ajv = new Ajv({
      // Report every problem in one pass, and keep the failing schema node and value on each
      // error: findings.ts reads the node to name the expected type and the allowed fields.
      allErrors: true,
      verbose: true,
      // Our non-string nodes are `type: [X, 'string']` (see dsl.ts).
      allowUnionTypes: true,
      strict: true,
      // The schema is generated and tested; checking it against the meta-schema on every run
      // would only cost start-up time.
      validateSchema: false,
      // ajv's code optimiser costs more compile time than it saves in validation. Measured on
      // a 2 MB bundle (bench/schema.mjs): compile ~350 → ~200 ms, validation unchanged (~14 ms).
      code: { optimize: false },
    });
    ajv.addVocabulary(ANNOTATIONS);
    ajv.addSchema(BUNDLE_SCHEMA as object, SCHEMA_ID);
  }
  return ajv;
}

/**
 * The validator for one `$defs` entry (e.g. `JobSettings`), or for a whole bundle file when
 * `def` is undefined.
 */
export function validatorFor(def?: string): ValidateFunction {
  const key = def ?? '';
  let v = validators.get(key);
  if (!v) {
    const id = def === undefined ? SCHEMA_ID : `${SCHEMA_ID}#/$defs/${def}`;
    v = instance().getSchema(id);
    if (!v) throw new Error(`no schema definition ${def ?? '(root)'}`);
    validators.set(key, v);
  }
  return v;
}

/** Runs a validator and returns its raw errors (empty when valid). */
export function rawErrors(value: unknown, def?: string): ErrorObject[] {
  const v = validatorFor(def);
  return v(value) ? [] : [...(v.errors ?? [])];
}

/** The schema's definitions, for code that needs to look at a node (e.g. its enum values). */
export function schemaDefs(): Record<string, JsonSchema> {
  return BUNDLE_SCHEMA.$defs as Record<string, JsonSchema>;
}
