/**
 * The golden engine scenarios' harness: an embedded workspace with its default engine (real
 * python3 processes) in a temporary data dir, the typed client over the in-process transport
 * (the whole API path: router, handlers, run model, store), and helpers to deploy files, run a
 * job to its end and read outputs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Int64 } from '../../src/api/json.js';
import type { CreateJobRequest } from '../../src/api/jobs.js';
import type { Run, RunNowRequest, RunOutput, RunTask } from '../../src/api/runs.js';
import type { EngineOptions } from '../../src/local/engine/create.js';
import { startLocalWorkspace, type LocalWorkspace, type LocalWorkspaceOptions } from '../../src/local/start.js';
import { inProcessTransport } from '../../src/local/transport.js';
import { bearerToken } from '../../src/remote/auth/credentials.js';
import { createWorkspaceClient, type WorkspaceClient } from '../../src/remote/client.js';

export const ROOT = '/Users/local-user@jobs.local/.bundle/t/files';

export interface Harness {
  ws: LocalWorkspace;
  client: WorkspaceClient;
  dataDir: string;
  /** Imports files below ROOT (`{'src/a.py': '…'}`); notebooks are detected by their header. */
  deploy(files: Record<string, string | Buffer>): Promise<void>;
  job(settings: CreateJobRequest): Promise<Int64>;
  /** run-now, then polls until the run is terminal; returns it with history and resolved values. */
  run(jobId: Int64, req?: Omit<RunNowRequest, 'job_id'>): Promise<Run>;
  waitTerminal(runId: Int64): Promise<Run>;
  /** The run's current task run of `key`. */
  task(run: Run, key: string): RunTask;
  output(run: Run, key: string): Promise<RunOutput>;
  close(): Promise<void>;
}

export async function startHarness(engine: EngineOptions = {}, extra: { dataDir?: string; triggers?: LocalWorkspaceOptions['triggers'] } = {}): Promise<Harness> {
  const dataDir = extra.dataDir ?? (await mkdtemp(join(tmpdir(), 'jobs-engine-')));
  const ws = await startLocalWorkspace({ dataDir, noListen: true, token: 'engine-test-token', engine: { maxParallel: 4, ...engine }, ...(extra.triggers ? { triggers: extra.triggers } : {}) });
  const client = createWorkspaceClient({
    host: ws.url, credentials: bearerToken(ws.token, 'test'), transport: inProcessTransport(ws.router),
    clock: { now: () => new Date(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }, retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  const waitTerminal = async (runId: Int64): Promise<Run> => {
    const deadline = Date.now() + 50_000;
    for (;;) {
      const run = await client.runs.get(runId, { include_history: true, include_resolved_values: true });
      if (['TERMINATED', 'SKIPPED', 'INTERNAL_ERROR'].includes(run.state?.life_cycle_state ?? '')) return run;
      if (Date.now() > deadline) throw new Error(`run ${String(runId)} did not finish: ${JSON.stringify(run.state)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const task = (run: Run, key: string): RunTask => {
    const all = (run.tasks ?? []).filter((t) => t.task_key === key);
    const t = all.at(-1);
    if (!t) throw new Error(`no task ${key} in run`);
    return t;
  };
  return {
    ws, client, dataDir, waitTerminal, task,
    async deploy(files) {
      for (const [rel, content] of Object.entries(files)) {
        const path = `${ROOT}/${rel}`;
        await client.workspace.mkdirs(path.slice(0, path.lastIndexOf('/')));
        await client.workspace.importFile(path, content, { overwrite: true });
      }
    },
    // Python tasks need compute to pass validation: every job gets a `default` environment.
    job: async (settings) => (await client.jobs.create({ environments: [{ environment_key: 'default', spec: { environment_version: '2' } }], ...settings })).job_id,
    async run(jobId, req = {}) {
      const { run_id } = await client.jobs.runNow({ job_id: jobId, ...req });
      return waitTerminal(run_id);
    },
    output: (run, key) => client.runs.getOutput(task(run, key).run_id),
    async close() {
      await client.close();
      await ws.close();
      if (!extra.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const nb = (name: string): string => `${ROOT}/${name}`;

/** A spark_python_task on the `default` environment. */
export function py(task_key: string, file: string, parameters: string[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> & { task_key: string } {
  return { task_key, environment_key: 'default', spark_python_task: { python_file: nb(file), parameters }, ...extra };
}

/** A Python source notebook from cells. */
export function notebook(...cells: string[]): string {
  return `# Databricks notebook source\n${cells.join('\n\n# COMMAND ----------\n\n')}\n`;
}

export async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, JSON.stringify(value));
}

/** Result states by task key (current attempts). */
export function results(run: Run): Record<string, string | undefined> {
  return Object.fromEntries((run.tasks ?? []).map((t) => [t.task_key, t.state?.result_state]));
}
