import { describe, expect, it } from 'vitest';
import { runGraph } from './run-graph.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('runGraph', () => {
  it('runs dependencies first, never more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const order: string[] = [];
    const task = (id: string, deps: string[] = []) => ({
      id, deps, run: async () => {
        running++;
        peak = Math.max(peak, running);
        await tick();
        order.push(id);
        running--;
      },
    });
    const res = await runGraph([task('c', ['b']), task('b', ['a']), task('a'), task('x'), task('y'), task('z')], 2);
    expect(peak).toBe(2);
    expect(order.indexOf('a')).toBeLessThan(order.indexOf('b'));
    expect(order.indexOf('b')).toBeLessThan(order.indexOf('c'));
    expect(res.skipped).toEqual([]);
  });

  it('starts nothing new after a failure, lets running tasks finish, reports the rest as skipped', async () => {
    const finished: string[] = [];
    const res = await runGraph([
      { id: 'slow', deps: [], run: async () => { await tick(); await tick(); finished.push('slow'); } },
      { id: 'bad', deps: [], run: async () => { throw new Error('boom'); } },
      { id: 'later', deps: [], run: async () => void finished.push('later') },
      { id: 'child', deps: ['bad'], run: async () => void finished.push('child') },
    ], 2);
    expect(res.failed?.id).toBe('bad');
    expect(finished).toEqual(['slow']);
    expect(res.skipped.sort()).toEqual(['child', 'later']);
  });
});
