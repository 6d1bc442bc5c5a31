/**
 * The v2 `status` derived from the v1 `state` (jobs-api-2.2.md §3.1, "suggested mapping").
 * One function, used for runs and task runs alike, so the two models never drift apart.
 */
import type { RunState, RunStatus, TerminationType } from '../../api/runs.js';

const TERMINATION: Record<string, { code: string; type: TerminationType }> = {
  SUCCESS: { code: 'SUCCESS', type: 'SUCCESS' },
  SUCCESS_WITH_FAILURES: { code: 'SUCCESS_WITH_FAILURES', type: 'SUCCESS' },
  FAILED: { code: 'RUN_EXECUTION_ERROR', type: 'CLIENT_ERROR' },
  TIMEDOUT: { code: 'CANCELED', type: 'CLIENT_ERROR' },
  CANCELED: { code: 'USER_CANCELED', type: 'SUCCESS' },
  MAXIMUM_CONCURRENT_RUNS_REACHED: { code: 'MAX_CONCURRENT_RUNS_EXCEEDED', type: 'CLIENT_ERROR' },
  EXCLUDED: { code: 'SKIPPED', type: 'SUCCESS' },
  UPSTREAM_FAILED: { code: 'SKIPPED', type: 'CLIENT_ERROR' },
  UPSTREAM_CANCELED: { code: 'SKIPPED', type: 'SUCCESS' },
  DISABLED: { code: 'DISABLED', type: 'SUCCESS' },
};

export function toStatus(state: RunState): RunStatus {
  switch (state.life_cycle_state) {
    case 'QUEUED':
      return {
        state: 'QUEUED',
        queue_details: { code: 'MAX_CONCURRENT_RUNS_REACHED', message: state.queue_reason ?? 'Queued: maximum concurrent runs reached.' },
      };
    case 'PENDING':
    case 'BLOCKED':
    case 'RUNNING':
    case 'TERMINATING':
      return { state: state.life_cycle_state };
    case 'WAITING_FOR_RETRY':
      return { state: 'WAITING' };
    default: {
      const t = (state.result_state && TERMINATION[state.result_state]) ?? { code: 'INTERNAL_ERROR', type: 'INTERNAL_ERROR' as const };
      const code = state.life_cycle_state === 'SKIPPED' && !state.result_state ? { code: 'SKIPPED', type: 'SUCCESS' as const } : t;
      return { state: 'TERMINATED', termination_details: { ...code, ...(state.state_message ? { message: state.state_message } : {}) } };
    }
  }
}
