/**
 * The job DAG as a Mermaid flowchart (GitHub and most Markdown viewers render it). Node ids are
 * generated (`t0`, `t1`, …) because task keys may collide with Mermaid keywords such as `end`;
 * labels carry the keys. Condition tasks are diamonds, for-each tasks subroutine boxes, and
 * outcome edges are labelled; cycles are drawn as they are, dashed.
 */
import type { JobGraph } from './model.js';

function label(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

export function renderMermaid(graph: JobGraph): string {
  const lines = ['flowchart TD'];
  graph.nodes.forEach((n, i) => {
    const text = label([n.key, ...n.notes].join('<br/>'));
    if (n.type === 'condition_task') lines.push(`  t${i}{${text}}`);
    else if (n.type === 'for_each_task') lines.push(`  t${i}[[${text}]]`);
    else lines.push(`  t${i}[${text}]`);
  });
  for (const e of graph.edges) {
    const arrow = e.back ? '-.->' : '-->';
    lines.push(`  t${e.from} ${arrow}${e.label !== undefined ? `|${label(e.label)}|` : ''} t${e.to}`);
  }
  graph.missing.forEach(([task, key], i) => {
    lines.push(`  m${i}[${label(`${key} (missing)`)}]:::missing -.-> t${graph.nodes.findIndex((n) => n.key === task)}`);
  });
  if (graph.missing.length > 0) lines.push('  classDef missing stroke-dasharray: 5 5');
  return lines.join('\n') + '\n';
}
