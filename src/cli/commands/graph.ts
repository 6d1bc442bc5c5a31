/** `jobs graph [KEY]`: a job's task DAG as ASCII, Mermaid or Graphviz DOT. */
import { Command, Option } from 'commander';
import type { CommandContext } from '../context.js';

interface GraphOpts {
  target?: string;
  format: string;
  ascii: boolean;
}

export function graphCommand(ctx: CommandContext): Command {
  return new Command('graph')
    .description("draw a job's task DAG: fan-out, fan-in, condition branches, for-each tasks")
    .argument('[key]', 'job resource key (optional when the bundle has one job)')
    .option('-t, --target <name>', 'target to resolve')
    .addOption(new Option('-f, --format <format>', 'ascii | mermaid | dot').choices(['ascii', 'mermaid', 'dot']).default('ascii'))
    .option('--ascii', 'plain ASCII box drawing instead of Unicode (ascii format)', false)
    .addHelpText('after', '\nExamples:\n  jobs graph medallion\n  jobs graph etl -f mermaid > etl.mmd\n  jobs graph etl -f dot | dot -Tsvg > etl.svg\n')
    .action(async (key: string | undefined, opts: GraphOpts) => {
      const { runGraph } = await import('../verbs/graph.js');
      ctx.exitCode = await runGraph(ctx, { key, target: opts.target, format: opts.format as 'ascii' | 'mermaid' | 'dot', unicode: !opts.ascii });
    });
}
