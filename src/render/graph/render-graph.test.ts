import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundleWithJob, checkInputFromYaml } from '../../../test/helpers/run-check.js';
import { traceAsciiEdges } from '../../../test/helpers/trace-ascii-graph.js';
import { renderGraph, type GraphFormat } from './index.js';

const SEMANTICS = join(import.meta.dirname, '../../../test/semantics');
const GOLDEN = join(import.meta.dirname, 'golden');

const jobOf = (yaml: string) => checkInputFromYaml(yaml).jobs[0]!;
const fromCase = (name: string) => jobOf(readFileSync(join(SEMANTICS, name, 'databricks.yml'), 'utf8'));
const tasks = (spec: string) =>
  jobOf(
    bundleWithJob(
      `tasks:\n${spec
        .trim()
        .split('\n')
        .map((line) => {
          const [key, deps] = line.split(':').map((s) => s.trim());
          const dependsOn = deps ? `\n    depends_on: [${deps.split(',').map((d) => `{task_key: ${d.trim()}}`).join(', ')}]` : '';
          return `  - task_key: ${key}${dependsOn}\n    notebook_task: {notebook_path: /n}`;
        })
        .join('\n')}\n`,
    ),
  );

describe('renderGraph ascii', () => {
  it('draws a chain straight down', () => {
    expect(renderGraph(tasks('a\nb: a\nc: b'), 'ascii')).toBe(
      [
        'etl: 3 tasks',
        '',
        '+---+',
        '| a |',
        '+---+',
        '  |',
        '  v',
        '+---+',
        '| b |',
        '+---+',
        '  |',
        '  v',
        '+---+',
        '| c |',
        '+---+',
        '',
      ].join('\n'),
    );
  });

  it('draws a fan-out and a fan-in as one bus each', () => {
    expect(renderGraph(tasks('src\nx: src\ny: src\nz: src\nsink: x, y, z'), 'ascii')).toBe(
      [
        'etl: 5 tasks',
        '',
        '       +-----+',
        '       | src |',
        '       +-----+',
        '          |',
        '  +-------+-------+',
        '  v       v       v',
        '+---+   +---+   +---+',
        '| x |   | y |   | z |',
        '+---+   +---+   +---+',
        '  |       |       |',
        '  +-------+-------+',
        '          v',
        '      +------+',
        '      | sink |',
        '      +------+',
        '',
      ].join('\n'),
    );
  });

  it('keeps separate buses for different source sets, one exit line per bus', () => {
    // a feeds c and d; b feeds d and e: each box has one exit per bus, and lines end at it.
    expect(renderGraph(tasks('a\nb\nc: a\nd: a, b\ne: b'), 'ascii').split('\n').slice(5, 9)).toEqual([
      '     | |     | |',
      '  +--+ |     | +--+',
      '  |    +--+--+    |',
      '  v       v       v',
    ]);
  });

  it.each([
    ['seed/example-2-medallion', 'medallion.txt'],
    ['seed/example-1-validate-transform-report', 'validate-transform-report.txt'],
    ['tasks/condition', 'condition-branches.txt'],
    ['dag/valid-diamond', 'diamond.txt'],
    ['dag/run-if', 'run-if.txt'],
    ['dag/cycles-and-missing', 'cycles-and-missing.txt'],
    ['tasks/for-each', 'for-each.txt'],
  ])('%s', async (name, golden) => {
    await expect(renderGraph(fromCase(name), 'ascii')).toMatchFileSnapshot(join(GOLDEN, golden));
  });

  it('can draw with Unicode box characters', () => {
    expect(renderGraph(tasks('a\nb: a'), 'ascii', { unicode: true })).toContain('┌───┐\n│ a │\n└───┘\n  │\n  ▼');
  });

  it('draws an empty job as a header only', () => {
    expect(renderGraph(jobOf(bundleWithJob('tasks: []\n')), 'ascii')).toBe('etl: 0 tasks\n');
  });

  it('lays out a 1,000-task job', () => {
    const spec = Array.from({ length: 1000 }, (_, i) => (i < 50 ? `t${i}` : `t${i}: t${i - 50}, t${i - 49 - (i % 7)}`)).join('\n');
    const out = renderGraph(tasks(spec), 'ascii');
    expect(out.match(/\| t\d+ +\|/g)).toHaveLength(1000);
  });
});

describe('renderGraph mermaid and dot', () => {
  it.each([
    ['seed/example-2-medallion', 'mermaid', 'medallion.mmd'],
    ['tasks/condition', 'mermaid', 'condition-branches.mmd'],
    ['dag/cycles-and-missing', 'mermaid', 'cycles-and-missing.mmd'],
    ['seed/example-2-medallion', 'dot', 'medallion.dot'],
    ['tasks/condition', 'dot', 'condition-branches.dot'],
    ['dag/cycles-and-missing', 'dot', 'cycles-and-missing.dot'],
  ] as const)('%s as %s', async (name, format: GraphFormat, golden) => {
    await expect(renderGraph(fromCase(name), format)).toMatchFileSnapshot(join(GOLDEN, golden));
  });

  it('gives Mermaid generated ids so keys like "end" cannot break the chart', () => {
    expect(renderGraph(tasks('end\ngraph: end'), 'mermaid')).toBe('flowchart TD\n  t0["end"]\n  t1["graph"]\n  t0 --> t1\n');
  });
});

describe('renderGraph on random DAGs', () => {
  it('draws every task once and every edge, and only those, in every format', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 18 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
            fc.array(fc.nat(12), { minLength: n, maxLength: n }),
          ),
        ),
        ([n, pairs, pads]) => {
          // Edges only from lower to higher index: a DAG. Keys of varied length vary box widths.
          const deps = Array.from({ length: n }, () => new Set<number>());
          for (const [a, b] of pairs) if (a < b) deps[b]!.add(a);
          const key = (i: number) => `t${i}${'_'.repeat(pads[i]!)}`;
          const spec = deps.map((d, i) => (d.size ? `${key(i)}: ${[...d].map(key).join(', ')}` : key(i))).join('\n');
          const job = tasks(spec);
          const edges = deps.reduce((s, d) => s + d.size, 0);
          const ascii = renderGraph(job, 'ascii');
          for (let i = 0; i < n; i++) expect(ascii.match(new RegExp(`\\| ${key(i)} +\\|`, 'g'))).toHaveLength(1);
          expect(ascii).not.toContain('cycle:');
          // Reading the lines back gives exactly the dependencies: no missing, no extra edge.
          const traced = traceAsciiEdges(ascii);
          const expected = new Map(deps.map((_, i) => [key(i), new Set(deps.flatMap((d, j) => (d.has(i) ? [key(j)] : [])))]));
          expect(traced).toEqual(expected);
          expect(renderGraph(job, 'mermaid').match(/ --> /g) ?? []).toHaveLength(edges);
          expect(renderGraph(job, 'dot').match(/ -> /g) ?? []).toHaveLength(edges);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('reading a drawing back', () => {
  it('traces the medallion pipeline to its six dependencies', () => {
    const traced = traceAsciiEdges(renderGraph(fromCase('seed/example-2-medallion'), 'ascii'));
    expect(Object.fromEntries([...traced].map(([k, v]) => [k, [...v].sort()]))).toEqual({
      bronze_customers: ['silver_customers'],
      bronze_orders: ['silver_orders_cleaned'],
      silver_customers: ['gold_customer_orders_summary'],
      silver_orders_cleaned: ['gold_customer_orders_summary', 'gold_daily_orders'],
      gold_customer_orders_summary: [],
      gold_daily_orders: [],
    });
  });

  it('would notice a line that continues past a junction', () => {
    // silver_orders_cleaned drawn with one line through both buses: then silver_customers
    // seems to feed gold_daily_orders too, which is exactly what the router avoids.
    const ambiguous = [
      '+---+   +---+',
      '| a |   | b |',
      '+---+   +---+',
      '  |       |',
      '  +---+---+',
      '      |   +---+',
      '      v       v',
      '   +---+   +---+',
      '   | x |   | y |',
      '   +---+   +---+',
    ].join('\n');
    expect([...traceAsciiEdges(ambiguous).get('a')!].sort()).toEqual(['x', 'y']);
  });
});
