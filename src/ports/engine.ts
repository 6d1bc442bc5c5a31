/**
 * The effects the local engine (src/local/engine) needs, as small interfaces: processes, files,
 * time and HTTP. The node implementations live in engine-node.ts; tests substitute fakes (a
 * clock that does not wait).
 */

export interface SpawnRequest {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** Every chunk of stdout and stderr, in arrival order. */
  onOutput(chunk: Buffer, stream: 'stdout' | 'stderr'): void;
}

export interface Exit {
  code: number | null;
  signal: string | null;
  /** The process could not be started (ENOENT, EACCES …). */
  spawnError?: string;
}

export interface RunningProcess {
  readonly pid: number | undefined;
  /** Resolves once the process ended and its output was delivered. */
  readonly exited: Promise<Exit>;
  /**
   * Stops the process and everything it started: the child runs in its own process group and
   * the whole group is signalled (TERM, then KILL after a grace period).
   */
  kill(): void;
}

export interface ProcessPort {
  spawn(req: SpawnRequest): RunningProcess;
  /** Kills a process group left over from an earlier server (by its leader's pid). */
  killGroup(pid: number): void;
}

export interface EngineFs {
  mkdir(path: string): Promise<void>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** Undefined when the file does not exist. */
  readFile(path: string): Promise<Buffer | undefined>;
  appendFile(path: string, data: string): Promise<void>;
  rm(path: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** Files below a directory (recursive) with size and modification time; [] if it is missing. */
  listFiles(dir: string): Promise<{ path: string; size: number; mtimeMs: number }[]>;
}

export interface EngineClock {
  now(): number;
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

export interface HttpPort {
  /** POSTs JSON; resolves with the status, rejects on network errors or timeout. */
  postJson(url: string, body: unknown, timeoutMs: number): Promise<number>;
}
