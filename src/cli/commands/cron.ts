/**
 * `jobs cron next EXPR [--tz Z] [--from ISO] [-n N] [-o json]` and `jobs cron explain EXPR`:
 * Quartz preview and plain-English description. Options → one call into src/cron → write.
 */
import { Command, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { UsageError } from '../main.js';
import { outputFormat } from '../output-format.js';

interface NextOpts {
  tz: string;
  from?: string;
  count: string;
  output?: string;
}

const output = () => new Option('-o, --output <format>', 'text | json').choices(['text', 'json']);

export function cronCommand(ctx: CommandContext): Command {
  const cron = new Command('cron').description('preview and explain Quartz cron schedules (seconds first, as Databricks uses them)');
  cron
    .command('next')
    .description('describe EXPR and list its next fire times (quote EXPR; exit 1 if it or the zone is invalid)')
    .argument('<expr...>', 'Quartz expression, e.g. "0 0 2 * * ?"')
    .option('--tz <zone>', 'Java time-zone id the schedule runs in', 'UTC')
    .option('--from <iso>', 'start instant, ISO-8601 with Z or an offset (default: now)')
    .option('-n, --count <n>', 'how many fire times, 1-1000', '5')
    .addOption(output())
    .action(async (words: string[], opts: NextOpts) => {
      const { reportNext } = await import('../../cron/report.js');
      const now = ctx.io.clock.now();
      const from = opts.from === undefined ? now.getTime() : parseInstant(opts.from);
      const count = parseCount(opts.count);
      const json = (await outputFormat(ctx, opts.output)) === 'json';
      write(ctx, reportNext({ expr: words.join(' '), timezone: opts.tz, from, count, maxYear: now.getUTCFullYear() + 100, json }));
    });
  cron
    .command('explain')
    .description('describe EXPR in plain English and report mistakes (exit 1 if Quartz rejects it)')
    .argument('<expr...>', 'Quartz expression, e.g. "0 0 2 * * ?"')
    .addOption(output())
    .action(async (words: string[], opts: { output?: string }) => {
      const { reportExplain } = await import('../../cron/report.js');
      write(ctx, reportExplain(words.join(' '), ctx.io.clock.now().getTime(), (await outputFormat(ctx, opts.output)) === 'json'));
    });
  return cron;
}

function write(ctx: CommandContext, r: { stdout: string; stderr: string; exitCode: number }): void {
  if (r.stdout) ctx.io.stdout.write(r.stdout);
  if (r.stderr) ctx.io.stderr.write(r.stderr);
  ctx.exitCode = r.exitCode;
}

function parseInstant(text: string): number {
  const ok = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i.test(text);
  const ms = Date.parse(text);
  if (!ok || Number.isNaN(ms)) throw new UsageError(`--from must be an ISO-8601 instant with Z or an offset (e.g. 2026-03-29T00:00:00Z), not "${text}"`);
  return ms;
}

function parseCount(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 1000) throw new UsageError(`-n must be an integer from 1 to 1000, not "${text}"`);
  return n;
}
