import { describe, expect, it } from 'vitest';
import type { Run } from '../api/runs.js';
import { failureDetail, summarizeRun, tasksNeedingOutput } from './summary.js';

const failed: Run = {
  run_id: 7, job_id: 3, run_name: 'etl', start_time: 1000, end_time: 13_000, run_page_url: 'https://h/?o=1#job/3/run/7',
  state: { life_cycle_state: 'INTERNAL_ERROR', result_state: 'FAILED', state_message: 'Task b failed with message: x.' },
  tasks: [
    { task_key: 'a', run_id: 8, start_time: 1000, end_time: 3000, state: { life_cycle_state: 'TERMINATED', result_state: 'SUCCESS' } },
    { task_key: 'b', run_id: 9, depends_on: [{ task_key: 'a' }], start_time: 3000, end_time: 9000, state: { life_cycle_state: 'TERMINATED', result_state: 'FAILED', state_message: 'x' } },
    { task_key: 'b', run_id: 10, attempt_number: 1, depends_on: [{ task_key: 'a' }], start_time: 9000, end_time: 12_000, state: { life_cycle_state: 'TERMINATED', result_state: 'FAILED', state_message: 'x' } },
    { task_key: 'c', run_id: 11, depends_on: [{ task_key: 'b' }], state: { life_cycle_state: 'TERMINATED', result_state: 'UPSTREAM_FAILED' } },
  ],
};

describe('summarizeRun', () => {
  it('gives each task its result, duration and attempts, and failures their output', () => {
    expect(tasksNeedingOutput(failed)).toEqual([{ taskKey: 'b', runId: 10 }]);
    const s = summarizeRun(failed, new Map([['b', { error: 'ValueError: no rows', error_trace: 'Traceback\n  x\nValueError: no rows\n' }]]));
    expect(s).toMatchObject({ runId: 7, state: 'FAILED', outcome: 'failed', durationMs: 12_000, url: 'https://h/jobs/3/runs/7?o=1', repairs: 0 });
    expect(s.tasks).toEqual([
      { taskKey: 'a', state: 'SUCCESS', attempts: 1, durationMs: 2000 },
      { taskKey: 'b', state: 'FAILED', attempts: 2, durationMs: 3000, message: 'x', error: 'ValueError: no rows', outputTail: ['Traceback', '  x', 'ValueError: no rows'] },
      { taskKey: 'c', state: 'UPSTREAM_FAILED', attempts: 0 },
    ]);
  });
  it('keeps the tail of long output and says how much it left out', () => {
    const logs = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n');
    expect(failureDetail({ logs }, 20)).toEqual({ outputTail: Array.from({ length: 20 }, (_, i) => `line ${i + 31}`), omittedLines: 30 });
    expect(failureDetail({ error: 'E' })).toEqual({ error: 'E' });
  });
});
