/**
 * `${resources.<type>.<key>.…}` references order the deploy: the referenced resource must
 * exist first. A cycle of such references can never deploy. The reference CLI finds this only
 * at plan time; we report it in validate, with the whole cycle.
 */
import { diag, formatPath, type ConfigPath } from '../../diag/diagnostic.js';
import { spanAt, spanInString } from '../../source/locations.js';
import { findBundleRefs } from '../../templates/bundle-refs.js';
import { forEachString } from '../../source/walk.js';
import type { BundleCheck } from '../check.js';

interface Edge {
  to: string;
  ref: string;
  path: ConfigPath;
  start: number;
  end: number;
}

export const resourceRefCycles: BundleCheck = ({ config }) => {
  const resources = config.resources;
  if (resources === null || typeof resources !== 'object') return [];
  const edges = new Map<string, Edge[]>();
  for (const [type, group] of Object.entries(resources as Record<string, unknown>)) {
    if (group === null || typeof group !== 'object') continue;
    for (const [key, body] of Object.entries(group as Record<string, unknown>)) {
      const from = `resources.${type}.${key}`;
      const list: Edge[] = [];
      forEachString(body, (s, _c, _k, path) => {
        for (const r of findBundleRefs(s)) {
          const m = /^resources\.([^.[]+)\.([^.[]+)/.exec(r.path);
          if (m) list.push({ to: `resources.${m[1]}.${m[2]}`, ref: r.text, path, start: r.start, end: r.end });
        }
      }, '${resources.', ['resources', type, key]);
      edges.set(from, list);
    }
  }
  return findCycles(edges).map((cycle) => {
    const text = cycle.map((e, i) => `${i === 0 ? '' : ' which '}${i === 0 ? nodeOf(cycle, i) + ' ' : ''}refers to ${e.to} via ${e.ref}`).join('');
    const first = cycle[0]!;
    return diag('error', 'interp/resource-cycle', `cycle detected: ${text}`, {
      path: first.path,
      span: spanInString(config, first.path, first.start, first.end) ?? spanAt(config, first.path),
      related: cycle.slice(1).map((e) => ({ message: `${formatPath(e.path)} refers to ${e.to}`, span: spanAt(config, e.path)! })).filter((r) => r.span),
      detail: 'Deploy creates a resource before the resources that refer to its id. Break the cycle by removing one of these references.',
    });
  });
};

function nodeOf(cycle: Edge[], i: number): string {
  return cycle[(i - 1 + cycle.length) % cycle.length]!.to;
}

/** Elementary cycles found by DFS, each reported once (rotated to start at its smallest node). */
function findCycles(edges: Map<string, Edge[]>): Edge[][] {
  const out: Edge[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'active' | 'done'>();
  const stack: Edge[] = [];
  const visit = (node: string) => {
    state.set(node, 'active');
    for (const e of edges.get(node) ?? []) {
      const s = state.get(e.to);
      if (s === 'active') {
        const startIdx = stack.findIndex((x) => x.to === e.to);
        const cycle = [...stack.slice(startIdx + 1), e];
        const nodes = cycle.map((x) => x.to);
        const rot = nodes.indexOf([...nodes].sort()[0]!);
        const rotated = [...cycle.slice(rot), ...cycle.slice(0, rot)];
        const id = rotated.map((x) => x.to).join('>');
        if (!seen.has(id)) {
          seen.add(id);
          out.push(rotated);
        }
      } else if (s === undefined && edges.has(e.to)) {
        stack.push(e);
        visit(e.to);
        stack.pop();
      }
    }
    state.set(node, 'done');
  };
  for (const node of edges.keys()) {
    if (state.has(node)) continue;
    stack.push({ to: node, ref: '', path: [], start: 0, end: 0 });
    visit(node);
    stack.pop();
  }
  return out;
}
