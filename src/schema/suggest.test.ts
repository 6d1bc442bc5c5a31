import { describe, expect, it } from 'vitest';
import { closest, editDistance } from './suggest.js';

describe('editDistance', () => {
  it.each([
    ['task_key', 'task_key', 0],
    ['taks_key', 'task_key', 1],
    ['max_retry', 'max_retries', 3],
    ['', 'abc', 3],
  ])('%s → %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('closest', () => {
  const fields = ['task_key', 'max_retries', 'min_retry_interval_millis', 'run_if'];
  it('finds typos, transpositions and case slips', () => {
    expect(closest('max_retry', fields)).toBe('max_retries');
    expect(closest('taks_key', fields)).toBe('task_key');
    expect(closest('RUN_IF', fields)).toBe('run_if');
  });
  it('stays quiet when nothing is close', () => {
    expect(closest('schedule', fields)).toBeUndefined();
    expect(closest('ru', fields)).toBeUndefined();
  });
});
