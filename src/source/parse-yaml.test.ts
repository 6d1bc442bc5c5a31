import { describe, expect, it } from 'vitest';
import { parseYamlText } from './parse-yaml.js';
import { locate, spanAt } from './locations.js';

const parse = (text: string) => parseYamlText('/b/databricks.yml', text);
const codes = (text: string) => parse(text).diagnostics.map((d) => [d.code, d.span?.start.line, d.span?.start.column]);

describe('parseYamlText', () => {
  it('returns plain data with key and value spans', () => {
    const r = parse('bundle:\n  name: demo\nresources:\n  jobs:\n    etl:\n      tasks:\n        - task_key: a\n');
    expect(r.value).toEqual({ bundle: { name: 'demo' }, resources: { jobs: { etl: { tasks: [{ task_key: 'a' }] } } } });
    const key = spanAt(r.value, ['bundle', 'name'], 'key')!;
    const val = spanAt(r.value, ['bundle', 'name'])!;
    expect([key.start.line, key.start.column, val.start.column]).toEqual([2, 3, 9]);
    expect(spanAt(r.value, ['resources', 'jobs', 'etl', 'tasks', 0, 'task_key'])!.start).toMatchObject({ line: 7, column: 21 });
  });

  it('locates an empty value right after its key, as the reference CLI does', () => {
    const r = parse('a:\n  run_job_task:\n');
    expect(spanAt(r.value, ['a', 'run_job_task'])!.start).toMatchObject({ line: 2, column: 16 });
  });

  it('locates an empty value after its colon even before a comment', () => {
    const r = parse('presets:\n  name_prefix:  # note\n');
    expect(spanAt(r.value, ['presets', 'name_prefix'])!.start).toMatchObject({ line: 2, column: 15 });
  });

  it('falls back to the deepest located ancestor for missing paths', () => {
    const r = parse('a:\n  b: {}\n');
    expect(locate(r.value, ['a', 'b', 'c', 'd'])!.depth).toBe(2);
  });

  it.each([
    ['duplicate keys', 'a: 1\na: 2\n', 'yaml/duplicate-key', 2, 1],
    ['tabs as indentation', 'a:\n\tb: 1\n', 'yaml/syntax', 2, 1],
    ['a syntax error', 'a: [1, 2\n', 'yaml/syntax', 2, 1],
    ['several documents', 'a: 1\n---\nb: 2\n', 'yaml/multi-document', 2, 1],
  ])('reports %s as a diagnostic, never throws', (_name, text, code, line, _col) => {
    const found = codes(text);
    expect(found[0]?.[0]).toBe(code);
    expect(found[0]?.[1]).toBe(line);
  });

  it('names a duplicate key, spans it, and says where it was first defined', () => {
    const r = parse('bundle:\n  name: a\n  "name": b\n');
    expect(r.diagnostics).toHaveLength(1);
    const [d] = r.diagnostics;
    expect(d!.summary).toContain('"name"');
    expect([d!.span!.start.line, d!.span!.start.column, d!.span!.end.column]).toEqual([3, 3, 9]);
    expect(d!.detail).toContain('line 2, column 3');
  });

  it('supports anchors, aliases and merge keys; explicit keys win over merged ones', () => {
    const r = parse('base: &b\n  x: 1\n  y: 2\nuse:\n  <<: *b\n  y: 3\nlist: *b\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.value).toEqual({ base: { x: 1, y: 2 }, use: { x: 1, y: 3 }, list: { x: 1, y: 2 } });
    // merged keys keep the location of their definition
    expect(spanAt(r.value, ['use', 'x'])!.start.line).toBe(2);
  });

  it('copies alias targets so later stages cannot alias two places by mistake', () => {
    const r = parse('a: &a {k: 1}\nb: *a\n').value as { a: object; b: object };
    expect(r.a).not.toBe(r.b);
  });

  it('marks anchored values and containers of anchored values', () => {
    const r = parse('x: &x {a: 1}\nl:\n  - &p {n: 1}\n  - &q {n: 2}\nm:\n  - &r {n: 1}\n  - {n: 2}\n');
    expect(locate(r.value, ['x'])!.loc.anchored).toBe(true);
    expect(locate(r.value, ['l'])!.loc.anchored).toBe(true);
    expect(locate(r.value, ['m'])!.loc.anchored).toBeUndefined();
  });

  it('stops an alias bomb with a clear error', () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 10; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    const r = parseYamlText('/f.yml', text, { maxDepth: 128, maxAliasNodes: 10_000 });
    expect(r.diagnostics.map((d) => d.code)).toContain('yaml/alias-limit');
    expect(r.value).toBeUndefined();
  });

  it('stops very deep nesting with a clear error', () => {
    const deep = '['.repeat(300) + ']'.repeat(300);
    expect(parse(`a: ${deep}\n`).diagnostics.map((d) => d.code)).toContain('yaml/too-deep');
    const absurd = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(parse(`a: ${absurd}\n`).diagnostics.map((d) => d.code)).toContain('yaml/too-deep');
  });

  it('keeps int64 ids exact', () => {
    const r = parse('id: 9223372036854775807\nsmall: 42\n').value as { id: unknown; small: unknown };
    expect(r.id).toBe(9223372036854775807n);
    expect(r.small).toBe(42);
  });

  it('does not let __proto__ keys touch the prototype', () => {
    const r = parse('__proto__:\n  polluted: true\n').value as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(r)).toEqual(['__proto__']);
  });

  it('parses JSON with positions', () => {
    const r = parse('{\n  "name": "job",\n  "tasks": [{"task_key": "a"}]\n}\n');
    expect(r.value).toEqual({ name: 'job', tasks: [{ task_key: 'a' }] });
    expect(spanAt(r.value, ['tasks', 0, 'task_key'])!.start.line).toBe(3);
  });
});
