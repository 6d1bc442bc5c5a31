/**
 * Reads started before the bundle is fully resolved (I/O). Once the client exists, the local
 * state cache already names the deployed jobs, so their jobs/get (and permissions) calls can
 * run while openBundleSession asks who the user is, loads the bundle a second time and
 * validates it. They run in a worker thread (prefetch-worker.ts): the loading and validation
 * are synchronous, and on the main thread the requests would wait for them. On a no-op deploy of
 * many jobs this overlaps most of the network wait with that work.
 *
 * Only a hint: readRemote uses a prefetched answer when the state it trusts names the same job
 * id, and asks through its client otherwise, or when the prefetch failed (no local cache, as on a
 * fresh CI runner, means no prefetch). The worker's requests are not counted by the client's
 * concurrency bound; while it runs, the main thread sends only the handful of reads it needs to
 * plan (identity, state, snapshot).
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Job } from '../api/jobs.js';
import { parseJson } from '../api/json.js';
import type { ObjectPermissions } from '../api/workspace.js';
import type { LoadedBundle } from '../bundle/load-bundle.js';
import { VERSION } from '../cli/version.js';
import type { Io } from '../ports/io.js';
import { appendJobPage, finishPaged } from '../remote/pages.js';
import type { WorkspaceClient } from '../remote/client.js';
import { PREFETCH_WORKER_SOURCE, type PrefetchMessage, type PrefetchWork } from './prefetch-worker.js';
import { deployedJobIds, jobStateKey, parseDeploymentState, STATE_FILE } from './state-format.js';
import { readLocal } from './state-store.js';

/** A prefetched answer: the value, `undefined` for 404, or `fallback` to ask again. */
type Answer<T> = { value: T | undefined } | 'fallback';

class Slot<T> {
  readonly promise: Promise<Answer<T>>;
  resolve!: (a: Answer<T>) => void;
  constructor() {
    this.promise = new Promise((r) => (this.resolve = r));
  }
}

export class Prefetch {
  private readonly jobs = new Map<string, Slot<Job>>();
  private readonly acls = new Map<string, Slot<ObjectPermissions>>();
  private worker?: Worker;
  /** Resolves once the local cache was read and the work handed to the worker. */
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly concurrency = 10) {}

  /** Starts reading every job the local state cache of the bundle's target names. */
  start(io: Io, client: WorkspaceClient, bundle: LoadedBundle): void {
    const path = join(bundle.root, '.databricks', 'bundle', bundle.target ?? 'default', STATE_FILE);
    this.ready = (async () => {
      const text = await readLocal(io, path);
      const state = text === undefined ? undefined : parseDeploymentState(text);
      const work: PrefetchWork = { host: client.host, authorization: await client.authorization(), userAgent: `jobs-as-code/${VERSION} prefetch`, jobs: [], permissions: [], concurrency: this.concurrency };
      for (const [key, id] of deployedJobIds(state)) {
        work.jobs.push(id);
        this.jobs.set(id, new Slot());
        if (state!.state[`${jobStateKey(key)}.permissions`]) {
          work.permissions.push(id);
          this.acls.set(id, new Slot());
        }
      }
      if (work.jobs.length > 0) this.spawn(work);
    })().catch(() => this.giveUp());
  }

  /** The prefetched job: its value (undefined when it no longer exists), or undefined to ask again. */
  async job(id: string): Promise<{ value: Job | undefined } | undefined> {
    const a = await this.jobs.get(id)?.promise;
    return a === undefined || a === 'fallback' ? undefined : a;
  }

  async permissions(id: string): Promise<{ value: ObjectPermissions | undefined } | undefined> {
    const a = await this.acls.get(id)?.promise;
    return a === undefined || a === 'fallback' ? undefined : a;
  }

  /** Stops the worker (the session is closing); unanswered reads fall back to the client. */
  stop(): void {
    void this.worker?.terminate();
    this.giveUp();
  }

  private spawn(work: PrefetchWork): void {
    const worker = new Worker(PREFETCH_WORKER_SOURCE, { eval: true, workerData: work });
    this.worker = worker;
    worker.unref();
    worker.on('message', (m: PrefetchMessage) => this.receive(m));
    worker.on('error', () => this.giveUp());
    worker.on('exit', () => this.giveUp());
  }

  private receive(m: PrefetchMessage): void {
    if (m.kind === 'job') {
      const [first, ...rest] = m.pages.map((p) => parseJson(p) as Job);
      for (const page of rest) appendJobPage(first!, page);
      this.jobs.get(m.id)?.resolve({ value: finishPaged(first!) });
    } else if (m.kind === 'permissions') {
      this.acls.get(m.id)?.resolve({ value: parseJson(m.body) as ObjectPermissions });
    } else {
      const answer = m.kind === 'missing' ? { value: undefined } : 'fallback';
      (m.what === 'job' ? this.jobs : this.acls).get(m.id)?.resolve(answer as Answer<never>);
    }
  }

  /** Every read not answered yet is asked again through the client. */
  private giveUp(): void {
    for (const slot of [...this.jobs.values(), ...this.acls.values()]) slot.resolve('fallback');
  }
}
