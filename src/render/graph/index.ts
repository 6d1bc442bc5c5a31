/**
 * `jobs graph`: a job's task DAG as ASCII (terminals, CI logs), Mermaid (Markdown, GitHub) or
 * Graphviz DOT. Pure: takes a JobView, returns text.
 *
 * @example renderGraph(jobViews(config)[0], 'mermaid')
 */
import type { JobView } from '../../validate/check.js';
import { renderAscii, type AsciiOptions } from './ascii.js';
import { renderDot } from './dot.js';
import { renderMermaid } from './mermaid.js';
import { toJobGraph } from './model.js';

export const GRAPH_FORMATS = ['ascii', 'mermaid', 'dot'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export function renderGraph(job: JobView, format: GraphFormat, options: AsciiOptions = {}): string {
  const graph = toJobGraph(job);
  switch (format) {
    case 'ascii':
      return renderAscii(graph, options);
    case 'mermaid':
      return renderMermaid(graph);
    case 'dot':
      return renderDot(graph);
  }
}

export { toJobGraph, type JobGraph } from './model.js';
