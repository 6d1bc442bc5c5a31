import { describe, expect, it } from 'vitest';
import { checkOnly, checkParams, declaredParameters, parseParam, pickJob, taskKeys } from './run-request.js';

const jobs = [
  { key: 'etl', path: [], settings: { parameters: [{ name: 'run_date', default: '' }, { name: 'min_rows', default: '100' }], tasks: [{ task_key: 'validate' }, { task_key: 'transform' }] } },
  { key: 'report', path: [], settings: {} },
];

describe('the job to run', () => {
  it('may be omitted only when the bundle has one job', () => {
    expect(pickJob(jobs.slice(0, 1), undefined).job?.key).toBe('etl');
    expect(pickJob(jobs, undefined).problem).toMatch(/several jobs; name one: etl, report/);
    expect(pickJob([], undefined).problem).toMatch(/no jobs/);
  });
  it('suggests a close key', () => expect(pickJob(jobs, 'etll').problem).toMatch(/did you mean "etl"/));
});

describe('--param', () => {
  it('splits at the first =', () => {
    expect(parseParam('filter=a=b')).toEqual({ name: 'filter', value: 'a=b' });
    expect(parseParam('=x')).toBeUndefined();
  });
  it('accepts declared names and lists the valid ones otherwise', () => {
    const declared = declaredParameters(jobs[0]!.settings);
    expect(checkParams('etl', declared, [{ name: 'run_date', value: 'x' }])).toEqual([]);
    const [problem] = checkParams('etl', declared, [{ name: 'rundate', value: 'x' }]);
    expect(problem).toMatch(/did you mean "run_date"/);
    expect(problem).toMatch(/its parameters: run_date, min_rows$/);
  });
  it('says when the job declares none, and catches duplicates', () => {
    expect(checkParams('report', [], [{ name: 'x', value: '1' }])[0]).toMatch(/declares no parameters/);
    expect(checkParams('etl', ['a'], [{ name: 'a', value: '1' }, { name: 'a', value: '2' }])).toEqual(['--param a is given more than once']);
  });
});

describe('--only', () => {
  it('understands the +key and key+ selectors', () => {
    const keys = taskKeys(jobs[0]!.settings);
    expect(checkOnly('etl', keys, ['+transform', 'validate+', '+validate+', 'transform'])).toEqual([]);
    expect(checkOnly('etl', keys, ['transfrom'])[0]).toMatch(/no task "transfrom" \(did you mean "transform"\?\)/);
  });
});
