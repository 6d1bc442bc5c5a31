/**
 * What every handler of the embedded workspace receives: the store, the identity the server
 * answers as, its clock, its public URL (for run page URLs) and the injected collaborators (the
 * job-settings validator and the run executor).
 */
import { parseInt64, type Int64 } from '../../api/json.js';
import type { JobSettingsValidator } from '../jobs/validate.js';
import type { RunExecutor } from '../runs/executor.js';
import type { Counters, State } from '../store/model.js';
import type { Store } from '../store/store.js';

export interface WorkspaceContext {
  store: Store;
  now(): number;
  userName: string;
  workspaceId: string;
  /** Base URL clients reach this workspace at; known once the server listens. */
  url(): string;
  /** Ids are `idBase + n`; a base past 2^53 exercises exact int64 handling end to end. */
  idBase: bigint;
  validateJobSettings?: JobSettingsValidator;
  executor?: RunExecutor;
}

/** Run ids start above job ids so the two never look alike in a small workspace. */
const RUN_OFFSET = 1000n;

export interface Ids {
  job(): Int64;
  run(): Int64;
  object(): Int64;
  /** The op that persists the counters; include it whenever an id was taken. */
  counters(): Counters;
}

export function allocateIds(ctx: WorkspaceContext, state: State): Ids {
  const c = { ...state.counters };
  const toId = (n: bigint): Int64 => parseInt64(String(n)) as Int64;
  return {
    job: () => toId(ctx.idBase + BigInt(++c.job)),
    run: () => toId(ctx.idBase + RUN_OFFSET + BigInt(++c.run)),
    object: () => toId(ctx.idBase + BigInt(++c.object)),
    counters: () => c,
  };
}

export const MAX_ID_BASE = 9223372036854775807n - 2n ** 40n;
