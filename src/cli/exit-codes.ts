/**
 * Exit codes: the contract CI scripts depend on. Documented in README.md ("Exit codes").
 */
export const ExitCode = {
  /** Success; warnings allowed. */
  OK: 0,
  /** Errors found, deploy failed, run failed (FAILED, TIMEDOUT, INTERNAL_ERROR). */
  FAILURE: 1,
  /** The command line was wrong (unknown flag, bad value). */
  USAGE: 2,
  /** `plan --detailed-exitcode`: the plan has changes (Terraform's convention). */
  CHANGES: 2,
  /** `run`/`repair`: the run could not start (not deployed, MAXIMUM_CONCURRENT_RUNS_REACHED, skipped). */
  RUN_NOT_STARTED: 3,
  /** `run --timeout`: the wait ended before the run did (the run goes on unless canceled). */
  RUN_TIMEOUT: 4,
  /** `run`: the run was canceled (by the user, Ctrl-C, or another client). */
  RUN_CANCELED: 5,
  /** `run`/`repair`: Ctrl-C, and the run was left running (the shell convention for SIGINT). */
  INTERRUPTED: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
