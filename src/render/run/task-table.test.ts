import { describe, expect, it } from 'vitest';
import type { Run } from '../../api/runs.js';
import { renderTaskTable } from './task-table.js';
import { renderTable } from './text-table.js';

describe('live task table', () => {
  it('shows each task with a symbol, its state and time so far, in DAG order', () => {
    const run: Run = {
      run_id: 7, run_name: 'etl', start_time: 1000, state: { life_cycle_state: 'RUNNING' },
      tasks: [
        { task_key: 'report', run_id: 3, depends_on: [{ task_key: 'transform' }], state: { life_cycle_state: 'BLOCKED' } },
        { task_key: 'transform', run_id: 2, attempt_number: 1, depends_on: [{ task_key: 'validate' }], start_time: 4000, state: { life_cycle_state: 'RUNNING' } },
        { task_key: 'validate', run_id: 1, start_time: 1000, end_time: 4000, state: { life_cycle_state: 'TERMINATED', result_state: 'SUCCESS' } },
      ],
    };
    expect(renderTaskTable(run, 12_000)).toBe([
      'etl · run 7 · RUNNING · 11s',
      '     TASK       STATE                TIME',
      '  ✔  validate   SUCCESS                3s',
      '  ▶  transform  RUNNING (attempt 2)    8s',
      '  ·  report     BLOCKED',
    ].join('\n'));
  });
});

describe('renderTable', () => {
  it('pads by code points and right-aligns numbers', () => {
    expect(renderTable([{ header: 'A' }, { header: 'N', align: 'right' }], [['ä', '1'], ['bb', '22']])).toEqual(['A    N', 'ä    1', 'bb  22']);
  });
});
