/**
 * Findings → diagnostics: code, one-line summary, config path and source span.
 *
 * Where each points (as the reference CLI does, and as the conformance corpus records):
 * - unknown field: the field's KEY; `path` is the object that holds it;
 * - missing required field: the START of the object that lacks it (for a list item, the
 *   item); `path` is that object;
 * - wrong type, enum, range: the VALUE; `path` is the value.
 * Summaries use the reference CLI's wording where the corpus shows it (`unknown field: x`,
 * `required field "x" is not set`, `invalid value "X" for enum field. Valid values are [A B]`,
 * `expected a string value, found null`).
 */
import { diag, type Diagnostic, type Related, type Severity, type Span } from '../diag/diagnostic.js';
import type { DiagCode } from '../diag/codes.js';
import { getAt, keySpan, locsOf, spanAt, valueSpan } from '../source/locations.js';
import type { Finding, FindingKind } from './findings.js';
import type { JsonSchema } from './dsl.js';
import { suggestField } from './suggest.js';

export interface RenderOptions {
  severity: Severity;
  /** The validated value with its source locations; spans are left out when undefined. */
  root?: unknown;
  /** Bundle wording for text that should have been a number ("cannot parse …"). */
  bundleWording: boolean;
  /** Follows `$ref` for "did you mean" lookups. */
  resolve: (node: JsonSchema) => JsonSchema;
}

const CODE: Record<FindingKind, DiagCode> = {
  'unknown-field': 'schema/unknown-field',
  required: 'schema/required',
  type: 'schema/type',
  enum: 'schema/enum',
  range: 'schema/range',
  other: 'schema/other',
};

/** One finding as a diagnostic; spans and related spans come from `root`'s locations. */
export function renderFinding(f: Finding, opts: RenderOptions): Diagnostic {
  const span = opts.root === undefined ? undefined : spanFor(f, opts.root);
  const detail = f.kind === 'unknown-field' ? suggestField(f.field!, f.node, opts.resolve) : undefined;
  return diag(opts.severity, CODE[f.kind], summaryOf(f, opts.bundleWording), {
    path: f.path.length > 0 ? f.path : undefined,
    span,
    detail,
    related: opts.root === undefined ? undefined : alsoDefined(f, opts.root),
  });
}

/**
 * The other places the same key was written: a target override merged onto the base
 * definition keeps both locations (source/locations.ts), and the reference CLI lists both.
 */
function alsoDefined(f: Finding, root: unknown): Related[] {
  const path = f.kind === 'unknown-field' ? [...f.path, f.field!] : f.path;
  if (path.length === 0) return [];
  const locs = locsOf(getAt(root, path.slice(0, -1)), path[path.length - 1]!).slice(1);
  return locs.map((loc) => ({
    message: 'also defined here',
    span: f.kind === 'unknown-field' ? keySpan(loc) : f.kind === 'required' ? firstLine(valueSpan(loc)) : valueSpan(loc),
  }));
}

function spanFor(f: Finding, root: unknown): Span | undefined {
  if (f.kind === 'unknown-field') return spanAt(root, [...f.path, f.field!], 'key');
  const span = spanAt(root, f.path, 'value');
  return f.kind === 'required' && span ? firstLine(span) : span;
}

/** A multi-line object's span cut to its first line, so the caret lands where it starts. */
function firstLine(span: Span): Span {
  if (span.end.line === span.start.line) return span;
  return { ...span, end: span.start };
}

/** The one-line summary of a finding. */
export function summaryOf(f: Finding, bundleWording: boolean): string {
  switch (f.kind) {
    case 'unknown-field':
      return `unknown field: ${f.field}`;
    case 'required':
      return `required field "${f.field}" is not set`;
    case 'enum':
      return `invalid value ${JSON.stringify(String(f.value))} for enum field. Valid values are [${validValues(f.allowed ?? []).join(' ')}]`;
    case 'range':
      return `${String(f.value)} does not fit in a 64-bit integer`;
    case 'type':
      return typeSummary(f, bundleWording);
    default:
      return f.message ?? 'invalid value';
  }
}

function typeSummary(f: Finding, bundleWording: boolean): string {
  const expected = kindName(f.expected ?? 'string');
  if (f.value === null) return `expected a ${expected} value, found null`;
  if (bundleWording && typeof f.value === 'string') {
    if (f.expected === 'integer') return `cannot parse ${JSON.stringify(f.value)} as an integer`;
    if (f.expected === 'number') return `cannot parse ${JSON.stringify(f.value)} as a floating point number`;
  }
  return `expected ${expected}, found ${kindOfValue(f.value)}`;
}

/** Sorted as the reference prints them; "" (an accepted "not set") is not worth listing. */
function validValues(allowed: readonly unknown[]): string[] {
  return allowed
    .filter((v) => v !== '')
    .map(String)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** JSON Schema type → the kind names the reference CLI uses in messages. */
function kindName(type: string): string {
  switch (type) {
    case 'object':
      return 'map';
    case 'array':
      return 'sequence';
    case 'integer':
      return 'int';
    case 'number':
      return 'float';
    case 'boolean':
      return 'bool';
    default:
      return type;
  }
}

function kindOfValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'sequence';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'object') return 'map';
  return typeof v;
}
