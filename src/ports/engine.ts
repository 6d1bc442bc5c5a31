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
  /** stdout and stderr both go to this file (created or truncated), in the order written. */
  logFile: string;
}

export interface Exit {
  code: number | null;
  signal: string | null;
  /** The process could not be started (ENOENT, EACCES …). */
  spawnError?: string;
  /** The process could not be followed to its end and was stopped (why, as a sentence). */
  lost?: string;
}

export interface RunningProcess {
  /** The pid once the process runs; undefined when it could not be started. */
  readonly started: Promise<number | undefined>;
  /** Resolves once the process ended. */
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
  /** Runs a short command and collects its stdout (finding the real interpreter). */
  capture(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string }>;
  /** Stops helper processes the port started. */
  close?(): Promise<void>;
}

export interface EngineFs {
  mkdir(path: string): Promise<void>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** Undefined when the file does not exist. */
  readFile(path: string): Promise<Buffer | undefined>;
  appendFile(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** The last `maxBytes` of a file, and whether there was more; empty when it does not exist. */
  readTail(path: string, maxBytes: number): Promise<{ data: Buffer; truncated: boolean }>;
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
