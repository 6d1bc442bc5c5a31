/**
 * Exit codes: the contract CI scripts depend on. Documented in README.md ("Exit codes").
 */
export const ExitCode = {
  /** Success; warnings allowed. */
  OK: 0,
  /** Errors found, deploy failed, run failed. */
  FAILURE: 1,
  /** The command line was wrong (unknown flag, bad value). */
  USAGE: 2,
  /** `plan --detailed-exitcode`: the plan has changes (Terraform's convention). */
  CHANGES: 2,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
