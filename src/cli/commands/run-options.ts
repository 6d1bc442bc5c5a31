/** Option parsers and help text shared by `run`, `repair` and `runs`. Bad values are usage errors. */
import { InvalidArgumentError, type Command } from 'commander';
import { parseInt64, type Int64 } from '../../api/json.js';
import { parseDuration } from '../../run/duration.js';
import { collectList } from '../options.js';

/** Repeatable `--param name=value`. */
export function collectParam(value: string, previous: string[] | undefined): string[] {
  if (!/^[^=]+=/.test(value)) throw new InvalidArgumentError(`expected name=value, got "${value}"`);
  return [...(previous ?? []), value];
}

/** Repeatable single values (`--task a --task b`, commas allowed too). */
export const collectRepeat = collectList;

/** A run id: a positive int64, kept exact. */
export function parseRunId(value: string): Int64 {
  const id = parseInt64(value.trim());
  if (id === undefined || BigInt(id) <= 0n) throw new InvalidArgumentError(`expected a run id (a positive integer), got "${value}"`);
  return id;
}

export function parseTimeout(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) throw new InvalidArgumentError(`expected a duration such as 90s, 10m or 1h30m, got "${value}"`);
  return ms;
}

export function positiveInt(max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`expected an integer from 1 to ${max}, got "${value}"`);
    return n;
  };
}

/** `--cancel-on-interrupt` → cancel; `--no-cancel-on-interrupt` → detach; neither → ask on a TTY. */
export function interruptPolicy(flag: boolean | undefined): 'ask' | 'cancel' | 'detach' {
  return flag === true ? 'cancel' : flag === false ? 'detach' : 'ask';
}

export const RUN_EXIT_CODES = `Exit codes:
  0    SUCCESS or SUCCESS_WITH_FAILURES (every leaf task succeeded)
  1    the run failed (FAILED, TIMEDOUT, INTERNAL_ERROR), or another error
  2    usage error (unknown flag, parameter or task)
  3    the run could not start (not deployed, refused, MAXIMUM_CONCURRENT_RUNS_REACHED)
  4    --timeout reached (the run goes on unless --cancel-on-timeout)
  5    the run was canceled
  130  Ctrl-C, and the run was left running
`;

/**
 * The options of following a started run, the same on `run` and `repair` (`what` names what was
 * started, for the help): --no-wait, --timeout and what Ctrl-C and a timeout do to the run.
 */
export function addFollowOptions(cmd: Command, what: 'run' | 'repair'): Command {
  return cmd
    .option('--no-wait', what === 'run' ? 'print the run id and return once the run has started' : 'print the repair id and return')
    .option('--timeout <duration>', `stop waiting after this long (90s, 10m, 1h30m): exit 4, the ${what} goes on`, parseTimeout)
    .option('--cancel-on-timeout', 'cancel the run when --timeout is reached')
    .option('--cancel-on-interrupt', 'Ctrl-C cancels the run without asking')
    .option('--no-cancel-on-interrupt', 'Ctrl-C stops following and leaves the run running');
}
