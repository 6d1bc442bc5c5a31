/**
 * `jobs local serve` as a real process: what it prints, graceful shutdown on SIGTERM/SIGINT,
 * one server per data dir (a stale lock from a dead process is taken over), and refusal of
 * non-loopback binds.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localDataDir, openLocalTarget } from '../../src/local/open-local-target.js';
import { runServer } from '../helpers/run-server.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jobs-serve-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('jobs local serve', () => {
  it('prints the URL and where the token is, not the token; stops cleanly on SIGTERM', async () => {
    const s = await runServer(['--data-dir', dir]);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const token = (await readFile(join(dir, 'token'), 'utf8')).trim();
    const res = await request(`${s.url}/api/2.0/preview/scim/v2/Me`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    // Output is read after exit: stdout and stderr are separate pipes with no order between them.
    expect(s.stderr()).toContain('SIGTERM: shutting down');
    expect(s.stderr()).toContain(`token: in ${join(dir, 'token')} (mode 0600)`);
    expect(s.stdout() + s.stderr()).not.toContain(token);
    await expect(readFile(join(dir, 'server.lock'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a second server on the same data dir, and takes over a stale lock', async () => {
    const first = await runServer(['--data-dir', dir, '--token', 'tok-abcdefgh']);
    const second = await runServer(['--data-dir', dir, '--token', 'tok-abcdefgh']);
    expect(await second.exited).toEqual({ code: 1, signal: null });
    expect(second.stderr()).toMatch(/error local\/data-dir-locked: the data directory .* is in use by another server \(pid \d+\)/);
    first.child.kill('SIGKILL');
    await first.exited;
    // The lock file of the killed server is still there; its pid is dead, so it is stale.
    expect(JSON.parse(await readFile(join(dir, 'server.lock'), 'utf8')).pid).toBe(first.child.pid);
    const third = await runServer(['--data-dir', dir, '--token', 'tok-abcdefgh']);
    expect(third.url).toMatch(/^http:/);
    third.child.kill('SIGINT');
    expect((await third.exited).code).toBe(0);
  });

  it('logs requests with --debug, without the token', async () => {
    const s = await runServer(['--data-dir', dir, '--token', 'tok-debug-secret'], {}, ['--debug']);
    const res = await request(`${s.url}/api/2.2/jobs/list?limit=5`, { headers: { authorization: 'Bearer tok-debug-secret' } });
    await res.body.dump();
    s.child.kill('SIGTERM');
    await s.exited;
    expect(s.stderr()).toMatch(/debug: GET \/api\/2\.2\/jobs\/list\?limit=5 → 200 \(\d+ ms\)/);
    expect(s.stderr()).not.toContain('tok-debug-secret');
  });

  it('lets a workspace.host: local target share a running server on the bundle data dir', async () => {
    const s = await runServer(['--data-dir', localDataDir(dir)]);
    const clock = { now: () => new Date(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };
    const target = await openLocalTarget({ bundleRoot: dir, clock });
    expect(target).toMatchObject({ shared: true, url: s.url });
    expect((await target.client.currentUser.me()).userName).toBe('local-user@jobs.local');
    await target.close();
    s.child.kill('SIGTERM');
    expect((await s.exited).code).toBe(0);
  });

  it('treats an unreadable lock file as stale', async () => {
    await writeFile(join(dir, 'server.lock'), '{"pid":');
    const s = await runServer(['--data-dir', dir, '--token', 'tok-abcdefgh']);
    expect(s.url).toMatch(/^http:/);
    s.child.kill('SIGTERM');
    await s.exited;
  });

  it('refuses a non-loopback address without --allow-remote', async () => {
    const s = await runServer(['--data-dir', dir, '--host', '0.0.0.0']);
    expect(await s.exited).toEqual({ code: 1, signal: null });
    expect(s.stderr()).toMatch(/error local\/non-loopback-bind: refusing to listen on 0\.0\.0\.0/);
  });
});
