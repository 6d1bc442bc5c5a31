import { describe, expect, it } from 'vitest';
import { decodeJournal, encodeRecord } from './journal.js';

describe('journal records', () => {
  const a = encodeRecord({ seq: 1, ops: [{ op: 'job.del', job_id: 9223372036854775807n }] });
  const b = encodeRecord({ seq: 2, ops: [{ op: 'ws.del', path: '/x' }] });

  it('round-trips int64 ids exactly', () => {
    const { records, truncatedBytes } = decodeJournal(Buffer.from(a + b));
    expect(truncatedBytes).toBe(0);
    expect(records.map((r) => r.seq)).toEqual([1, 2]);
    expect(records[0]?.ops[0]).toEqual({ op: 'job.del', job_id: 9223372036854775807n });
  });

  it('stops at a torn tail or a corrupted record', () => {
    const torn = Buffer.from(a + b.slice(0, 20));
    expect(decodeJournal(torn)).toMatchObject({ validBytes: Buffer.byteLength(a), truncatedBytes: 20 });
    const flipped = Buffer.from(a + b.replace('/x', '/y'));
    expect(decodeJournal(flipped).records).toHaveLength(1);
  });
});
