import { describe, expect, it } from 'vitest';
import { checkInputFromYaml, bundleWithJob } from '../../test/helpers/run-check.js';
import { buildTaskGraph, cycleThrough, cyclicComponents, longestPathLayers, Reachability } from './dag.js';

const graphOf = (body: string) => buildTaskGraph(checkInputFromYaml(bundleWithJob(body)).jobs[0]!);

const DIAMOND = `tasks:
  - task_key: a
  - task_key: b
    depends_on: [{task_key: a}]
  - task_key: c
    depends_on: [{task_key: a}]
  - task_key: d
    depends_on: [{task_key: b}, {task_key: c}]
  - task_key: e
`;

describe('task graph', () => {
  it('layers by longest path', () => {
    expect([...longestPathLayers(graphOf(DIAMOND))]).toEqual([0, 1, 1, 2, 0]);
  });

  it('answers upstream queries transitively, not by presence', () => {
    const g = graphOf(DIAMOND);
    const r = new Reachability(g);
    const i = (k: string) => g.index.get(k)!;
    expect(r.isUpstream(i('a'), i('d'))).toBe(true);
    expect(r.isUpstream(i('b'), i('d'))).toBe(true);
    expect(r.isUpstream(i('b'), i('c'))).toBe(false);
    expect(r.isUpstream(i('d'), i('a'))).toBe(false);
    expect(r.isUpstream(i('e'), i('d'))).toBe(false);
    expect(r.isUpstream(i('d'), i('d'))).toBe(false);
  });

  it('still answers on a graph with a cycle', () => {
    const g = graphOf('tasks:\n  - task_key: a\n    depends_on: [{task_key: b}]\n  - task_key: b\n    depends_on: [{task_key: a}]\n  - task_key: c\n    depends_on: [{task_key: b}]\n');
    const r = new Reachability(g);
    expect(r.isUpstream(0, 2)).toBe(true);
    expect(r.isUpstream(2, 0)).toBe(false);
  });

  it('finds each cyclic group and one loop through it', () => {
    const g = graphOf('tasks:\n  - task_key: a\n    depends_on: [{task_key: c}]\n  - task_key: b\n    depends_on: [{task_key: a}]\n  - task_key: c\n    depends_on: [{task_key: b}]\n');
    const comps = cyclicComponents(g.deps);
    expect(comps).toEqual([[0, 1, 2]]);
    expect(cycleThrough(g.deps, comps[0]!).map((e) => [e.from, e.to])).toEqual([[0, 2], [2, 1], [1, 0]]);
  });

  it('handles a 5,000-deep chain without recursion', () => {
    const n = 5000;
    const body = `tasks:\n${Array.from({ length: n }, (_, i) => `  - task_key: t${i}\n${i ? `    depends_on: [{task_key: t${i - 1}}]\n` : ''}`).join('')}`;
    const g = graphOf(body);
    expect(cyclicComponents(g.deps)).toEqual([]);
    expect(longestPathLayers(g)[n - 1]).toBe(n - 1);
    expect(new Reachability(g).isUpstream(0, n - 1)).toBe(true);
  });
});

describe('Reachability at scale', () => {
  it('agrees with a brute-force closure on a random layered graph', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const width = 30;
    const layers = 12;
    let body = 'tasks:\n';
    for (let l = 0; l < layers; l++) {
      for (let i = 0; i < width; i++) {
        const deps = l === 0 ? [] : Array.from({ length: 1 + Math.floor(next() * 3) }, () => `{task_key: t${l - 1 - Math.floor(next() * Math.min(l, 3))}_${Math.floor(next() * width)}}`);
        body += `  - task_key: t${l}_${i}\n${deps.length ? `    depends_on: [${deps.join(', ')}]\n` : ''}`;
      }
    }
    const g = graphOf(body);
    const n = g.nodes.length;
    // Brute force: ancestors by repeated relaxation.
    const anc = g.nodes.map(() => new Set<number>());
    for (let changed = true; changed; ) {
      changed = false;
      for (let v = 0; v < n; v++) {
        for (const e of g.deps[v]!) {
          for (const x of [e.to, ...anc[e.to]!]) {
            if (!anc[v]!.has(x)) {
              anc[v]!.add(x);
              changed = true;
            }
          }
        }
      }
    }
    const r = new Reachability(g);
    let mismatches = 0;
    for (let b = 0; b < n; b += 7) for (let a = 0; a < n; a++) if (r.isUpstream(a, b) !== anc[b]!.has(a)) mismatches++;
    expect(mismatches).toBe(0);
  });
});
