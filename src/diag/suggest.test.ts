import { describe, expect, it } from 'vitest';
import { boundedDistance, suggest } from './suggest.js';

describe('suggest', () => {
  it.each([
    ['naem', ['id', 'name', 'run_id'], 'name'],
    ['silver_order', ['silver_orders', 'gold'], 'silver_orders'],
    ['totally_different', ['a', 'b'], undefined],
    ['x', ['y'], 'y'],
    ['same', ['same'], undefined],
  ])('%s among %j', (name, candidates, expected) => {
    expect(suggest(name, candidates)).toBe(expected);
  });

  it('counts an adjacent swap as one edit and stops past the bound', () => {
    expect(boundedDistance('naem', 'name', 3)).toBe(1);
    expect(boundedDistance('kitten', 'sitting', 3)).toBe(3);
    expect(boundedDistance('kitten', 'sitting', 1)).toBe(2);
  });
});
