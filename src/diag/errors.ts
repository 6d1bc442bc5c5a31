/**
 * Failures the user can act on (a refused token, an unreachable workspace, a held lock) are
 * expected: the CLI prints their message and exits 1, without a stack trace. Classes opt in
 * with the brand; `Symbol.for` keeps the check working if a module is loaded twice.
 */
export const EXPECTED_FAILURE = Symbol.for('jobs-as-code.expected-failure');

export function isExpectedFailure(err: unknown): err is Error & { hint?: string } {
  return err instanceof Error && (err as unknown as Record<symbol, unknown>)[EXPECTED_FAILURE] === true;
}

/** A failure a verb raises itself, with an optional hint printed under the message. */
export class CliFailure extends Error {
  readonly [EXPECTED_FAILURE] = true;
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}
