import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeJournal, encodeRecord, type JournalRecord } from './journal.js';
import type { Op } from './model.js';
import { Store } from './store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jobs-store-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const put = (i: number): Op => ({ op: 'job.put', job: { job_id: i, creator_user_name: 'u', run_as_user_name: 'u', created_time: i, settings: { name: `j${i}` } } });

describe('Store', () => {
  it('replays the journal after a restart', async () => {
    const a = await Store.open({ dataDir: dir });
    for (let i = 1; i <= 5; i++) await a.mutate(() => ({ ops: [put(i)], result: undefined }));
    await a.close();
    const b = await Store.open({ dataDir: dir });
    expect([...b.state.jobs.keys()]).toEqual(['1', '2', '3', '4', '5']);
    await b.close();
  });

  it('skips journal records a snapshot already covers (crash between snapshot and truncation)', async () => {
    const a = await Store.open({ dataDir: dir, compactAfterBytes: 1 << 30 });
    for (let i = 1; i <= 3; i++) await a.mutate(() => ({ ops: [put(i)], result: undefined }));
    await a.close();
    await copyFile(join(dir, 'journal.log'), join(dir, 'journal.old'));
    const b = await Store.open({ dataDir: dir, compactAfterBytes: 1 });
    await b.mutate(() => ({ ops: [{ op: 'job.del', job_id: 2 }], result: undefined })); // compacts: snapshot seq 4
    await b.close();
    await copyFile(join(dir, 'journal.old'), join(dir, 'journal.log')); // as if truncation never happened
    const c = await Store.open({ dataDir: dir });
    expect([...c.state.jobs.keys()]).toEqual(['1', '3']); // job 2's put (seq 2) was not replayed over its delete
    await c.close();
  });

  it('cuts a torn last record and keeps the rest', async () => {
    const a = await Store.open({ dataDir: dir });
    for (let i = 1; i <= 3; i++) await a.mutate(() => ({ ops: [put(i)], result: undefined }));
    await a.close();
    const bytes = await readFile(join(dir, 'journal.log'));
    await writeFile(join(dir, 'journal.log'), bytes.subarray(0, bytes.length - 7));
    const warnings: string[] = [];
    const b = await Store.open({ dataDir: dir, warn: (m) => warnings.push(m) });
    expect([...b.state.jobs.keys()]).toEqual(['1', '2']);
    expect(warnings[0]).toMatch(/dropped \d+ bytes/);
    await b.mutate(() => ({ ops: [put(9)], result: undefined }));
    await b.close();
    const c = await Store.open({ dataDir: dir });
    expect([...c.state.jobs.keys()]).toEqual(['1', '2', '9']);
    await c.close();
  });

  it('decodes any prefix of a journal to a prefix of its records', () => {
    const records: JournalRecord[] = Array.from({ length: 6 }, (_, i) => ({ seq: i + 1, ops: [put(i), { op: 'ws.del', path: `/x/ü${i}` }] }));
    const bytes = Buffer.from(records.map(encodeRecord).join(''));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length }), (cut) => {
        const { records: got, validBytes } = decodeJournal(bytes.subarray(0, cut));
        expect(got).toEqual(records.slice(0, got.length));
        expect(validBytes).toBeLessThanOrEqual(cut);
      }),
    );
  });
});
