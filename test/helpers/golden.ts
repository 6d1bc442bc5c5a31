/**
 * Golden acceptance cases: `test/acceptance/<area>/<case>/` holds an input tree, a `cmd` file
 * (one CLI invocation per line, without the leading `jobs`) and `output.txt`, the normalised
 * stdout and stderr of each invocation with its exit code. `npx vitest -u` rewrites the goldens.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type RunCliOptions } from './run-cli.js';

export interface GoldenCase {
  name: string;
  dir: string;
  commands: string[][];
  env: Record<string, string>;
}

export function goldenCases(areaDir: string): GoldenCase[] {
  if (!existsSync(areaDir)) return [];
  return readdirSync(areaDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(areaDir, d.name, 'cmd')))
    .map((d) => {
      const dir = join(areaDir, d.name);
      const commands = readFileSync(join(dir, 'cmd'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'))
        .map(splitArgs);
      const envFile = join(dir, 'env');
      const env = existsSync(envFile)
        ? Object.fromEntries(readFileSync(envFile, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))
        : {};
      return { name: d.name, dir, commands, env };
    });
}

/** Splits a command line on blanks, honouring single and double quotes. */
export function splitArgs(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]!));
  return out;
}

/** One ordered pass over output: paths, versions and times that differ between runs. */
export function normalise(text: string, dir: string): string {
  return text
    .replaceAll(dir, '[CASE]')

    .replace(/"version": "\d+\.\d+\.\d+[^"]*"/g, '"version": "[VERSION]"');
}

/**
 * Runs a case's commands in a copy of its folder in a temp directory, outside any git
 * repository, so output does not depend on where or on which commit the tests run.
 */
export async function runGolden(c: GoldenCase, opts: Partial<RunCliOptions> = {}): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), `golden-${c.name}-`));
  cpSync(c.dir, work, { recursive: true, filter: (src) => !src.endsWith('output.txt') });
  let out = '';
  for (const argv of c.commands) {
    const res = await runCli(argv, { cwd: work, env: c.env, ...opts });
    out += `$ jobs ${argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}\n`;
    if (res.stdout) out += `--- stdout\n${res.stdout}${res.stdout.endsWith('\n') ? '' : '\n'}`;
    if (res.stderr) out += `--- stderr\n${res.stderr}${res.stderr.endsWith('\n') ? '' : '\n'}`;
    out += `exit code: ${res.code}\n\n`;
  }
  return normalise(out, work);
}
