/**
 * Golden cases for plan, deploy, destroy and summary: test/acceptance/deploy/<case>/ holds a
 * bundle, a `cmd` file, `output.txt` (normalised stdout, stderr and exit code of each command)
 * and `requests.txt` (every request the workspace received, per command, normalised). Each case
 * gets a fresh embedded workspace reached over HTTP (DATABRICKS_HOST + DATABRICKS_TOKEN),
 * optionally with fault rules from `faults` in the case folder.
 *
 * Besides `jobs …` lines, `cmd` may hold harness steps:
 *   `! cp <from> <to>`            copy a file inside the case (an edit between deploys)
 *   `! rm <path>`                 delete a file
 *   `! api <METHOD> <path> <json>` call the workspace directly (a UI edit: drift)
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitArgs } from '../helpers/golden.js';
import { formatReceipts, startDeployWorkspace, type DeployWorkspace } from '../helpers/deploy-workspace.js';

const AREA = join(import.meta.dirname, 'deploy');
const cases = existsSync(AREA) ? readdirSync(AREA, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(AREA, d.name, 'cmd'))).map((d) => d.name) : [];

describe('deploy goldens', () => {
  it.each(cases)('%s', async (name) => {
    const dir = join(AREA, name);
    const work = mkdtempSync(join(tmpdir(), `golden-deploy-${name}-`));
    cpSync(dir, work, { recursive: true, filter: (src) => !/(output|requests)\.txt$/.test(src) });
    const faults = existsSync(join(dir, 'faults')) ? readFileSync(join(dir, 'faults'), 'utf8').trim() : undefined;
    const server = await startDeployWorkspace(faults ? { faults } : {});
    try {
      let out = '';
      let requests = '';
      const lines = readFileSync(join(dir, 'cmd'), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
      for (const line of lines) {
        server.take();
        if (line.startsWith('!')) {
          await harnessStep(server, work, line.slice(1).trim());
          out += `$ ${line}\n\n`;
          continue;
        }
        const argv = splitArgs(line).slice(1);
        const res = await server.cli(argv, { cwd: work });
        out += `$ ${line}\n`;
        if (res.stdout) out += `--- stdout\n${res.stdout}${res.stdout.endsWith('\n') ? '' : '\n'}`;
        if (res.stderr) out += `--- stderr\n${res.stderr}${res.stderr.endsWith('\n') ? '' : '\n'}`;
        out += `exit code: ${res.code}\n\n`;
        requests += `## ${line}\n${sortReadRuns(formatReceipts(server.take().filter((r) => r.endpoint !== 'scim/me')))}\n`;
      }
      const norm = (t: string) => normalise(t, work, server.ws.url);
      await expect(norm(out)).toMatchFileSnapshot(join(dir, 'output.txt'));
      await expect(norm(requests)).toMatchFileSnapshot(join(dir, 'requests.txt'));
    } finally {
      await server.close();
      rmSync(work, { recursive: true, force: true });
    }
  });
});

async function harnessStep(server: DeployWorkspace, work: string, step: string): Promise<void> {
  const [verb, ...rest] = step.split(/\s+/);
  if (verb === 'cp') cpSync(join(work, rest[0]!), join(work, rest[1]!));
  else if (verb === 'rm') rmSync(join(work, rest[0]!), { recursive: true });
  else if (verb === 'api') {
    const [method, path, ...body] = rest;
    const res = await fetch(`${server.ws.url}${path}`, {
      method, headers: { authorization: `Bearer ${server.ws.token}`, 'content-type': 'application/json' }, body: body.length ? body.join(' ') : undefined,
    });
    if (!res.ok) throw new Error(`harness ${step}: ${res.status} ${await res.text()}`);
  } else throw new Error(`unknown harness step: ${step}`);
}

/**
 * Reads between two writes run concurrently (the prefetch worker, parallel state reads), so
 * their order varies: each run of consecutive GETs is sorted. Writes keep their order.
 */
function sortReadRuns(text: string): string {
  const out: string[] = [];
  let run: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('GET ')) run.push(line);
    else {
      out.push(...run.sort(), line);
      run = [];
    }
  }
  return [...out, ...run.sort()].join('\n');
}

/** Temp paths, the server's port, generated ids and times: what differs between runs. */
function normalise(text: string, work: string, url: string): string {
  return text
    .replaceAll(work, '[CASE]')
    .replaceAll(url, '[HOST]')
    .replaceAll(encodeURIComponent(url), '[HOST]')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '[UUID]')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '[TIME]')
    .replace(/ on [^\s,)]+\)/g, ' on [HOSTNAME])')
    .replace(/jobs-as-code \d+\.\d+\.\d+\S*/g, 'jobs-as-code [VERSION]');
}
