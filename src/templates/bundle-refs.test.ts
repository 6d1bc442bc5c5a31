import { describe, expect, it } from 'vitest';
import { findBundleRefs, isPureRef } from './bundle-refs.js';

describe('findBundleRefs', () => {
  it.each([
    ['${var.a}', ['var.a']],
    ['x ${var.my-var} y ${bundle.name}', ['var.my-var', 'bundle.name']],
    ['${var.cfg.nodes[0]}', ['var.cfg.nodes[0]']],
    ['${var.1x}', []],
    ['${var.x_}', []],
    ['{{job.id}}', []],
    ['$${var.a}', ['var.a']],
    ['${var.café}', ['var.café']],
  ])('%s → %j', (s, paths) => {
    expect(findBundleRefs(s).map((r) => r.path)).toEqual(paths);
  });

  it('parses steps with indexes', () => {
    expect(findBundleRefs('${var.a.b[1][2]}')[0]!.steps).toEqual([{ key: 'var' }, { key: 'a' }, { key: 'b' }, { index: 1 }, { index: 2 }]);
  });

  it('knows pure references', () => {
    const s = '${var.a}';
    expect(isPureRef(s, findBundleRefs(s))).toBe(true);
    expect(isPureRef(' ${var.a}', findBundleRefs(' ${var.a}'))).toBe(false);
  });
});
