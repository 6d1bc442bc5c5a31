import { describe, expect, it } from 'vitest';
import { durationThresholds, emailMessage, endEvent, recipients, webhookPayload } from './plan.js';

describe('notification planning', () => {
  it('finds recipients per event', () => {
    const s = { email_notifications: { on_failure: ['a@x', 'b@x'] }, webhook_notifications: { on_failure: [{ id: 'd1' }], on_start: [{ id: 'd2' }] } };
    expect(recipients(s, 'on_failure')).toEqual({ emails: ['a@x', 'b@x'], webhooks: ['d1'] });
    expect(recipients(s, 'on_success')).toEqual({ emails: [], webhooks: [] });
  });
  it('maps end states to events, with the skipped and canceled opt-outs', () => {
    expect(endEvent({ life_cycle_state: 'TERMINATED', result_state: 'SUCCESS_WITH_FAILURES' }, {})).toBe('on_success');
    expect(endEvent({ life_cycle_state: 'INTERNAL_ERROR', result_state: 'FAILED' }, {})).toBe('on_failure');
    expect(endEvent({ life_cycle_state: 'TERMINATED', result_state: 'TIMEDOUT' }, {})).toBe('on_failure');
    expect(endEvent({ life_cycle_state: 'TERMINATED', result_state: 'CANCELED' }, { notification_settings: { no_alert_for_canceled_runs: true } })).toBeUndefined();
    expect(endEvent({ life_cycle_state: 'SKIPPED', result_state: 'MAXIMUM_CONCURRENT_RUNS_REACHED' }, {})).toBe('on_failure');
    expect(endEvent({ life_cycle_state: 'SKIPPED', result_state: 'MAXIMUM_CONCURRENT_RUNS_REACHED' }, { notification_settings: { no_alert_for_skipped_runs: true } })).toBeUndefined();
  });
  it('reads duration thresholds from health rules', () => {
    expect(durationThresholds({ rules: [{ metric: 'RUN_DURATION_SECONDS', op: 'GREATER_THAN', value: 600 }, { metric: 'STREAMING_BACKLOG_BYTES', op: 'GREATER_THAN', value: 1 }] })).toEqual([600]);
  });
  it('builds the webhook body and the mail', () => {
    const f = { event: 'on_failure' as const, workspaceId: '1', jobId: '5', jobName: 'etl', runId: '9', runPageUrl: 'http://x/#job/5/run/9', taskKey: 't', taskRunId: '10' };
    expect(webhookPayload(f)).toEqual({ event_type: 'jobs.on_failure', workspace_id: '1', run: { run_id: '10', parent_run_id: '9', run_page_url: 'http://x/#job/5/run/9' }, job: { job_id: '5', name: 'etl' }, task: { task_key: 't' } });
    expect(emailMessage(f).subject).toBe('[local workspace] Task t of job etl failed (run 9)');
  });
});
