/**
 * Durability: a server process is killed with SIGKILL while clients write to it, then
 * restarted on the same data dir, several times over (with a tiny compaction threshold so
 * snapshots are taken and cut short too). Everything a client was told succeeded must be there,
 * exactly; the store must open; ids must never be reused.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Int64 } from '../../src/api/json.js';
import { bearerToken } from '../../src/remote/auth/credentials.js';
import { createWorkspaceClient, type WorkspaceClient } from '../../src/remote/client.js';
import { isNotFound } from '../../src/remote/errors.js';
import { realClock } from '../helpers/local-workspace.js';
import { runServer } from '../helpers/run-server.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

interface Acked {
  jobs: Map<string, string>;
  files: Map<string, string>;
  runs: Set<string>;
}

/** Writes until stopped, recording only what the server acknowledged. */
async function writer(client: WorkspaceClient, acked: Acked, tag: string, stop: { now: boolean }): Promise<void> {
  for (let i = 0; !stop.now; i++) {
    try {
      const name = `${tag}-job-${i}`;
      const { job_id } = await client.jobs.create({ name, tasks: [{ task_key: 'c', condition_task: { left: String(i), op: 'EQUAL_TO', right: String(i) } }], max_concurrent_runs: 100 });
      acked.jobs.set(String(job_id), name);
      const path = `/Shared/${tag}-${i}.txt`;
      const content = `content ${tag} ${i} `.repeat(40);
      await client.workspace.importFile(path, content, { overwrite: true });
      acked.files.set(path, content);
      const { run_id } = await client.jobs.runNow({ job_id });
      acked.runs.add(String(run_id));
    } catch {
      return; // the server died mid-request: what happened to this one is unknown
    }
  }
}

async function verify(client: WorkspaceClient, acked: Acked): Promise<void> {
  for (const [id, name] of acked.jobs) expect((await client.jobs.get(id as unknown as Int64)).settings?.name).toBe(name);
  for (const [path, content] of acked.files) expect((await client.workspace.download(path)).toString()).toBe(content);
  for (const id of acked.runs) expect((await client.runs.get(id as unknown as Int64)).state?.result_state).toBe('SUCCESS');
  for await (const job of client.jobs.list({})) {
    const got = await client.jobs.get(job.job_id).catch((e: unknown) => e);
    expect(isNotFound(got)).toBe(false);
  }
}

it('keeps every acknowledged write across kill -9 and restarts', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jobs-durable-'));
  dirs.push(dir);
  const acked: Acked = { jobs: new Map(), files: new Map(), runs: new Set() };
  const seenIds = new Set<string>();
  for (let round = 0; round < 4; round++) {
    const server = await runServer(['--data-dir', dir, '--token', 'tok-durable-1', '--compact-after', '20000', '--id-base', '9007199254740990']);
    expect(server.url, server.stderr()).toMatch(/^http:/);
    const client = createWorkspaceClient({ host: server.url, credentials: bearerToken('tok-durable-1', 'test'), clock: realClock, retry: { maxAttempts: 1 } });
    await verify(client, acked);
    const before = new Set(acked.jobs.keys());
    const stop = { now: false };
    const writers = [0, 1, 2].map((w) => writer(client, acked, `r${round}w${w}`, stop));
    // Let a varying number of writes land, then kill the server wherever it is (the writers
    // never pause, so the kill lands mid-request).
    const target = before.size + 3 + round * 2;
    for (let i = 0; i < 2000 && acked.jobs.size < target; i++) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, round * 13));
    server.child.kill('SIGKILL');
    await server.exited;
    stop.now = true;
    await Promise.all(writers);
    await client.close();
    for (const id of acked.jobs.keys()) if (!before.has(id)) {
      expect(seenIds.has(id)).toBe(false);
      seenIds.add(id);
    }
    expect(acked.jobs.size).toBeGreaterThan(before.size);
  }
  // The tiny compaction threshold made the store fold its journal into snapshots meanwhile.
  expect((await readFile(join(dir, 'state.json'), 'utf8')).length).toBeGreaterThan(0);
  expect(acked.jobs.size).toBeGreaterThan(20);
  const last = await runServer(['--data-dir', dir, '--token', 'tok-durable-1']);
  const client = createWorkspaceClient({ host: last.url, credentials: bearerToken('tok-durable-1', 'test'), clock: realClock });
  await verify(client, acked);
  const { job_id } = await client.jobs.create({ name: 'after' });
  expect(seenIds.has(String(job_id))).toBe(false);
  expect(BigInt(job_id)).toBeGreaterThan(2n ** 53n);
  await client.close();
  last.child.kill('SIGTERM');
  await last.exited;
  // The journal ends on a record boundary after the clean restart replayed and cut it.
  const journal = await readFile(join(dir, 'journal.log'), 'utf8');
  expect(journal === '' || journal.endsWith('\n')).toBe(true);
});
