/**
 * Deploy conformance with the reference CLI: every corpus case with recorded deploy requests is
 * deployed to an embedded workspace over HTTP, and the jobs/create, jobs/reset, jobs/delete and
 * permissions PUT bodies the server received are compared with the recorded ones (placeholders
 * `[USERNAME]`, `[NUMID]`, `[<KEY>_ID]`, `[UUID]` matched against what they stand for). The jobs
 * the server then holds must carry the recorded fields, `deploy_request_checks` must hold, the
 * plan lines must match `deploy_plan`, and each follow-up edit, applied to a copy of the case,
 * must produce the recorded requests on the next deploy.
 *
 * Deliberate differences, each documented in docs/deploy.md ("Agreement with the reference"):
 * - every job carries our `jobs_as_code: <bundle>/<target>/<key>` tag (removed before comparing);
 * - KNOWN_DIFFERENCES below lists the cases we cannot or do not reproduce, with the reason.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Receipt } from '../../src/local/server/router.js';
import { DEPLOY_TAG, deployedJobIds, parseDeploymentState } from '../../src/deploy/state-format.js';
import { bundleCases, type BundleCase } from '../helpers/corpus.js';
import { startDeployWorkspace, TEST_USER, type DeployWorkspace } from '../helpers/deploy-workspace.js';
import { jq } from '../helpers/jq-lite.js';

interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}
interface Followup {
  change: string;
  plan?: string[];
  requests?: RecordedRequest[];
}
type DeployCase = BundleCase & {
  deploy_requests?: RecordedRequest[];
  deploy_request_checks?: { method: string; path: string; jq: string; expected: unknown }[];
  deploy_followups?: Followup[];
  deploy_plan?: string[];
};

/** Cases whose deploy we do not reproduce, and why (also in docs/deploy.md). */
export const KNOWN_DIFFERENCES: Record<string, string> = {
  'databricks-cli__templates-default-python-serverless':
    'needs an artifact build (`uv build --wheel`) and a pipeline (`${resources.pipelines.…id}`); jobs-as-code builds no artifacts and deploys jobs only, so deploy stops with deploy/library-not-found and deploy/unsupported-reference',
};

/** Cases where a recorded field differs on purpose or through a loader rule, per request path. */
const FIELD_DIFFERENCES: Record<string, { path: string; reason: string; fix: (body: Record<string, unknown>) => void }[]> = {
};

const WRITE_ENDPOINTS = new Set(['jobs/create', 'jobs/reset', 'jobs/update', 'jobs/delete', 'permissions/jobs/set']);

const cases = bundleCases().filter((c) => {
  const d = c as DeployCase;
  return d.deploy_requests || d.deploy_request_checks || d.deploy_followups || d.deploy_plan;
}) as DeployCase[];

// A fresh memory-only workspace per case: many cases share a bundle name and target.
let server: DeployWorkspace;
beforeEach(async () => {
  server = await startDeployWorkspace();
});
afterEach(async () => server?.close());

describe('deploy corpus', () => {
  it('has the deploy cases the README announces', () => {
    expect(cases.filter((c) => c.deploy_requests).length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const work = mkdtempSync(join(tmpdir(), 'corpus-deploy-'));
    cpSync(c.root, work, { recursive: true });
    const args = (verb: string[]) => [...verb, ...(c.target ? ['-t', c.target] : []), ...Object.entries(c.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}=${v}`])];
    // Some cases name a profile (`workspace.profile: logfood`): give it, pointing at our server.
    const cfg = join(work, '.databrickscfg-test');
    writeFileSync(cfg, `[logfood]\nhost = ${server.env.DATABRICKS_HOST}\ntoken = ${server.env.DATABRICKS_TOKEN}\n`);
    const env = { ...(c.env ?? {}), DATABRICKS_CONFIG_FILE: cfg };

    if (c.deploy_plan) {
      const plan = await server.cli(args(['plan']), { cwd: work, env });
      expect(plan.code, plan.stderr).toBe(0);
      expect(planLines(plan.stdout)).toEqual(c.deploy_plan);
    }
    server.take();
    const res = await server.cli(args(['deploy', '--auto-approve']), { cwd: work, env });
    if (KNOWN_DIFFERENCES[name]) {
      expect(res.code).toBe(1);
      return;
    }
    expect(res.code, res.stderr).toBe(0);
    const sent = server.take();
    const ids = idsByKey(work, c.target ?? defaultTarget(work));
    if (c.deploy_requests) expectRequests(name, sent, c.deploy_requests, ids);
    for (const check of c.deploy_request_checks ?? []) {
      const req = sent.find((r) => `${r.method} ${pathOf(r)}` === `${check.method} ${check.path}`);
      expect(req, `${check.method} ${check.path}`).toBeDefined();
      expect(jq(check.jq, { method: req!.method, path: pathOf(req!), body: untag(req!.body) })[0]).toEqual(substitute(check.expected));
    }
    await expectServerHolds(sent, ids);

    for (const f of c.deploy_followups ?? []) {
      applyEdit(work, f.change);
      if (f.plan) {
        const plan = await server.cli(args(['plan']), { cwd: work, env });
        expect(plan.code, plan.stderr).toBe(0);
        expect(planLines(plan.stdout)).toEqual(f.plan);
      }
      server.take();
      const again = await server.cli(args(['deploy', '--auto-approve']), { cwd: work, env });
      expect(again.code, again.stderr).toBe(0);
      const followSent = server.take();
      if (f.requests) expectRequests(name, followSent, f.requests, new Map([...ids, ...idsByKey(work, c.target ?? defaultTarget(work))]), true);
    }
    // Deploying again without an edit changes nothing: not a single write request.
    const noop = await server.cli(args(['deploy', '--auto-approve']), { cwd: work, env });
    expect(noop.code, noop.stderr).toBe(0);
    expect(server.take().filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });
});

/** Lines of `jobs plan` that the reference prints: actions and the trailer. */
function planLines(out: string): string[] {
  return out.split('\n').filter((l) => /^(create|update|delete) \S+$/.test(l) || l.startsWith('Plan: '));
}

function defaultTarget(work: string): string {
  const doc = parseDocument(readFileSync(join(work, 'databricks.yml'), 'utf8')).toJS() as { targets?: Record<string, { default?: boolean }> };
  const targets = Object.entries(doc.targets ?? {});
  return targets.find(([, t]) => t?.default)?.[0] ?? (targets.length === 1 ? targets[0]![0] : 'default');
}

function idsByKey(work: string, target: string): Map<string, string> {
  const text = readFileSync(join(work, '.databricks', 'bundle', target, 'resources.json'), 'utf8');
  return deployedJobIds(parseDeploymentState(text));
}

function pathOf(r: Receipt): string {
  return decodeURIComponent(r.url.split('?')[0]!);
}

/** Our bodies without the adoption tag (and without `tags` when it was the only one). */
function untag(body: unknown): unknown {
  const b = structuredClone(body) as Record<string, unknown>;
  const settings = (b.new_settings ?? b) as Record<string, unknown>;
  const tags = settings.tags as Record<string, unknown> | undefined;
  if (tags) {
    expect(typeof tags[DEPLOY_TAG]).toBe('string');
    delete tags[DEPLOY_TAG];
    if (Object.keys(tags).length === 0) delete settings.tags;
  }
  return b;
}

function substitute(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v).replaceAll('[USERNAME]', TEST_USER)) as unknown;
}

/** Whether a recorded value (with placeholders) matches ours. */
function matches(expected: unknown, actual: unknown, ids: ReadonlyMap<string, string>): boolean {
  if (typeof expected === 'string') {
    if (!/\[(USERNAME|NUMID|UUID|[A-Z0-9_]+_ID)\]/.test(expected)) return expected === actual;
    return typeof actual === 'string' || typeof actual === 'number' || typeof actual === 'bigint' ? placeholderRegExp(expected, ids).test(String(actual)) : false;
  }
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => matches(e, actual[i], ids));
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    return Object.keys(e).length === Object.keys(a).length && Object.keys(e).every((k) => k in a && matches(e[k], a[k], ids));
  }
  return expected === actual;
}

/** `[USERNAME]`, `[NUMID]`, `[<KEY>_ID]`, `[UUID]` inside a recorded string, as a pattern. */
function placeholderRegExp(expected: string, ids: ReadonlyMap<string, string>): RegExp {
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  let body = '';
  let at = 0;
  for (const m of expected.matchAll(/\[(USERNAME|NUMID|UUID|[A-Z0-9_]+_ID)\]/g)) {
    body += esc(expected.slice(at, m.index));
    const name = m[1]!;
    const key = /^(.+)_ID$/.exec(name)?.[1];
    const id = key ? [...ids].find(([k]) => k.toUpperCase() === key)?.[1] : undefined;
    body += name === 'USERNAME' ? esc(TEST_USER) : name === 'NUMID' ? '\\d+' : name === 'UUID' ? '[0-9a-f-]{36}' : id ?? esc(m[0]);
    at = m.index + m[0].length;
  }
  return new RegExp(`^${body}${esc(expected.slice(at))}$`);
}

function expectRequests(name: string, sent: Receipt[], expected: RecordedRequest[], ids: ReadonlyMap<string, string>, ordered = false): void {
  const ours = sent.filter((r) => WRITE_ENDPOINTS.has(r.endpoint)).map((r) => {
    const body = untag(r.body) as Record<string, unknown>;
    for (const d of FIELD_DIFFERENCES[name] ?? []) d.fix((body.new_settings ?? body) as Record<string, unknown>);
    return { method: r.method, path: pathOf(r), body };
  });
  const unmatched = [...ours];
  for (const want of expected) {
    const i = unmatched.findIndex((o) => o.method === want.method && matches(want.path, o.path, ids) && matches(want.body, o.body, ids));
    expect(i, `no request matches ${want.method} ${want.path} ${JSON.stringify(want.body)}\nours:\n${ours.map((o) => `${o.method} ${o.path} ${JSON.stringify(o.body)}`).join('\n')}`).toBeGreaterThanOrEqual(0);
    if (ordered) expect(i, `${want.method} ${want.path} out of order`).toBe(0);
    unmatched.splice(i, 1);
  }
  // Some recordings keep only the permissions requests: compare the kinds that were recorded.
  const recordedKinds = new Set(expected.map((e) => `${e.method} ${e.path.replace(/\/[^/]*$/, '')}`));
  expect(unmatched.filter((o) => recordedKinds.has(`${o.method} ${o.path.replace(/\/[^/]*$/, '')}`)), 'requests the reference did not send').toEqual([]);
}

/** Every created or reset job holds what was sent (plus the server's defaults). */
async function expectServerHolds(sent: Receipt[], ids: ReadonlyMap<string, string>): Promise<void> {
  const jobIds = [...ids.values()];
  for (const id of jobIds) {
    const res = await fetch(`${server.env.DATABRICKS_HOST}/api/2.2/jobs/get?job_id=${id}`, { headers: { authorization: `Bearer ${server.env.DATABRICKS_TOKEN}` } });
    const job = (await res.json()) as { settings: Record<string, unknown> };
    const create = sent.find((r) => r.endpoint === 'jobs/create' && (r.body as { tags?: Record<string, string> }).tags?.[DEPLOY_TAG] === job.settings.tags?.[DEPLOY_TAG as keyof typeof job.settings.tags]);
    if (!create) continue;
    const body = create.body as Record<string, unknown>;
    for (const k of ['name', 'max_concurrent_runs', 'edit_mode', 'deployment', 'queue', 'tags', 'git_source', 'trigger', 'run_as'])
      if (body[k] !== undefined) expect(job.settings[k], `job ${id} ${k}`).toEqual(body[k]);
  }
}

/** Applies a follow-up's described edit to the working copy. */
function applyEdit(work: string, change: string): void {
  let m: RegExpExecArray | null;
  const file = (f: string) => join(work, f);
  if ((m = /^replace (\S+) with (\S+) and deploy again$/.exec(change))) {
    writeFileSync(file(m[1]!), readFileSync(file(m[2]!)));
  } else if ((m = /^replace '(.+)' with '(.+)' in (\S+) and deploy again$/.exec(change))) {
    const text = readFileSync(file(m[3]!), 'utf8');
    expect(text).toContain(m[1]!);
    writeFileSync(file(m[3]!), text.replaceAll(m[1]!, m[2]!));
  } else if ((m = /^remove the line '(.+)' from (\S+) and deploy again$/.exec(change))) {
    const text = readFileSync(file(m[2]!), 'utf8');
    const lines = text.split('\n');
    const kept = lines.filter((l) => l.trim() !== m![1]);
    expect(kept.length).toBe(lines.length - 1);
    writeFileSync(file(m[2]!), kept.join('\n'));
  } else if (/^reorder the tasks list in (\S+)/.test(change)) {
    const doc = parseDocument(readFileSync(file('databricks.yml'), 'utf8'));
    const jobs = doc.getIn(['resources', 'jobs']) as { items: { value: { get(k: string): { items: unknown[] } } }[] };
    for (const job of jobs.items) job.value.get('tasks').items.reverse();
    writeFileSync(file('databricks.yml'), doc.toString());
  } else {
    throw new Error(`follow-up edit not understood: ${change}`);
  }
}
