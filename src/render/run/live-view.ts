/**
 * How a followed run shows on stderr while it goes on:
 * - on a terminal (and never when `CI` is set): an ora spinner whose text is the live task
 *   table, redrawn on every poll;
 * - otherwise: one line per state change (run-lines.ts), which reads well in CI logs.
 * `quiet` shows nothing (the caller prints its own result).
 */
import ora, { type Ora } from 'ora';
import type { Int64 } from '../../api/json.js';
import type { Run } from '../../api/runs.js';
import type { Io, OutputStream } from '../../ports/io.js';
import { diffRuns } from '../../run/changes.js';
import { changeLine } from './run-lines.js';
import { renderTaskTable } from './task-table.js';

export interface RunView {
  update(run: Run, elapsedMs: number): void;
  /** Stop drawing: before a prompt, the summary, or an error. Safe to call twice. */
  stop(): void;
}

export interface ViewOptions {
  runId: Int64;
  /** The run before a repair: only what changes from it is reported. */
  baseline?: Run;
  quiet?: boolean;
  /** Colour on the terminal (the spinner); off with --no-color, NO_COLOR or `color: never`. */
  color?: boolean;
}

/** True when stderr is a terminal and `CI` is not set: the live table may be drawn. */
export function canAnimate(io: Pick<Io, 'stderr' | 'env'>): boolean {
  const ci = io.env.CI;
  return io.stderr.isTTY && (ci === undefined || ci === '' || ci === 'false' || ci === '0');
}

export function chooseView(io: Pick<Io, 'stderr' | 'env' | 'clock'>, o: ViewOptions): RunView {
  if (o.quiet) return { update: () => undefined, stop: () => undefined };
  return canAnimate(io) ? tableView(io, o) : lineView(io.stderr, o);
}

export function lineView(out: OutputStream, o: ViewOptions): RunView {
  let previous = o.baseline;
  return {
    update(run, elapsedMs) {
      for (const change of diffRuns(previous, run)) out.write(changeLine(o.runId, change, elapsedMs));
      previous = run;
    },
    stop: () => undefined,
  };
}

function tableView(io: Pick<Io, 'stderr' | 'clock'>, o: ViewOptions): RunView {
  let spinner: Ora | undefined;
  return {
    update(run) {
      const text = renderTaskTable(run, io.clock.now().getTime());
      // discardStdin would put stdin in raw mode, and Ctrl-C would no longer reach us as SIGINT.
      spinner ??= ora({ stream: asNodeStream(io.stderr), isEnabled: true, discardStdin: false, color: o.color === false ? false : 'cyan', text }).start();
      spinner.text = text;
      // Draw now: the next spinner frame may be 80 ms away, and a poll result is news.
      spinner.render();
    },
    stop() {
      spinner?.stop();
      spinner = undefined;
    },
  };
}

/** The few tty.WriteStream members ora uses, over our OutputStream (ANSI cursor sequences). */
function asNodeStream(out: OutputStream): NodeJS.WriteStream {
  const esc = (s: string): boolean => (out.write(s), true);
  const stream = {
    isTTY: true,
    get columns() {
      return out.columns ?? 80;
    },
    write: (chunk: string | Uint8Array) => esc(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')),
    cursorTo: (x: number) => esc(`\x1b[${x + 1}G`),
    moveCursor: (dx: number, dy: number) => esc(`${dx ? `\x1b[${Math.abs(dx)}${dx > 0 ? 'C' : 'D'}` : ''}${dy ? `\x1b[${Math.abs(dy)}${dy > 0 ? 'B' : 'A'}` : ''}`),
    clearLine: (dir: number) => esc(dir < 0 ? '\x1b[1K' : dir > 0 ? '\x1b[0K' : '\x1b[2K'),
    on: () => stream,
    once: () => stream,
    removeListener: () => stream,
  };
  return stream as unknown as NodeJS.WriteStream;
}
