/**
 * Our schema against the official one (../shared/corpus/schema, an oracle read only here):
 * every job definition of every corpus case, and mutations of each (a required field dropped,
 * an enum broken, an unknown field added, a value of the wrong type), must get the same
 * findings from both — the same kinds at the same instance paths — apart from the documented
 * places where the official schema is stricter than the reference CLI (EXCEPTIONS).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { rawErrors, schemaDefs } from '../../src/schema/compile.js';
import type { JsonSchema } from '../../src/schema/dsl.js';
import { distill, type Finding } from '../../src/schema/findings.js';
import { caseFiles, corpusCases, jobDefinitions, type JobDefinition } from '../helpers/corpus.js';

const OFFICIAL = new URL('../../../shared/corpus/schema/databricks-bundle.schema.json', import.meta.url);
const OFFICIAL_JOB = 'official#/$defs/github.com/databricks/cli/bundle/config/resources.Job';

/**
 * Findings only the official schema reports, each with why we accept the input. The reference
 * CLI checks unknown fields against its Go types, which have these fields; its schema omits them.
 */
const EXCEPTIONS: { match: RegExp; reason: string }[] = [
  { match: /^unknown-field@:(id|url|modified_status)$/, reason: 'read-only keys the reference CLI accepts on a job (schema README)' },
  { match: /^unknown-field@:deployment$/, reason: 'deployment block the CLI manages; kind: BUNDLE is allowed, the ids are a separate reserved-field check' },
  { match: /^unknown-field@:(edit_mode|format)$/, reason: 'JobSettings fields the CLI sets itself; its Go type accepts them' },
  { match: /^unknown-field@\/git_source:(job_source|git_snapshot)$/, reason: 'GitSource fields of the Jobs API that the schema leaves out' },
];
/** Fields the official schema does not describe: no mutations there, and what we find inside is ours alone. */
const UNDESCRIBED = new Set(['deployment', 'edit_mode', 'format', 'id', 'url', 'modified_status', 'job_source', 'git_snapshot']);
const UNDESCRIBED_PATHS = /^[a-z-]+@(\/(id|url|modified_status|deployment|edit_mode|format)|\/git_source\/(job_source|git_snapshot))(\/|:|$)/;
const OURS_ONLY = 'inside a field the official schema does not describe (see above): checked by us only';

let officialValidator: ((v: unknown) => ErrorObject[]) | undefined;
function officialErrors(value: unknown): ErrorObject[] {
  if (!officialValidator) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, validateSchema: false });
    ajv.addSchema(JSON.parse(readFileSync(OFFICIAL, 'utf8')) as object, 'official');
    const v = ajv.getSchema(OFFICIAL_JOB)!;
    officialValidator = (x) => (v(x) ? [] : [...(v.errors ?? [])]);
  }
  return officialValidator(value);
}

const pointer = (path: readonly (string | number)[]) => path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
const hasInterpolation = (v: unknown) => typeof v === 'string' && v.includes('${');

function ourKeys(job: unknown): Set<string> {
  return new Set(distill(rawErrors(job, 'Job'), job).filter((f) => !skipped(f)).map(keyOf));
}

function keyOf(f: Finding): string {
  return `${f.kind}@${pointer(f.path)}${f.field === undefined ? '' : `:${f.field}`}`;
}

/** `${…}` where another type belongs: the official schema takes only some namespaces, we take any. */
function skipped(f: Finding): boolean {
  return (f.kind === 'type' || f.kind === 'enum') && hasInterpolation(f.value);
}

/** The official schema's errors, without its oneOf wrappers and interpolation alternatives. */
function officialKeys(job: unknown): Set<string> {
  const keys = new Set<string>();
  for (const e of officialErrors(job)) {
    const node = (e.parentSchema ?? {}) as JsonSchema;
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
    if (node.type === 'string' && typeof node.pattern === 'string' && node.pattern.startsWith('\\$\\{')) continue;
    const p = e.params as Record<string, unknown>;
    const f: Finding =
      e.keyword === 'additionalProperties'
        ? { kind: 'unknown-field', field: String(p.additionalProperty), path: [], value: e.data, node }
        : e.keyword === 'required'
          ? { kind: 'required', field: String(p.missingProperty), path: [], value: e.data, node }
          : { kind: e.keyword === 'type' ? 'type' : e.keyword === 'enum' ? 'enum' : 'other', path: [], value: e.data, node };
    if (skipped(f)) continue;
    keys.add(keyOf(f).replace('@', `@${e.instancePath}`));
  }
  return keys;
}

interface Comparison {
  mismatches: string[];
  exceptions: Map<string, number>;
}

function compare(label: string, job: unknown, result: Comparison): Set<string> {
  const ours = ourKeys(job);
  const theirs = officialKeys(job);
  for (const k of theirs) {
    if (ours.has(k)) continue;
    const ex = EXCEPTIONS.find((x) => x.match.test(k));
    if (ex) result.exceptions.set(ex.reason, (result.exceptions.get(ex.reason) ?? 0) + 1);
    else result.mismatches.push(`${label}: only official reports ${k}`);
  }
  for (const k of ours) {
    if (theirs.has(k)) continue;
    if (UNDESCRIBED_PATHS.test(k)) result.exceptions.set(OURS_ONLY, (result.exceptions.get(OURS_ONLY) ?? 0) + 1);
    else result.mismatches.push(`${label}: only ours reports ${k}`);
  }
  return ours;
}

// ── mutations, generated by walking a job alongside our schema ───────────────────────────────

interface Mutation {
  label: string;
  apply(job: unknown): void;
}

function resolve(node: JsonSchema): JsonSchema {
  const ref = node.$ref;
  return typeof ref === 'string' ? schemaDefs()[ref.slice('#/$defs/'.length)]! : node;
}

function at(root: unknown, path: readonly (string | number)[]): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const seg of path) node = node[seg] as Record<string | number, unknown>;
  return node;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A value of the wrong type for a node: a map for scalars, a number for containers. */
function wrongValue(node: JsonSchema): unknown {
  if (node.anyOf) return 'NOT_A_VALID_VALUE';
  const t = Array.isArray(node.type) ? node.type[0] : node.type;
  if (t === 'object' || t === 'array') return 42;
  if (t === 'string') return { not: 'a string' };
  return 'many';
}

function mutations(value: unknown, node: JsonSchema, path: (string | number)[], out: Mutation[]): Mutation[] {
  node = resolve(node);
  if (hasInterpolation(value)) return out;
  if (Array.isArray(value) && node.items) value.forEach((item, i) => mutations(item, node.items as JsonSchema, [...path, i], out));
  if (!isMap(value)) return out;
  if (node.properties) {
    const props = node.properties as Record<string, JsonSchema>;
    for (const field of (node.required as string[] | undefined) ?? []) {
      if (field in value) out.push({ label: `drop ${pointer(path)}:${field}`, apply: (j) => void delete at(j, path)[field] });
    }
    out.push({ label: `add ${pointer(path)}:zz_unknown`, apply: (j) => void (at(j, path).zz_unknown = 1) });
    for (const [key, child] of Object.entries(value)) {
      if (UNDESCRIBED.has(key) || !props[key]) continue;
      const childNode = resolve(props[key]);
      const kind = childNode.anyOf ? 'bad enum' : 'wrong type';
      if (!hasInterpolation(child)) out.push({ label: `${kind} ${pointer([...path, key])}`, apply: (j) => void (at(j, path)[key] = wrongValue(childNode)) });
      mutations(child, childNode, [...path, key], out);
    }
  } else if (isMap(node.additionalProperties)) {
    for (const [key, child] of Object.entries(value)) mutations(child, node.additionalProperties as JsonSchema, [...path, key], out);
  }
  return out;
}

// ── the test ─────────────────────────────────────────────────────────────────────────────────

function allJobs(): JobDefinition[] {
  return corpusCases().flatMap((c) => caseFiles(c).flatMap((f) => jobDefinitions(f).map((j) => ({ ...j, where: `${c.name}/${j.where}` }))));
}

describe('our schema agrees with the official one on job definitions', () => {
  const jobs = allJobs();

  it('finds the corpus', () => {
    expect(jobs.length).toBeGreaterThan(50);
  });

  it('on every corpus job as written', () => {
    const result: Comparison = { mismatches: [], exceptions: new Map() };
    let accepted = 0;
    for (const j of jobs) if (compare(j.where, j.value, result).size === 0) accepted++;
    report('corpus jobs', jobs.length, accepted, result);
    expect(result.mismatches).toEqual([]);
  });

  it('on generated mutations of every corpus job', () => {
    const result: Comparison = { mismatches: [], exceptions: new Map() };
    let count = 0;
    let silent = 0;
    const kinds = new Map<string, number>();
    for (const j of jobs) {
      for (const m of mutations(j.value, schemaDefs().Job!, [], [])) {
        const copy = structuredClone(j.value);
        m.apply(copy);
        count++;
        const kind = m.label.replace(/ [/:].*$/, '');
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        if (compare(`${j.where} [${m.label}]`, copy, result).size === 0) silent++;
      }
    }
    report(`mutations (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')})`, count, silent, result);
    expect(count).toBeGreaterThan(1000);
    expect([...kinds.keys()].sort()).toEqual(['add', 'bad enum', 'drop', 'wrong type']);
    expect(result.mismatches).toEqual([]);
  });
});

// ── structure: every field, type, enum and required list reachable from a job ────────────────

type Shape =
  | { kind: 'object'; props: Record<string, JsonSchema>; required: string[]; open: boolean }
  | { kind: 'map' | 'array'; inner: JsonSchema }
  | { kind: 'enum'; values: string[] }
  | { kind: 'scalar'; type: string }
  | { kind: 'any' };

let officialDefs: Record<string, unknown> | undefined;
function officialResolve(node: JsonSchema): JsonSchema {
  officialDefs ??= (JSON.parse(readFileSync(OFFICIAL, 'utf8')) as { $defs: Record<string, unknown> }).$defs;
  while (typeof node.$ref === 'string') {
    let target: unknown = officialDefs;
    for (const seg of node.$ref.slice('#/$defs/'.length).split('/')) target = (target as Record<string, unknown>)[seg];
    node = target as JsonSchema;
  }
  return node;
}

/** The official node without its interpolation alternatives. */
function officialShape(node: JsonSchema): Shape {
  node = officialResolve(node);
  const branches = (node.oneOf ?? node.anyOf) as JsonSchema[] | undefined;
  if (branches) {
    const real = branches.filter((b) => !(b.type === 'string' && typeof b.pattern === 'string'));
    if (real.length === 1) return officialShape(real[0]!);
    if (real.length === 0) return { kind: 'scalar', type: 'string' };
  }
  return shapeOf(node);
}

function ourShape(node: JsonSchema): Shape {
  node = resolve(node);
  const branches = node.anyOf as JsonSchema[] | undefined;
  if (branches && branches[0]!.enum) return { kind: 'enum', values: (branches[0]!.enum as string[]).filter((v) => v !== '') };
  return shapeOf(node);
}

function shapeOf(node: JsonSchema): Shape {
  if (Array.isArray(node.enum)) return { kind: 'enum', values: node.enum as string[] };
  const type = Array.isArray(node.type) ? (node.type[0] as string) : (node.type as string | undefined);
  if (type === 'object' && node.properties) {
    return { kind: 'object', props: node.properties as Record<string, JsonSchema>, required: ((node.required as string[]) ?? []).slice().sort(), open: node.additionalProperties !== false };
  }
  if (type === 'object') return isMap(node.additionalProperties) ? { kind: 'map', inner: node.additionalProperties } : { kind: 'any' };
  if (type === 'array') return { kind: 'array', inner: node.items as JsonSchema };
  return type ? { kind: 'scalar', type } : { kind: 'any' };
}

/** Our fields the official job schema leaves out (see EXCEPTIONS), by object path. */
const OUR_EXTRA_FIELDS: Record<string, string[]> = {
  '': ['deployment', 'edit_mode', 'format', 'id', 'modified_status', 'url'],
  '/git_source': ['git_snapshot', 'job_source'],
};

function compareShapes(ours: JsonSchema, theirs: JsonSchema, path: string, diffs: string[], seen: Set<unknown>): number {
  if (seen.has(ours) && seen.has(theirs)) return 0;
  seen.add(ours);
  seen.add(theirs);
  const a = ourShape(ours);
  const b = officialShape(theirs);
  if (a.kind !== b.kind) return diffs.push(`${path}: ${a.kind} vs official ${b.kind}`), 1;
  if (a.kind === 'scalar' && b.kind === 'scalar' && a.type !== b.type) diffs.push(`${path}: ${a.type} vs official ${b.type}`);
  if (a.kind === 'enum' && b.kind === 'enum' && [...a.values].sort().join() !== [...b.values].sort().join()) {
    diffs.push(`${path}: enum [${a.values}] vs official [${b.values}]`);
  }
  if ((a.kind === 'map' || a.kind === 'array') && (b.kind === 'map' || b.kind === 'array')) return 1 + compareShapes(a.inner, b.inner, `${path}/*`, diffs, seen);
  if (a.kind !== 'object' || b.kind !== 'object') return 1;
  if (a.required.join() !== b.required.join()) diffs.push(`${path}: required [${a.required}] vs official [${b.required}]`);
  const extra = OUR_EXTRA_FIELDS[path] ?? [];
  const ourFields = Object.keys(a.props).filter((f) => !extra.includes(f)).sort();
  const theirFields = Object.keys(b.props).sort();
  if (ourFields.join() !== theirFields.join()) diffs.push(`${path}: fields [${ourFields}] vs official [${theirFields}]`);
  let fields = 0;
  for (const f of ourFields) if (b.props[f]) fields += compareShapes(a.props[f]!, b.props[f], `${path}/${f}`, diffs, seen);
  return fields;
}

describe('our job schema has the official one’s shape', () => {
  it('has the same fields, types, enums and required lists everywhere under a job', () => {
    const diffs: string[] = [];
    const fields = compareShapes(schemaDefs().Job!, { $ref: OFFICIAL_JOB.replace('official', '') }, '', diffs, new Set());
    // eslint-disable-next-line no-console -- documents how much of the surface was compared
    console.log(`job schema structure: ${fields} nodes compared, ${diffs.length} differences`);
    expect(diffs).toEqual([]);
  });
});

function report(what: string, total: number, clean: number, result: Comparison): void {
  const ex = [...result.exceptions].map(([reason, n]) => `  ${n} × ${reason}`).join('\n');
  // eslint-disable-next-line no-console -- the agreement counts are part of what this test documents
  console.log(`${what}: ${total} checked, ${clean} without findings, ${result.mismatches.length} mismatches\n${ex}`);
}
