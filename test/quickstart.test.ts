/**
 * The README's Quick start, run as a new user would. The two commands are read from the `sh`
 * block under `## Quick start` in README.md, so the test follows the README (not a copy of it):
 * the first line prepares and runs the example, the second runs the test suite.
 *
 * - Always: the block has that shape, and the first line's `jobs` commands run in-process, in a
 *   copy of the repository's tracked files (the `npm ci` / `npm run build` steps are what this
 *   test process already did), each exiting 0.
 * - With JOBS_QUICKSTART=1: a fresh `git clone` of HEAD in a temp dir runs both lines literally
 *   with bash: install, build, the example, then the whole test suite (in which this test skips
 *   itself: JOBS_QUICKSTART_NESTED is set). JOBS_QUICKSTART=first runs only the first line; that
 *   is what `.ci/run` uses, since its test step already is the second line, run literally.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeIo } from '../src/ports/node-io.js';
import { splitArgs } from './helpers/golden.js';
import { runCli } from './helpers/run-cli.js';

const ROOT = resolve(import.meta.dirname, '..');

/** The lines of the first `sh` block after `## Quick start`. */
function quickStartCommands(readme: string): string[] {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Quick start'));
  const block = section && /```(?:sh|bash|shell)\n([\s\S]*?)```/.exec(section);
  if (!block) return [];
  return block[1]!.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/** One `&&`-separated step of a command line. */
type Step = { kind: 'npm'; args: string[] } | { kind: 'jobs'; args: string[] } | { kind: 'cd'; dir: string } | { kind: 'other'; text: string };

function stepsOf(line: string): Step[] {
  return line.split('&&').map((s) => s.trim()).map((s): Step => {
    const argv = splitArgs(s);
    if (argv[0] === 'npm') return { kind: 'npm', args: argv.slice(1) };
    if (argv[0] === './bin/jobs.js' || argv[0] === 'jobs' || (argv[0] === 'npx' && argv[1] === 'jobs')) return { kind: 'jobs', args: argv.slice(argv[0] === 'npx' ? 2 : 1) };
    if (argv[0] === 'cd' && argv.length === 2) return { kind: 'cd', dir: argv[1]! };
    return { kind: 'other', text: s };
  });
}

const commands = quickStartCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'));
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('Quick start (README.md)', () => {
  it('has two commands: the example, then the test suite', () => {
    expect(commands).toHaveLength(2);
    const second = stepsOf(commands[1]!);
    expect(second.at(-1)).toEqual({ kind: 'npm', args: ['test'] });
    expect(stepsOf(commands[0]!).filter((s) => s.kind === 'jobs').length).toBeGreaterThan(0);
    expect(stepsOf(commands[0]!).filter((s) => s.kind === 'other')).toEqual([]);
  });

  it.skipIf(process.env.JOBS_QUICKSTART_NESTED)("runs the first command's jobs steps in-process in a copy of the repository", async () => {
    const copy = mkdtempSync(join(tmpdir(), 'quickstart-'));
    temps.push(copy);
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of tracked) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(ROOT, file), join(copy, file));
    }
    let cwd = copy;
    for (const step of stepsOf(commands[0]!)) {
      if (step.kind === 'cd') cwd = resolve(cwd, step.dir);
      if (step.kind !== 'jobs') continue;
      // A new user's environment: no profile, no DATABRICKS_* variables; the wall clock.
      const r = await runCli(step.args, { cwd, io: { clock: nodeIo().clock } });
      expect(r.code, `jobs ${step.args.join(' ')}\n${r.stderr}${r.stdout}`).toBe(0);
    }
  }, 300_000);

  const mode = process.env.JOBS_QUICKSTART_NESTED ? undefined : process.env.JOBS_QUICKSTART;
  it.skipIf(!mode)('runs the commands literally in a fresh clone', () => {
    const clone = mkdtempSync(join(tmpdir(), 'quickstart-clone-'));
    temps.push(clone);
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone]);
    for (const line of mode === 'first' ? commands.slice(0, 1) : commands) {
      const r = spawnSync('bash', ['-euo', 'pipefail', '-c', line], {
        cwd: clone, encoding: 'utf8', timeout: 20 * 60_000,
        env: { ...process.env, JOBS_QUICKSTART_NESTED: '1', CI: 'true', DATABRICKS_HOST: '', DATABRICKS_TOKEN: '' },
      });
      expect(r.status, `${line}\n${r.stdout?.slice(-4000)}\n${r.stderr?.slice(-4000)}`).toBe(0);
    }
  }, 45 * 60_000);
});
