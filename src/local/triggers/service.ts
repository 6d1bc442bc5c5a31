/**
 * The trigger loop of `jobs local serve`: once per tick it looks at every job's triggers
 * (plan.ts) and starts runs as Databricks would: Quartz schedules at their fire times in their
 * time zone (a missed fire time while the server was down is not caught up), periodic triggers,
 * file arrival on local folders (file-arrival.ts), and continuous jobs (one active run, restarted
 * when it ends, with a back-off after failures). Each run records its trigger type. Time comes
 * from the injected clock, so tests step it instead of waiting.
 */
import type { Int64 } from '../../api/json.js';
import type { TriggerType } from '../../api/runs.js';
import type { EngineClock, EngineFs } from '../../ports/engine.js';
import type { RunControl, RunOrigin } from '../runs/executor.js';
import { isTerminal, type StoredRun } from '../runs/model.js';
import type { StoredJob } from '../store/model.js';
import { localFolderFor, observe, startWatch, type WatchState } from './file-arrival.js';
import { continuousDelay, nextCronFire, triggersOf, type TriggerSpec } from './plan.js';

export interface TriggerServiceOptions {
  jobs(): Iterable<StoredJob>;
  runs(): Iterable<StoredRun>;
  control: RunControl;
  clock: EngineClock;
  fs: Pick<EngineFs, 'listFiles'>;
  /** Where `/Volumes/…` and cloud URLs of file-arrival triggers map to (file-arrival.ts). */
  dataDir?: string;
  /** How often triggers are looked at (default 1 s). */
  tickMs?: number;
  /** How often a watched folder is listed (default 10 s). */
  filePollMs?: number;
  warn(message: string): void;
}

interface FileWatch {
  folder?: string;
  state?: WatchState;
  lastPoll?: number;
}

interface JobWatch {
  key: string;
  specs: TriggerSpec[];
  /** Per spec index: the next fire time (cron, periodic). */
  next: Map<number, number | undefined>;
  files: Map<number, FileWatch>;
  continuous: { runId?: Int64; failures: number; notBefore: number };
  warned: Set<string>;
}

export class TriggerService {
  private readonly watches = new Map<string, JobWatch>();
  private stopTimer: (() => void) | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly o: TriggerServiceOptions) {}

  start(): void {
    const loop = (): void => {
      if (this.stopped) return;
      this.running = this.tick().catch((err: unknown) => this.o.warn(`triggers: ${err instanceof Error ? err.message : String(err)}`));
      void this.running.then(() => {
        if (!this.stopped) this.stopTimer = this.o.clock.setTimer(loop, this.o.tickMs ?? 1000);
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopTimer?.();
    await this.running;
  }

  /** One look at every job's triggers (tests call this after stepping the clock). */
  async tick(): Promise<void> {
    const now = this.o.clock.now();
    const seen = new Set<string>();
    for (const job of this.o.jobs()) {
      const id = String(job.job_id);
      seen.add(id);
      const specs = triggersOf(job.settings);
      const key = JSON.stringify(specs);
      let w = this.watches.get(id);
      if (!w || w.key !== key) this.watches.set(id, (w = this.fresh(specs, key, now)));
      for (let i = 0; i < specs.length; i++) await this.check(job, w, i, specs[i] as TriggerSpec, now);
    }
    for (const id of [...this.watches.keys()]) if (!seen.has(id)) this.watches.delete(id);
  }

  private fresh(specs: TriggerSpec[], key: string, now: number): JobWatch {
    const next = new Map<number, number | undefined>();
    specs.forEach((s, i) => {
      if (s.kind === 'cron') next.set(i, nextCronFire(s.expr, s.timezone, now));
      if (s.kind === 'periodic') next.set(i, now + s.everyMs);
    });
    return { key, specs, next, files: new Map(), continuous: { failures: 0, notBefore: now }, warned: new Set() };
  }

  private async check(job: StoredJob, w: JobWatch, i: number, spec: TriggerSpec, now: number): Promise<void> {
    switch (spec.kind) {
      case 'cron':
      case 'periodic': {
        const due = w.next.get(i);
        if (due === undefined || now < due) return;
        // Missed fire times (the server was down or busy) are not caught up: the next one is
        // the first after now.
        w.next.set(i, spec.kind === 'cron' ? nextCronFire(spec.expr, spec.timezone, now) : Math.max(due + spec.everyMs, now + 1));
        await this.fire(job, { trigger: 'PERIODIC', trigger_time: due });
        return;
      }
      case 'file_arrival':
        return this.checkFiles(job, w, i, spec, now);
      case 'continuous':
        return this.checkContinuous(job, w, now);
      case 'unsupported':
        this.warnOnce(w, spec.what, `job ${String(job.job_id)}: ${spec.what} triggers cannot fire in the local workspace (there are no tables or models to watch)`);
    }
  }

  private async checkFiles(job: StoredJob, w: JobWatch, i: number, spec: Extract<TriggerSpec, { kind: 'file_arrival' }>, now: number): Promise<void> {
    const fw = w.files.get(i) ?? {};
    w.files.set(i, fw);
    if (fw.lastPoll !== undefined && now - fw.lastPoll < (this.o.filePollMs ?? 10_000)) return;
    fw.lastPoll = now;
    fw.folder ??= this.o.dataDir ? localFolderFor(spec.url, this.o.dataDir) : undefined;
    if (!fw.folder) {
      this.warnOnce(w, `url:${spec.url}`, `job ${String(job.job_id)}: cannot map the file-arrival URL ${spec.url} to a local folder`);
      return;
    }
    const listing = await this.o.fs.listFiles(fw.folder);
    if (!fw.state) {
      fw.state = startWatch(listing);
      return;
    }
    const { state, fire } = observe(fw.state, listing, now, spec);
    fw.state = state;
    if (fire) await this.fire(job, { trigger: 'FILE_ARRIVAL', trigger_time: now, file_arrival_location: spec.url });
  }

  private async checkContinuous(job: StoredJob, w: JobWatch, now: number): Promise<void> {
    const c = w.continuous;
    if (c.runId !== undefined) {
      const run = this.o.control.readRun(c.runId);
      if (run && !isTerminal(run.state)) return;
      const ok = run?.state.result_state === 'SUCCESS' || run?.state.result_state === 'SUCCESS_WITH_FAILURES';
      c.failures = ok ? 0 : c.failures + 1;
      c.notBefore = now + continuousDelay(c.failures);
      delete c.runId;
    }
    if (now < c.notBefore) return;
    // Exactly one active run: one started some other way counts too.
    for (const r of this.o.runs()) if (String(r.job_id) === String(job.job_id) && !isTerminal(r.state)) return;
    const id = await this.fire(job, { trigger: 'CONTINUOUS' });
    if (id !== undefined) c.runId = id;
  }

  private async fire(job: StoredJob, origin: RunOrigin & { trigger: TriggerType }): Promise<Int64 | undefined> {
    try {
      return await this.o.control.startRun({ job_id: job.job_id }, origin);
    } catch (err) {
      this.o.warn(`triggers: job ${String(job.job_id)} (${origin.trigger}) could not start: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private warnOnce(w: JobWatch, key: string, message: string): void {
    if (w.warned.has(key)) return;
    w.warned.add(key);
    this.o.warn(message);
  }
}
