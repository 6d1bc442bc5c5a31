import { describe, expect, it } from 'vitest';
import { substituteIds, UNKNOWN_ID } from './refs.js';

describe('substituteIds', () => {
  const ids = new Map([['bar', '42'], ['big', '9223372036854775807']]);
  it('turns a whole-string reference into the int64 the API expects', () => {
    expect(substituteIds({ job_id: '${resources.jobs.bar.id}' }, ids)).toEqual({ job_id: 42 });
    expect(substituteIds({ job_id: '${resources.jobs.big.id}' }, ids)).toEqual({ job_id: 9223372036854775807n });
  });
  it('interpolates ids inside text and leaves unknown ones (or marks them)', () => {
    expect(substituteIds(['job ${resources.jobs.bar.id} and ${resources.jobs.new.id}'], ids)).toEqual(['job 42 and ${resources.jobs.new.id}']);
    expect(substituteIds({ a: '${resources.jobs.new.id}' }, ids, UNKNOWN_ID)).toEqual({ a: UNKNOWN_ID });
  });
  it('leaves other references and values alone', () => {
    const v = { a: '${resources.jobs.bar.name}', n: 3, b: true, l: [null] };
    expect(substituteIds(v, ids)).toEqual(v);
  });
});
