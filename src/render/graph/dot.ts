/**
 * The job DAG in Graphviz DOT (`jobs graph etl --format dot | dot -Tsvg > etl.svg`). Nodes are
 * named by task key (quoted); condition tasks are diamonds, for-each tasks double boxes,
 * outcome edges labelled, cycle edges and missing dependencies dashed.
 */
import type { JobGraph } from './model.js';

function q(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function renderDot(graph: JobGraph): string {
  const lines = [`digraph ${q(graph.key)} {`, '  rankdir=TB;', '  node [shape=box, fontname="Helvetica"];'];
  for (const n of graph.nodes) {
    const shape = n.type === 'condition_task' ? ', shape=diamond' : n.type === 'for_each_task' ? ', peripheries=2' : '';
    lines.push(`  ${q(n.key)} [label=${q([n.key, ...n.notes].join('\n'))}${shape}];`);
  }
  for (const e of graph.edges) {
    const attrs = [e.label !== undefined ? `label=${q(e.label)}` : '', e.back ? 'style=dashed, color=red' : ''].filter(Boolean);
    lines.push(`  ${q(graph.nodes[e.from]!.key)} -> ${q(graph.nodes[e.to]!.key)}${attrs.length > 0 ? ` [${attrs.join(', ')}]` : ''};`);
  }
  for (const [task, key] of graph.missing) {
    lines.push(`  ${q(`${key} (missing)`)} [style=dashed];`, `  ${q(`${key} (missing)`)} -> ${q(task)} [style=dashed];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
