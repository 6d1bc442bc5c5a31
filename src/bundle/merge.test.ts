import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../source/parse-yaml.js';
import { locsOf, spanAt } from '../source/locations.js';
import { cloneWithLocs, mergeInto, type Dict } from './merge.js';

const yaml = (file: string, text: string) => parseYamlText(file, text).value as Dict;

describe('mergeInto', () => {
  it('merges maps, concatenates lists and lets later scalars win', () => {
    const a = yaml('/a.yml', 'x: {p: 1, q: 2}\nl: [1]\ns: a\n');
    const b = yaml('/b.yml', 'x: {q: 3, r: 4}\nl: [2]\ns: b\n');
    expect(mergeInto(a, b)).toEqual([]);
    expect(a).toEqual({ x: { p: 1, q: 3, r: 4 }, l: [1, 2], s: 'b' });
  });

  it('points merged scalars at the winner first and keeps the base location', () => {
    const a = yaml('/a.yml', 's: a\n');
    const b = yaml('/b.yml', '\n\ns: b\n');
    mergeInto(a, b);
    expect(spanAt(a, ['s'])).toMatchObject({ file: '/b.yml', start: { line: 3 } });
    expect(locsOf(a, 's').map((l) => l.file.path)).toEqual(['/b.yml', '/a.yml']);
  });

  it('keeps locations of appended list items', () => {
    const a = yaml('/a.yml', 'l: [1]\n');
    const b = yaml('/b.yml', 'l:\n  - 2\n');
    mergeInto(a, b);
    expect(spanAt(a, ['l', 1])).toMatchObject({ file: '/b.yml', start: { line: 2 } });
  });

  it('reports a map meeting a string as a conflict', () => {
    const a = yaml('/a.yml', 'tasks: ${var.t}\n');
    const b = yaml('/b.yml', 'tasks: [{task_key: a}]\n');
    expect(mergeInto(a, b)).toEqual([{ path: ['tasks'], baseKind: 'string', overrideKind: 'sequence' }]);
  });

  it('clones with locations', () => {
    const a = yaml('/a.yml', 'x:\n  y: [1, {z: 2}]\n');
    const c = cloneWithLocs(a);
    expect(c).toEqual(a);
    expect(c.x).not.toBe(a.x);
    expect(spanAt(c, ['x', 'y', 1, 'z'])!.start.line).toBe(2);
  });
});
