/**
 * Stands in for `jobs deploy` in run tests (the deployer is built on another branch): creates
 * the bundle's jobs through the Jobs API as a deploy would (resolved settings, the deploy tag)
 * and writes the deployment state where `jobs run` reads it: the local cache, the workspace's
 * `${workspace.state_path}/resources.json`, both, or neither (tag lookup only).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Int64 } from '../../src/api/json.js';
import { stringifyJson } from '../../src/api/json.js';
import type { CreateJobRequest } from '../../src/api/jobs.js';
import { DEPLOY_TAG, deployTagValue, jobStateKey, STATE_FILE, type DeploymentState } from '../../src/deploy/state-format.js';
import { localStatePath } from '../../src/run/deployed-job.js';
import { openBundleSession } from '../../src/workspace/bundle-session.js';
import type { Io } from '../../src/ports/io.js';

export type StateWhere = 'local' | 'remote' | 'both' | 'none';

export interface FakeDeployResult {
  jobIds: Map<string, Int64>;
  target: string;
}

export async function fakeDeploy(io: Io, opts: { target?: string; state?: StateWhere; keys?: string[] } = {}): Promise<FakeDeployResult> {
  const { session, diagnostics } = await openBundleSession(io, { target: opts.target });
  if (!session) throw new Error(`bundle does not load: ${diagnostics.map((d) => `${d.code}: ${d.summary}`).join('; ')}`);
  try {
    const config = session.bundle.config;
    const bundleName = (config.bundle as { name: string }).name;
    const target = session.bundle.target ?? (config.bundle as { target?: string }).target ?? 'default';
    const jobs = ((config.resources as { jobs?: Record<string, Record<string, unknown>> } | undefined)?.jobs ?? {});
    const jobIds = new Map<string, Int64>();
    const state: DeploymentState = { state_version: 1, cli_version: 'test', lineage: randomUUID(), serial: 1, state: {} };
    for (const [key, raw] of Object.entries(jobs)) {
      if (opts.keys && !opts.keys.includes(key)) continue;
      const { permissions: _p, ...settings } = structuredClone(raw);
      settings.tags = { ...(settings.tags as Record<string, string> | undefined), [DEPLOY_TAG]: deployTagValue(bundleName, target, key) };
      const { job_id } = await session.client.jobs.create(settings as unknown as CreateJobRequest);
      jobIds.set(key, job_id);
      state.state[jobStateKey(key)] = { __id__: String(job_id), state: settings };
    }
    const where = opts.state ?? 'local';
    const text = stringifyJson(state, 2);
    if (where === 'local' || where === 'both') {
      const path = localStatePath(session.bundle.root, target);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
    if (where === 'remote' || where === 'both') {
      const statePath = (config.workspace as { state_path: string }).state_path;
      await session.client.workspace.mkdirs(statePath);
      await session.client.workspace.importFile(`${statePath}/${STATE_FILE}`, text, { overwrite: true });
    }
    return { jobIds, target };
  } finally {
    await session.close();
  }
}
