/**
 * Who hears about a run or task event (job-settings.md §1, §2.1): e-mail recipients and webhook
 * notification destinations per event, the run results that count as success or failure, the
 * skipped/canceled opt-outs, and the duration thresholds of `RUN_DURATION_SECONDS` health rules.
 * Jobs that end SUCCESS_WITH_FAILURES count as succeeded, as the Databricks docs say. Pure.
 */
import type { Loose } from '../../../api/jobs.js';
import type { RunState } from '../../../api/runs.js';

export type NotifyEvent = 'on_start' | 'on_success' | 'on_failure' | 'on_duration_warning_threshold_exceeded';

export interface Recipients {
  emails: string[];
  /** Notification destination ids (map to URLs in notification-destinations.json). */
  webhooks: string[];
}

/** The notification settings of a job or a task. */
export interface NotifySettings {
  email_notifications?: Loose;
  webhook_notifications?: Loose;
  notification_settings?: Loose;
  health?: Loose;
}

export function recipients(s: NotifySettings, event: NotifyEvent): Recipients {
  const emails = s.email_notifications?.[event];
  const hooks = s.webhook_notifications?.[event];
  return {
    emails: Array.isArray(emails) ? emails.filter((e): e is string => typeof e === 'string') : [],
    webhooks: Array.isArray(hooks) ? hooks.map((h) => (h as { id?: unknown }).id).filter((id): id is string => typeof id === 'string') : [],
  };
}

export const isEmpty = (r: Recipients): boolean => r.emails.length === 0 && r.webhooks.length === 0;

/** The event a terminal state raises, or none (skipped or canceled runs may opt out). */
export function endEvent(state: RunState, s: NotifySettings): NotifyEvent | undefined {
  const settings = s.notification_settings ?? {};
  const result = state.result_state;
  if (result === 'SUCCESS' || result === 'SUCCESS_WITH_FAILURES') return 'on_success';
  if (result === 'CANCELED') return settings.no_alert_for_canceled_runs ? undefined : 'on_failure';
  if (state.life_cycle_state === 'SKIPPED' || result === 'MAXIMUM_CONCURRENT_RUNS_REACHED' || result === 'EXCLUDED' || result === 'UPSTREAM_FAILED' || result === 'UPSTREAM_CANCELED' || result === 'DISABLED') {
    const optOut = settings.no_alert_for_skipped_runs ?? s.email_notifications?.no_alert_for_skipped_runs;
    return optOut ? undefined : state.life_cycle_state === 'SKIPPED' ? 'on_failure' : undefined;
  }
  return 'on_failure';
}

/** Seconds after which a duration warning fires: `RUN_DURATION_SECONDS GREATER_THAN n` rules. */
export function durationThresholds(health: Loose | undefined): number[] {
  const rules = Array.isArray(health?.rules) ? (health.rules as Loose[]) : [];
  return rules
    .filter((r) => r.metric === 'RUN_DURATION_SECONDS' && (r.op ?? 'GREATER_THAN') === 'GREATER_THAN')
    .map((r) => Number(r.value))
    .filter((v) => Number.isFinite(v) && v >= 0);
}

export interface EventFacts {
  event: NotifyEvent;
  workspaceId: string;
  jobId: string;
  jobName: string;
  runId: string;
  runPageUrl: string;
  taskKey?: string;
  taskRunId?: string;
  state?: RunState;
  /** Duration warnings: the threshold that was passed. */
  thresholdSeconds?: number;
}

/**
 * The webhook body, modelled on Databricks' HTTP webhook payload for jobs (`event_type`,
 * `workspace_id`, `run`, `job`), plus the fields a local reader wants (state, page URL).
 */
export function webhookPayload(f: EventFacts): Loose {
  return {
    event_type: `jobs.${f.event}`,
    workspace_id: f.workspaceId,
    run: { run_id: f.taskRunId ?? f.runId, ...(f.taskRunId ? { parent_run_id: f.runId } : {}), run_page_url: f.runPageUrl },
    job: { job_id: f.jobId, name: f.jobName },
    ...(f.taskKey ? { task: { task_key: f.taskKey } } : {}),
    ...(f.state ? { state: f.state } : {}),
    ...(f.thresholdSeconds !== undefined ? { threshold_seconds: f.thresholdSeconds } : {}),
  };
}

const VERB: Record<NotifyEvent, string> = {
  on_start: 'started', on_success: 'succeeded', on_failure: 'failed', on_duration_warning_threshold_exceeded: 'is running longer than expected',
};

export function emailMessage(f: EventFacts): { subject: string; body: string } {
  const what = f.taskKey ? `Task ${f.taskKey} of job ${f.jobName}` : `Job ${f.jobName}`;
  const subject = `[local workspace] ${what} ${VERB[f.event]} (run ${f.runId})`;
  const lines = [
    `${what} ${VERB[f.event]}.`,
    f.state ? `State: ${f.state.life_cycle_state}${f.state.result_state ? ` / ${f.state.result_state}` : ''}${f.state.state_message ? ` — ${f.state.state_message}` : ''}` : '',
    f.thresholdSeconds !== undefined ? `Duration threshold: ${f.thresholdSeconds} s` : '',
    `Run: ${f.runPageUrl}`,
  ];
  return { subject, body: lines.filter(Boolean).join('\n') };
}
