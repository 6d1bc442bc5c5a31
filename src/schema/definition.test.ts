import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildBundleSchema, renderBundleSchema } from './definition.js';
import type { JsonSchema } from './dsl.js';

const GENERATED = new URL('../../schemas/bundle.schema.json', import.meta.url);
const schema = buildBundleSchema();
const defs = schema.$defs as Record<string, JsonSchema>;

function props(name: string): string[] {
  return Object.keys(defs[name]!.properties as object);
}

function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref') out.push(String(v));
      else refsIn(v, out);
    }
  }
  return out;
}

describe('bundle schema definition', () => {
  it('matches the committed schemas/bundle.schema.json (run `npm run gen:schema` after editing src/schema/defs)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(renderBundleSchema());
  });

  it('resolves every $ref to a definition', () => {
    const missing = refsIn(schema).filter((r) => !(r.replace('#/$defs/', '') in defs));
    expect(missing).toEqual([]);
  });

  it('is valid draft-07 JSON Schema that ajv compiles in strict mode', () => {
    const ajv = new Ajv({ allowUnionTypes: true, strict: true, validateSchema: true });
    ajv.addVocabulary(['deprecationMessage', 'doNotSuggest']);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('keeps the named definitions other modules rely on', () => {
    for (const name of [
      'JobSettings',
      'Job',
      'CreateJob',
      'Task',
      'JobCluster',
      'ClusterSpec',
      'JobEnvironment',
      'JobParameterDefinition',
      'CronSchedule',
      'TriggerSettings',
      'Interpolation',
    ]) {
      expect(defs[name], name).toBeDefined();
    }
  });

  it('keeps bundle-only fields out of JobSettings and puts them on Job', () => {
    const settings = props('JobSettings');
    const job = props('Job');
    for (const bundleOnly of ['permissions', 'lifecycle', 'id', 'url', 'modified_status']) {
      expect(settings).not.toContain(bundleOnly);
      expect(job).toContain(bundleOnly);
    }
    expect(job).toEqual(expect.arrayContaining(settings));
    expect(props('CreateJob')).toEqual([...settings, 'access_control_list']);
  });

  it('lets every non-string leaf also hold a ${…} reference', () => {
    const leaves = [defs.Task!.properties, defs.ClusterSpec!.properties] as Record<string, JsonSchema>[];
    for (const table of leaves) {
      for (const [name, node] of Object.entries(table)) {
        if (node.$ref || node.type === 'string') continue;
        expect(node.type, name).toContain('string');
        expect(node.pattern, name).toBeDefined();
      }
    }
  });
});
