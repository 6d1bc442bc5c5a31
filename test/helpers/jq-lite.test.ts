import { describe, expect, it } from 'vitest';
import { jq } from './jq-lite.js';

const doc = { a: { b: [1, 2], c: 'x' }, jobs: { p: { name: 'n1', k: 1 }, q: { name: 'n2', k: 2 } }, t: [{ k: 'a', n: { p: 'x' } }] };

describe('jq-lite', () => {
  it.each([
    ['.', [doc]],
    ['.a.b[1]', [2]],
    ['.a | del(.c)', [{ b: [1, 2] }]],
    ['pick(.a)', [{ a: doc.a }]],
    ['{a, jobs}', [{ a: doc.a, jobs: doc.jobs }]],
    ['.jobs[] | select(.name == "n2")', [{ name: 'n2', k: 2 }]],
    ['.t | map({k, p: .n.p})', [[{ k: 'a', p: 'x' }]]],
    ['{x: .a.c, y: .t}', [{ x: 'x', y: doc.t }]],
  ])('%s', (filter, expected) => {
    expect(jq(filter, doc)).toEqual(expected);
  });
});
