/**
 * Deploy progress on stderr: an ora spinner with a running count on a terminal (never when
 * `CI` is set), plain lines otherwise, so CI logs read as a record of what was done.
 */
import ora, { type Ora } from 'ora';
import type { DeployEvent, Report } from '../../deploy/events.js';
import type { Io } from '../../ports/io.js';

export interface Progress {
  report: Report;
  /** Stops the spinner (if any) so later output starts on a clean line. */
  stop(): void;
}

const PAST: Record<string, string> = { create: 'created', update: 'updated', delete: 'deleted', record: 'recorded', forget: 'forgot' };

export function deployProgress(io: Io): Progress {
  const spin = io.stderr.isTTY && !io.env.CI;
  return spin ? spinnerProgress(io) : lineProgress(io);
}

function lineProgress(io: Io): Progress {
  return {
    report: (e) => {
      const line = describe(e);
      if (line) io.stderr.write(`${line}\n`);
    },
    stop: () => undefined,
  };
}

function spinnerProgress(io: Io): Progress {
  let spinner: Ora | undefined;
  let phase = '';
  let total = 0;
  let done = 0;
  const text = () => (total > 0 ? `${phase} (${done}/${total})` : phase);
  return {
    report: (e) => {
      if (e.type === 'phase') {
        spinner?.succeed();
        phase = e.message;
        total = e.total ?? 0;
        done = 0;
        spinner = ora({ text: text(), stream: ttyShim(io) as unknown as NodeJS.WritableStream, discardStdin: false, hideCursor: false, isEnabled: true }).start();
      } else if (e.type === 'resource.done' || e.type === 'file.done') {
        done++;
        if (spinner) spinner.text = text();
      } else {
        const line = describe(e);
        if (line && spinner) spinner.clear();
        if (line) io.stderr.write(`${line}\n`);
        spinner?.render();
      }
    },
    stop: () => {
      spinner?.succeed();
      spinner = undefined;
    },
  };
}

function describe(e: DeployEvent): string | undefined {
  switch (e.type) {
    case 'phase':
      return e.message;
    case 'lock.waiting':
      return `Waiting for the deploy lock, held by ${e.holder}`;
    case 'file.done':
      return `  ${e.action === 'upload' ? 'uploaded' : 'deleted'} ${e.path}`;
    case 'resource.done':
      return `  ${PAST[e.action]} ${e.address}${e.jobId ? ` (job ${e.jobId})` : ''}`;
    case 'resource.failed':
      return `  failed ${e.address}: ${e.call}: ${e.message}`;
    case 'warning':
      return `warning: ${e.message}`;
  }
}

/** ora writes to a TTY stream; ours is the Io's, so give it the few cursor calls it makes. */
function ttyShim(io: Io) {
  const w = (s: string) => (io.stderr.write(s), true);
  return {
    isTTY: true,
    columns: io.stderr.columns ?? 80,
    write: w,
    cursorTo: (x: number) => w(`\x1b[${x + 1}G`),
    moveCursor: (_dx: number, dy: number) => (dy < 0 ? w(`\x1b[${-dy}A`) : dy > 0 ? w(`\x1b[${dy}B`) : true),
    clearLine: () => w('\x1b[2K'),
    once: () => undefined,
    on: () => undefined,
    removeListener: () => undefined,
  };
}
