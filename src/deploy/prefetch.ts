/**
 * Reads started before the bundle is fully resolved (I/O). Once the client exists, the local
 * state cache already names the deployed jobs, so their jobs/get (and permissions) calls can
 * run while openBundleSession asks who the user is and loads the bundle a second time: on a
 * no-op deploy of many jobs, this overlaps most of the network wait with the loading work.
 *
 * Only a hint: readRemote uses a prefetched answer when the state it trusts names the same job
 * id, and reads anew otherwise (no local cache, as on a fresh CI runner, means no prefetch).
 */
import { join } from 'node:path';
import type { Job } from '../api/jobs.js';
import { parseInt64 } from '../api/json.js';
import type { ObjectPermissions } from '../api/workspace.js';
import type { LoadedBundle } from '../bundle/load-bundle.js';
import type { Io } from '../ports/io.js';
import type { WorkspaceClient } from '../remote/client.js';
import { deployedJobIds, jobStateKey, parseDeploymentState, STATE_FILE } from './state-format.js';
import { readLocal } from './state-store.js';

export class Prefetch {
  private readonly jobs = new Map<string, Promise<Job>>();
  private readonly acls = new Map<string, Promise<ObjectPermissions>>();

  /** Starts jobs/get for every job the local state cache of the bundle's target names. */
  start(io: Io, client: WorkspaceClient, bundle: LoadedBundle): void {
    const path = join(bundle.root, '.databricks', 'bundle', bundle.target ?? 'default', STATE_FILE);
    const started = readLocal(io, path).then((text) => {
      const state = text === undefined ? undefined : parseDeploymentState(text);
      for (const [key, id] of deployedJobIds(state)) {
        const jobId = parseInt64(id) ?? Number(id);
        this.jobs.set(id, quiet(client.jobs.get(jobId)));
        if (state!.state[`${jobStateKey(key)}.permissions`]) this.acls.set(id, quiet(client.permissions.get(jobId)));
      }
    });
    this.ready = started.catch(() => undefined);
  }

  /** Resolves once the cache was read and the calls started. */
  ready: Promise<void> = Promise.resolve();

  job(id: string): Promise<Job> | undefined {
    return this.jobs.get(id);
  }

  permissions(id: string): Promise<ObjectPermissions> | undefined {
    return this.acls.get(id);
  }
}

/** The same promise, marked as handled: a prefetch nobody consumes must not fail the process. */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
