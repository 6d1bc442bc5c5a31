import { describe, expect, it } from 'vitest';
import { outcomeOf, redact } from './output.js';

describe('outcomeOf', () => {
  const base = { code: 0, signal: null, logs: 'out', logsTruncated: false };
  it('succeeds on exit 0 with the notebook result', () => {
    expect(outcomeOf({ ...base, exitValue: 'done' })).toEqual({ ok: true, output: { logs: 'out', notebook_result: 'done' } });
  });
  it('takes the error from the runtime, else from stderr, else from the exit', () => {
    expect(outcomeOf({ ...base, code: 1, error: { error: 'ValueError: x', trace: 'Traceback…' } }).output).toMatchObject({ error: 'ValueError: x', error_trace: 'Traceback…' });
    expect(outcomeOf({ ...base, code: 1, logs: 'a\nSegmentation fault\n' }).output.error).toBe('Segmentation fault');
    expect(outcomeOf({ ...base, code: null, signal: 'SIGKILL' }).output.error).toBe('The process was killed by SIGKILL');
    expect(outcomeOf({ ...base, code: null, spawnError: 'spawn python3 ENOENT' }).output.error).toBe('The task could not be started: spawn python3 ENOENT');
    expect(outcomeOf({ ...base, code: null, lost: 'The helper stopped; the task was stopped with it' }).output.error).toBe('The helper stopped; the task was stopped with it');
  });
  it('redacts secrets everywhere', () => {
    expect(outcomeOf({ ...base, code: 1, logs: 'token s3cret!', error: { error: 'bad s3cret!' } }, ['s3cret!']).output).toMatchObject({ logs: 'token [REDACTED]', error: 'bad [REDACTED]' });
    expect(redact('abc', ['ab'])).toBe('abc');
  });
});
