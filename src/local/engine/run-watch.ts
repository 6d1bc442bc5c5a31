/**
 * What happens around runs and tasks rather than inside them: the job's `timeout_seconds`
 * (the run ends TIMEDOUT), `RUN_DURATION_SECONDS` health rules (duration warnings), and the
 * start/success/failure notifications of jobs and tasks. Timers use the injected clock.
 * Job-level notifications are not sent for retried attempts, only for the run; task-level ones
 * are, unless `alert_on_last_attempt` asks to wait for the last attempt.
 */
import type { Int64 } from '../../api/json.js';
import type { RunState } from '../../api/runs.js';
import type { EngineClock } from '../../ports/engine.js';
import type { RunControl, RunEvent } from '../runs/executor.js';
import type { StoredRun, StoredTaskRun } from '../runs/model.js';
import type { StoredJob } from '../store/model.js';
import type { Notifier } from './notify/deliver.js';
import { durationThresholds, endEvent, recipients, type EventFacts, type NotifyEvent, type NotifySettings } from './notify/plan.js';

export interface RunWatchDeps {
  clock: EngineClock;
  notifier: Notifier;
  job(jobId: Int64): StoredJob | undefined;
  workspaceId: string;
  runPageUrl(jobId: Int64, runId: Int64): string;
  /** Keeps track of background work (so shutdown and tests can wait for it). */
  track(work: Promise<unknown>): void;
}

export class RunWatch {
  private readonly timers = new Map<string, (() => void)[]>();

  constructor(private readonly d: RunWatchDeps) {}

  onRunEvent(event: RunEvent, control: RunControl): void {
    const run = event.run;
    const key = String(run.run_id);
    const settings = this.d.job(run.job_id)?.settings;
    this.clear(key);
    if (event.type === 'finished') {
      const end = settings ? endEvent(run.state, settings) : undefined;
      if (settings && end) this.notify(settings, end, run, undefined, run.state);
      return;
    }
    if (!settings) return;
    const timers: (() => void)[] = [];
    const timeout = settings.timeout_seconds ?? 0;
    if (timeout > 0) timers.push(this.d.clock.setTimer(() => this.d.track(control.timeoutRun(run.run_id)), timeout * 1000));
    for (const seconds of durationThresholds(settings.health))
      timers.push(this.d.clock.setTimer(() => this.notify(settings, 'on_duration_warning_threshold_exceeded', run, undefined, undefined, seconds), seconds * 1000));
    this.timers.set(key, timers);
    this.notify(settings, 'on_start', run);
  }

  /** A task attempt started running. */
  taskStarted(run: StoredRun, t: StoredTaskRun): void {
    const s = t.task as NotifySettings;
    const onLast = s.notification_settings?.alert_on_last_attempt === true;
    if (!(onLast && t.attempt_number > 0)) this.notify(s, 'on_start', run, t);
    const timers = durationThresholds(s.health).map((seconds) =>
      this.d.clock.setTimer(() => this.notify(s, 'on_duration_warning_threshold_exceeded', run, t, undefined, seconds), seconds * 1000));
    if (timers.length > 0) this.timers.set(`task:${String(t.run_id)}`, timers);
  }

  /** A task attempt ended; `last` when no retry follows. */
  taskEnded(run: StoredRun, t: StoredTaskRun, state: RunState, last: boolean): void {
    this.clear(`task:${String(t.run_id)}`);
    const s = t.task as NotifySettings;
    const event = endEvent(state, s);
    if (!event) return;
    if (event === 'on_failure' && !last && s.notification_settings?.alert_on_last_attempt === true) return;
    this.notify(s, event, run, t, state);
  }

  close(): void {
    for (const key of [...this.timers.keys()]) this.clear(key);
  }

  private clear(key: string): void {
    for (const stop of this.timers.get(key) ?? []) stop();
    this.timers.delete(key);
  }

  private notify(s: NotifySettings, event: NotifyEvent, run: StoredRun, t?: StoredTaskRun, state?: RunState, thresholdSeconds?: number): void {
    const to = recipients(s, event);
    if (to.emails.length === 0 && to.webhooks.length === 0) return;
    const facts: EventFacts = {
      event, workspaceId: this.d.workspaceId, jobId: String(run.job_id), jobName: run.run_name, runId: String(run.run_id),
      runPageUrl: this.d.runPageUrl(run.job_id, t?.run_id ?? run.run_id),
      ...(t ? { taskKey: t.task_key, taskRunId: String(t.run_id) } : {}),
      ...(state ? { state } : {}), ...(thresholdSeconds !== undefined ? { thresholdSeconds } : {}),
    };
    this.d.track(this.d.notifier.send(facts, to));
  }
}
