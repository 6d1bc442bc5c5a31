/**
 * Golden acceptance tests for `jobs cron next` and `jobs cron explain`, run in-process with a fixed
 * clock (2026-11-21T10:00:00Z from fakeIo). Text output is compared with files under golden/;
 * `vitest -u` rewrites them. JSON output is asserted structurally: it is the machine contract.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const cron = (...argv: string[]) => runCli(['cron', ...argv], { cwd: process.cwd() });
const transcript = (argv: string[], r: { code: number; stdout: string; stderr: string }) =>
  `$ jobs cron ${argv.map((a) => (/[\s*?]/.test(a) ? `'${a}'` : a)).join(' ')}\n${r.stdout}${r.stderr ? `--- stderr\n${r.stderr}` : ''}exit code: ${r.code}\n`;

describe('jobs cron (golden)', () => {
  it.each([
    ['next-dst-gap', ['next', '0 30 2 * * ?', '--tz', 'Europe/Warsaw', '--from', '2026-03-27T00:00:00Z', '-n', '4']],
    ['next-default-zone-and-clock', ['next', '0 0 9 ? * MON-FRI']],
    ['next-unix-five-fields', ['next', '0 12 * * 1-5']],
    ['next-both-days-star', ['next', '0 0 12 * * *']],
    ['next-unknown-zone', ['next', '0 0 9 ? * MON-FRI', '--tz', 'Europe/Warsow']],
    ['next-gmt-fallback', ['next', '0 0 9 ? * MON-FRI', '--tz', 'UTC+3', '-n', '2']],
    ['next-never-fires', ['next', '0 0 0 30 2 ?']],
    ['explain-ignored-step', ['explain', '0 0 0 1 OCT-DEC/2 ?']],
    ['explain-macro', ['explain', '@daily']],
    ['explain-unix-weekday', ['explain', '0 0 12 ? * 0-4']],
  ])('%s', async (name, argv) => {
    const r = await cron(...argv);
    await expect(transcript(argv, r)).toMatchFileSnapshot(`golden/${name}.txt`);
  });
});

describe('jobs cron next -o json', () => {
  it('prints valid, description, next (UTC ISO-8601) and diagnostics', async () => {
    const r = await cron('next', '0 0 2 * * ?', '--tz', 'America/New_York', '--from', '2026-11-01T00:00:00Z', '-n', '3', '-o', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      valid: true,
      description: 'At 02:00, every day',
      next: ['2026-11-01T07:00:00Z', '2026-11-02T07:00:00Z', '2026-11-03T07:00:00Z'],
      diagnostics: [],
    });
    expect(r.stderr).toBe('');
  });

  it('exits 1 with located diagnostics for an invalid expression', async () => {
    const r = await cron('next', '0 0 12 * * *', '-o', 'json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ valid: false, description: null, next: [] });
    expect(out.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'cron/both-days', input: 'expression', start: 11, end: 12, suggestion: '0 0 12 * * ?' }),
    ]);
  });

  it('exits 1 for an unknown zone and keeps warnings with a valid result', async () => {
    const bad = await cron('next', '0 0 2 * * ?', '--tz', 'Mars/Olympus', '-o', 'json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).diagnostics[0]).toMatchObject({ code: 'cron/unknown-timezone', input: 'timezone', start: 0, end: 12 });
    const warned = await cron('next', '0 0 99 * * ?', '-n', '1', '-o', 'json');
    expect(warned.code).toBe(0);
    expect(JSON.parse(warned.stdout)).toMatchObject({ valid: true, next: ['2026-11-21T11:00:00Z'], diagnostics: [{ code: 'cron/magic-number', start: 4, end: 6 }] });
  });

  it('explain -o json has no next', async () => {
    const r = await cron('explain', '0 0 9 ? * MON-FRI', '-o', 'json');
    expect(JSON.parse(r.stdout)).toEqual({ valid: true, description: 'At 09:00, on Monday to Friday', diagnostics: [] });
  });
});

describe('jobs cron usage errors exit 2', () => {
  it.each([
    [['next', '0 0 0 * * ?', '--from', 'yesterday']],
    [['next', '0 0 0 * * ?', '--from', '2026-03-29T02:00:00']],
    [['next', '0 0 0 * * ?', '-n', '0']],
    [['next', '0 0 0 * * ?', '-n', '1001']],
    [['next', '0 0 0 * * ?', '-o', 'yaml']],
    [['next']],
  ])('%j', async (argv) => {
    expect((await cron(...argv)).code).toBe(2);
  });

  it('documents the defaults in --help', async () => {
    const r = await cron('next', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/default: "UTC"/);
    expect(r.stdout).toMatch(/default: "5"/);
    expect(r.stdout).toMatch(/default:\s+now/);
  });
});
