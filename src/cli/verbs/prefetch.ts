/**
 * Starts deploy's prefetch (deploy/prefetch.ts) for `plan` and `deploy`. A module of its own,
 * light on imports, so that a command can start it before it loads its verb: importing the
 * verb (the loader, the schema, the planner) takes 150–250 ms, during which the reads already
 * flow in the prefetch's worker.
 */
import { Prefetch } from '../../deploy/prefetch.js';
import type { SessionOptions } from '../../workspace/bundle-session.js';
import type { CommandContext } from '../context.js';

export interface StartedPrefetch {
  prefetch: Prefetch;
  /** The session hook that keeps the early reads or starts them with the session's client. */
  onConnect?: SessionOptions['onConnect'];
}

/**
 * Starts reading before the bundle is loaded when the last deploy left a hint. Not with --debug:
 * the worker's requests bypass the client's request log, and a debug log should show every call.
 */
export async function startPrefetch(ctx: CommandContext, flags: { target?: string }): Promise<StartedPrefetch> {
  const globals = ctx.globals();
  const settings = await ctx.toolConfig();
  const prefetch = new Prefetch(settings.concurrency);
  if (globals.debug) return { prefetch };
  await prefetch.startEarly(ctx.io, { bundleDir: globals.bundleDir, target: flags.target, profile: globals.profile ?? settings.profile });
  return { prefetch, onConnect: (client, first, auth) => prefetch.start(ctx.io, client, first, auth) };
}
