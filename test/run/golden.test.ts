/**
 * Golden cases for `jobs run`, `repair` and `runs`: test/acceptance/run/<case>/ holds a bundle,
 * `cmd` (one invocation per line), optional `case.json` ({script, state, faults, env}) and the
 * expected `output.txt` (stdout, stderr, exit code of each command) and `requests.txt` (the run
 * requests the workspace received). The bundle's embedded workspace runs in the test with a
 * scripted engine (test/helpers/fake-engine.ts) and a fake clock, so every line is exact.
 * `npx vitest -u test/run` rewrites the goldens.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineScript } from '../helpers/fake-engine.js';
import type { StateWhere } from '../helpers/fake-deploy.js';
import { goldenCases, normalise } from '../helpers/golden.js';
import { startRunWorkspace } from '../helpers/run-workspace.js';

interface CaseConfig {
  script?: EngineScript;
  /** Where the fake deploy writes the state; `undeployed`: no deploy at all. */
  state?: StateWhere | 'undeployed';
  faults?: string;
  env?: Record<string, string>;
}

const cases = goldenCases(join(import.meta.dirname, '..', 'acceptance', 'run'));

/** Ports and tokens differ between runs. */
function normaliseRun(text: string, dir: string): string {
  return normalise(text, dir)
    .replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://127.0.0.1:[PORT]')
    .replace(/"idempotency_token":"[^"]+"/g, '"idempotency_token":"[TOKEN]"');
}

describe('run goldens', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const config: CaseConfig = existsSync(join(c.dir, 'case.json')) ? JSON.parse(readFileSync(join(c.dir, 'case.json'), 'utf8')) : {};
    const work = mkdtempSync(join(tmpdir(), `golden-run-${c.name}-`));
    cpSync(c.dir, work, { recursive: true, filter: (src) => !/(output|requests)\.txt$|case\.json$/.test(src) });
    const w = await startRunWorkspace(work, { script: config.script, faults: config.faults, env: { ...c.env, ...config.env } });
    let out = '';
    try {
      if (config.state !== 'undeployed') await w.deploy({ state: config.state ?? 'local' });
      w.receipts.length = 0;
      for (const argv of c.commands) {
        const res = await w.cli(argv);
        out += `$ jobs ${argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}\n`;
        if (res.stdout) out += `--- stdout\n${res.stdout}${res.stdout.endsWith('\n') ? '' : '\n'}`;
        if (res.stderr) out += `--- stderr\n${res.stderr}${res.stderr.endsWith('\n') ? '' : '\n'}`;
        out += `exit code: ${res.code}\n\n`;
      }
    } finally {
      await w.close();
    }
    const requests = w.receipts
      .filter((r) => r.method === 'POST' && /^jobs\/(run-now|runs\/(repair|cancel))$/.test(r.endpoint))
      .map((r) => `${r.endpoint} ${JSON.stringify(r.body)}${r.fault ? ` [fault: ${r.fault}]` : ''}\n`)
      .join('');
    await expect(normaliseRun(out, work)).toMatchFileSnapshot(join(c.dir, 'output.txt'));
    await expect(normaliseRun(requests, work)).toMatchFileSnapshot(join(c.dir, 'requests.txt'));
    rmSync(work, { recursive: true, force: true });
  });
});
