/**
 * Reading and writing the deployment state (I/O): the workspace copy under
 * `${workspace.state_path}/resources.json` and the local cache under
 * `<bundle root>/.databricks/bundle/<target>/resources.json` (state-format.ts is the contract).
 *
 * `StateWriter` records every applied change at once: the local cache is replaced atomically
 * (write a temporary file, rename) after each create, reset or delete, so a deploy killed at any
 * point leaves a state that names every job it created; the workspace copy is written behind,
 * coalesced (at most one write in flight, always of the newest state), and flushed at the end.
 * A deploy from another machine that finds the workspace copy behind still finds the jobs by
 * their tag (read-remote.ts).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { stringifyJson } from '../api/json.js';
import { VERSION } from '../cli/version.js';
import { diag, type Diagnostic } from '../diag/diagnostic.js';
import type { Io } from '../ports/io.js';
import type { WorkspaceClient } from '../remote/client.js';
import { newerState, parseDeploymentState, STATE_FILE, STATE_VERSION, type DeploymentState } from './state-format.js';
import { readWorkspaceFile, writeWorkspaceFile } from './workspace-io.js';

export const CLI_VERSION = `jobs-as-code/${VERSION}`;

export interface StateLocations {
  /** `${workspace.state_path}`. */
  remoteDir: string;
  /** `<bundle root>/.databricks/bundle/<target>`. */
  localDir: string;
}

export interface ReadStates {
  local?: DeploymentState;
  remote?: DeploymentState;
  /** The one to trust (newerState). */
  state?: DeploymentState;
  diagnostics: Diagnostic[];
}

export async function readStates(client: WorkspaceClient, io: Io, at: StateLocations): Promise<ReadStates> {
  const diagnostics: Diagnostic[] = [];
  const parse = (text: string | undefined, where: string) => {
    if (text === undefined) return undefined;
    const s = parseDeploymentState(text);
    if (!s) diagnostics.push(diag('warning', 'deploy/state-unreadable', `${where} is not a deployment state; ignoring it`));
    return s;
  };
  const [remoteBytes, localText] = await Promise.all([
    readWorkspaceFile(client, `${at.remoteDir}/${STATE_FILE}`),
    readLocal(io, join(at.localDir, STATE_FILE)),
  ]);
  const remote = parse(remoteBytes?.toString('utf8'), `${at.remoteDir}/${STATE_FILE}`);
  const local = parse(localText, join(at.localDir, STATE_FILE));
  return { local, remote, state: newerState(local, remote), diagnostics };
}

export async function readLocal(io: Io, path: string): Promise<string | undefined> {
  try {
    return (await io.fs.readFile(path)).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Writes a local file atomically: a temporary file in the same folder, then a rename. */
export async function writeLocalAtomic(io: Io, path: string, text: string): Promise<void> {
  const dir = path.slice(0, Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')));
  await io.fs.mkdir(dir, { recursive: true });
  await ensureDatabricksIgnore(io, dir);
  const tmp = `${path}.${randomUUID().slice(0, 8)}.tmp`;
  await io.fs.writeFile(tmp, text);
  await io.fs.rename(tmp, path);
}

/** `.databricks/.gitignore` = `*`, as the reference CLI drops it, so caches never get committed. */
async function ensureDatabricksIgnore(io: Io, dir: string): Promise<void> {
  const at = dir.lastIndexOf('.databricks');
  if (at < 0) return;
  const file = join(dir.slice(0, at + '.databricks'.length), '.gitignore');
  if ((await readLocal(io, file)) === undefined) await io.fs.writeFile(file, '*\n');
}

export function emptyState(): DeploymentState {
  return { state_version: STATE_VERSION, cli_version: CLI_VERSION, lineage: randomUUID(), serial: 0, state: {} };
}

/** The workspace copy is written at most this often while changes stream in (and at the end). */
export const REMOTE_STATE_INTERVAL_MS = 1000;

export class StateWriter {
  private state: DeploymentState;
  private localChain: Promise<void> = Promise.resolve();
  private remoteInFlight?: Promise<void>;
  private remoteError?: unknown;
  private pushedSerial = -1;
  private lastPushAt = -Infinity;
  private pause?: AbortController;
  /** Each entry's JSON, kept while the entry object is the same: a write re-serialises only what changed. */
  private readonly entryText = new WeakMap<object, string>();

  constructor(
    private readonly client: WorkspaceClient,
    private readonly io: Io,
    private readonly at: StateLocations,
    initial: DeploymentState,
    /** The state the workspace copy already holds, if any: nothing to push until it changes. */
    remote?: DeploymentState,
  ) {
    this.state = structuredClone(initial);
    if (remote && remote.lineage === initial.lineage) this.pushedSerial = remote.serial;
  }

  current(): DeploymentState {
    return this.state;
  }

  /** Applies a change, bumps the serial, writes the local cache and schedules the remote copy. */
  async update(change: (s: DeploymentState) => void): Promise<void> {
    change(this.state);
    this.state.serial++;
    this.state.cli_version = CLI_VERSION;
    const text = this.serialize();
    const write = this.localChain.then(() => writeLocalAtomic(this.io, join(this.at.localDir, STATE_FILE), text));
    this.localChain = write.catch(() => undefined);
    this.pushRemote(false);
    await write;
  }

  /** Writes the current state to the local cache only (no workspace write). */
  async writeLocalOnly(): Promise<void> {
    await writeLocalAtomic(this.io, join(this.at.localDir, STATE_FILE), this.serialize());
  }

  /** Waits until the workspace copy holds the newest state; rethrows a failed write. */
  async flush(): Promise<void> {
    await this.localChain;
    this.pause?.abort();
    while (this.remoteInFlight) await this.remoteInFlight;
    if (this.pushedSerial < this.state.serial) {
      this.pushRemote(true);
      while (this.remoteInFlight) await this.remoteInFlight;
    }
    if (this.remoteError) throw this.remoteError;
  }

  /**
   * The state file's text. Written after every change, so its cost matters: entries are
   * serialised once (updates replace an entry's object, never mutate it), the file is compact.
   */
  private serialize(): string {
    const { state, ...head } = this.state;
    const parts = Object.entries(state).map(([key, entry]) => {
      let text = this.entryText.get(entry);
      if (text === undefined) this.entryText.set(entry, (text = stringifyJson(entry)));
      return `${JSON.stringify(key)}:${text}`;
    });
    return `${JSON.stringify(head).slice(0, -1)},"state":{${parts.join(',')}}}\n`;
  }

  /**
   * One write in flight at most, of the newest state when it is sent; while changes stream in,
   * writes are spaced by REMOTE_STATE_INTERVAL_MS (each is the whole file), flush writes at once.
   */
  private pushRemote(now: boolean): void {
    if (this.remoteInFlight) return;
    const wait = now ? 0 : Math.max(0, this.lastPushAt + REMOTE_STATE_INTERVAL_MS - performance.now());
    this.pause = new AbortController();
    const paused = wait > 0 ? this.io.clock.sleep(wait, this.pause.signal).catch(() => undefined) : Promise.resolve();
    this.remoteInFlight = paused
      .then(() => {
        this.lastPushAt = performance.now();
        const serial = this.state.serial;
        return writeWorkspaceFile(this.client, `${this.at.remoteDir}/${STATE_FILE}`, this.serialize(), true).then(() => {
          this.pushedSerial = Math.max(this.pushedSerial, serial);
          this.remoteError = undefined;
        });
      })
      .catch((err: unknown) => {
        this.remoteError = err;
      })
      .finally(() => {
        this.remoteInFlight = undefined;
        if (this.pushedSerial < this.state.serial && !this.remoteError) this.pushRemote(false);
      });
  }
}
