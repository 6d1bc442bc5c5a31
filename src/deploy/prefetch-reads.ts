/**
 * One batch of prefetched reads: a slot per expected job (and permissions) answer, filled by
 * the worker's messages (prefetch-worker.ts) and awaited by readRemote. A batch is dropped whole
 * (`stop`): its worker is terminated and every unanswered slot says "ask again", so a worker
 * that is still exiting can never fill the slots of a batch that replaced it.
 */
import { Worker } from 'node:worker_threads';
import type { Job } from '../api/jobs.js';
import { parseJson } from '../api/json.js';
import type { ObjectPermissions } from '../api/workspace.js';
import { appendJobPage, finishPaged } from '../remote/pages.js';
import { PREFETCH_WORKER_SOURCE, type PrefetchMessage, type PrefetchWork } from './prefetch-worker.js';

/** A prefetched answer: the value, `undefined` for 404, or `fallback` to ask again. */
type Answer<T> = { value: T | undefined } | 'fallback';

class Slot<T> {
  readonly promise: Promise<Answer<T>>;
  resolve!: (a: Answer<T>) => void;
  constructor() {
    this.promise = new Promise((r) => (this.resolve = r));
  }
}

export class PrefetchReads {
  private readonly jobs = new Map<string, Slot<Job>>();
  private readonly acls = new Map<string, Slot<ObjectPermissions>>();
  private worker?: Worker;
  private stopped = false;

  /** Declares the answers to wait for (before the worker is spawned). */
  expect(jobIds: readonly string[], permissionIds: readonly string[]): void {
    for (const id of jobIds) this.jobs.set(id, new Slot());
    for (const id of permissionIds) this.acls.set(id, new Slot());
    if (this.stopped) this.giveUp();
  }

  spawn(work: PrefetchWork): void {
    if (this.stopped) return;
    const worker = new Worker(PREFETCH_WORKER_SOURCE, { eval: true, workerData: work });
    this.worker = worker;
    worker.unref();
    worker.on('message', (m: PrefetchMessage) => this.receive(m));
    worker.on('error', () => this.giveUp());
    worker.on('exit', () => this.giveUp());
  }

  async job(id: string): Promise<{ value: Job | undefined } | undefined> {
    const a = await this.jobs.get(id)?.promise;
    return a === undefined || a === 'fallback' ? undefined : a;
  }

  async permissions(id: string): Promise<{ value: ObjectPermissions | undefined } | undefined> {
    const a = await this.acls.get(id)?.promise;
    return a === undefined || a === 'fallback' ? undefined : a;
  }

  /** Terminates the worker; unanswered reads fall back to the client. */
  stop(): void {
    this.stopped = true;
    void this.worker?.terminate();
    this.giveUp();
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
