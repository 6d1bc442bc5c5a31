/**
 * The embedded workspace of a bundle, started by the test on the bundle's own data dir
 * (`<root>/.databricks/local`) with a scripted engine and a fake clock: `jobs run -t local` in the
 * same test then finds it running and talks to it over HTTP, as it would to a `jobs local serve`.
 */
import { mkdirSync } from 'node:fs';
import { localDataDir } from '../../src/local/open-local-target.js';
import { startLocalWorkspace, type LocalWorkspace } from '../../src/local/start.js';
import type { Receipt } from '../../src/local/server/router.js';
import { runCli, type CliResult, type RunCliOptions } from './run-cli.js';
import { fakeClock, type FakeClock } from './fake-clock.js';
import { scriptedEngine, type EngineScript, type ScriptedEngine } from './fake-engine.js';
import { fakeIo } from './run-cli.js';
import { fakeDeploy, type FakeDeployResult, type StateWhere } from './fake-deploy.js';

export interface RunWorkspace {
  ws: LocalWorkspace;
  engine: ScriptedEngine;
  clock: FakeClock;
  receipts: Receipt[];
  /** The environment every command and the fake deploy see (tests may add to it). */
  env: Record<string, string>;
  /** Runs the CLI in the bundle with the fake clock. */
  cli(argv: string[], opts?: Partial<RunCliOptions>): Promise<CliResult>;
  deploy(opts?: { target?: string; state?: StateWhere; keys?: string[] }): Promise<FakeDeployResult>;
  close(): Promise<void>;
}

export async function startRunWorkspace(root: string, o: { script?: EngineScript; faults?: string; env?: Record<string, string> } = {}): Promise<RunWorkspace> {
  const clock = fakeClock();
  const engine = scriptedEngine(o.script);
  const receipts: Receipt[] = [];
  mkdirSync(localDataDir(root), { recursive: true });
  const ws = await startLocalWorkspace({
    dataDir: localDataDir(root), port: 0, executor: engine.executor, now: () => clock.now().getTime(),
    onReceipt: (r) => void receipts.push(r), ...(o.faults ? { faults: o.faults } : {}),
  });
  clock.onSleep = () => engine.tick();
  const env: Record<string, string> = { ...o.env };
  const io = (extra?: Partial<RunCliOptions>) => ({ cwd: root, ...extra, env: { ...env, ...extra?.env }, io: { clock, ...extra?.io } });
  return {
    ws, engine, clock, receipts, env,
    cli: (argv, extra) => runCli(argv, io(extra)),
    deploy: (d) => fakeDeploy(fakeIo(io()), d),
    close: () => ws.close(),
  };
}
