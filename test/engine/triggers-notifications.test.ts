/**
 * Golden scenarios: a served workspace starts runs from a Quartz schedule (clock stepped by the
 * test) that record their trigger; notifications go to webhooks (destination ids mapped to URLs
 * in notification-destinations.json) and to the e-mail outbox, on start, success, failure and
 * duration warnings.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineClock } from '../../src/ports/engine.js';
import { py, startHarness, type Harness } from './harness.js';

describe('triggers', () => {
  let h: Harness;
  let now = Date.UTC(2026, 10, 21, 1, 59, 50);
  const clock: EngineClock = { now: () => now, setTimer: () => () => undefined };
  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'jobs-trig-'));
    h = await startHarness({}, { dataDir, triggers: { clock } });
    await h.deploy({ 'show.py': 'import sys\nprint("trigger", sys.argv[1:])\n' });
  });
  afterAll(async () => {
    await h.close();
    await rm(h.dataDir, { recursive: true, force: true });
  });

  it('runs a job at its schedule, as a PERIODIC run with the fire time as trigger time', async () => {
    const job = await h.job({
      name: 'nightly',
      schedule: { quartz_cron_expression: '0 0 3 * * ?', timezone_id: 'Europe/Warsaw', pause_status: 'UNPAUSED' },
      tasks: [py('show', 'show.py', ['{{job.trigger.type}}', '{{job.trigger.time.iso_datetime}}'])],
    });
    await h.ws.triggers?.tick();
    now = Date.UTC(2026, 10, 21, 2, 0, 1); // 03:00:01 in Warsaw
    await h.ws.triggers?.tick();
    const runs = [];
    for await (const r of h.client.runs.list({ job_id: job })) runs.push(r);
    expect(runs.map((r) => r.trigger)).toEqual(['PERIODIC']);
    const run = await h.waitTerminal(runs[0]!.run_id);
    expect((await h.output(run, 'show')).logs).toContain("trigger ['periodic', '2026-11-21T02:00:00.000']");
  });
});

describe('notifications', () => {
  let h: Harness;
  let server: Server;
  const posts: { event_type: string; job: { name: string }; task?: { task_key: string } }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        posts.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    h = await startHarness();
    await writeFile(join(h.dataDir, 'notification-destinations.json'), JSON.stringify({ 'dest-1': { url: `http://127.0.0.1:${port}/hook` } }));
    await h.deploy({ 'ok.py': 'import time\ntime.sleep(1.5)\n', 'fail.py': 'raise RuntimeError("no")\n' });
  });
  afterAll(async () => {
    await h.close();
    await new Promise((r) => server.close(r));
  });

  it('posts webhooks and writes e-mails to the outbox on start, success, failure and duration warnings', async () => {
    const job = await h.job({
      name: 'notified',
      email_notifications: { on_failure: ['oncall@example.com'], on_success: ['team@example.com'] },
      webhook_notifications: { on_start: [{ id: 'dest-1' }], on_success: [{ id: 'dest-1' }], on_failure: [{ id: 'dest-1' }], on_duration_warning_threshold_exceeded: [{ id: 'dest-1' }] },
      health: { rules: [{ metric: 'RUN_DURATION_SECONDS', op: 'GREATER_THAN', value: 1 }] },
      tasks: [py('ok', 'ok.py', [], { email_notifications: { on_start: ['task-watcher@example.com'] } })],
    });
    await h.run(job);
    await h.ws.engine?.idle();
    expect(posts.map((p) => p.event_type).sort()).toEqual(['jobs.on_duration_warning_threshold_exceeded', 'jobs.on_start', 'jobs.on_success']);
    expect(posts[0]?.job.name).toBe('notified');

    const failing = await h.job({ name: 'failing', email_notifications: { on_failure: ['oncall@example.com'] }, webhook_notifications: { on_failure: [{ id: 'dest-1' }, { id: 'unknown' }] }, tasks: [py('bad', 'fail.py')] });
    await h.run(failing);
    await h.ws.engine?.idle();
    expect(posts.at(-1)?.event_type).toBe('jobs.on_failure');
    const outbox = (await readFile(join(h.dataDir, 'outbox.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { to: string[]; subject: string; event: string; task_key?: string });
    expect(outbox.map((m) => [m.to[0], m.event, m.task_key])).toEqual([
      ['task-watcher@example.com', 'on_start', 'ok'],
      ['team@example.com', 'on_success', undefined],
      ['oncall@example.com', 'on_failure', undefined],
    ]);
    expect(outbox[2]?.subject).toMatch(/^\[local workspace\] Job failing failed \(run \d+\)$/);
  });
});
