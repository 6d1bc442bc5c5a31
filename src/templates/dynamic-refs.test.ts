import { describe, expect, it } from 'vitest';
import { looksLikeReference } from './dynamic-catalogue.js';
import { formatRef, parseDynamicRefs, refPath, substituteDynamicRefs } from './dynamic-refs.js';

const parse = (text: string) => parseDynamicRefs(text, looksLikeReference);

describe('parseDynamicRefs', () => {
  it('finds references with offsets around the braces and per segment', () => {
    const r = parse('run_{{job.run_id}}_{{tasks.`load-bronze`.values.n}}');
    expect(r.refs.map((x) => [x.start, x.end, refPath(x)])).toEqual([
      [4, 18, 'job.run_id'],
      [19, 51, 'tasks.load-bronze.values.n'],
    ]);
    expect(r.refs[1]!.segments[1]).toEqual({ name: 'load-bronze', quoted: true, start: 27, end: 40 });
  });

  it.each([
    ['plain text', 'hello', 0],
    ['JSON with nested braces', '{"a": {"b": 1}}', 0],
    ['an unknown namespace (still a well-formed reference)', '{{foo.bar}}', 1],
    ['three opening braces', '{{{job.id}}}', 1],
    ['two references back to back', '{{job.id}}{{job.name}}', 2],
    ['an empty pair', '{{}}', 0],
    ['an empty quoted segment', '{{job.parameters.``}}', 0],
  ])('%s', (_name, text, count) => {
    expect(parse(text).refs).toHaveLength(count);
  });

  it.each([
    ['{{ job.id }}', 'whitespace', 0, 12],
    ['x {{job.id} y', 'unclosed', 2, 11],
    ['{job.id}}', 'unopened', 0, 9],
    ['{{job.parameters.my-param}}', 'unquoted', 0, 27],
  ])('keeps %s literal but flags it (%s)', (text, reason, start, end) => {
    const r = parse(text);
    expect(r.refs).toEqual([]);
    expect(r.suspicious).toEqual([expect.objectContaining({ reason, start, end })]);
  });

  it('does not flag text that was never meant as a reference', () => {
    expect(parse("{{ var('x') }} and {{ ds }}").suspicious).toEqual([]);
  });

  it('recognises secret references separately', () => {
    expect(parse('{{secrets/scope/key}}').secrets).toEqual([{ kind: 'secret', start: 0, end: 21, scope: 'scope', key: 'key' }]);
  });

  it('substitutes what the resolver knows and keeps the rest literal', () => {
    const out = substituteDynamicRefs('{{job.id}}-{{foo.bar}}-{{job.run_id}}', (ref) => ({ 'job.id': '42', 'job.run_id': '7' })[refPath(ref)]);
    expect(out).toBe('42-{{foo.bar}}-7');
  });

  it('formats paths back, quoting what needs it', () => {
    expect(formatRef(['tasks', 'load-bronze', 'values', 'n'])).toBe('{{tasks.`load-bronze`.values.n}}');
  });
});
