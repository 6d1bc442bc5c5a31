/**
 * Everything effectful a command may touch, passed in explicitly. The pure core never sees this;
 * commands and the I/O stages (`readBundle`, `remote/`, `deploy/`, `run/`) do. Tests build a
 * fake `Io`; `nodeIo()` in node-io.ts is the real one.
 */
import type { Dirent, Stats } from 'node:fs';

/** The subset of node:fs/promises the tool uses. Paths are absolute. */
export interface FileSystem {
  readFile(path: string): Promise<Buffer>;
  readdir(path: string): Promise<Dirent[]>;
  stat(path: string): Promise<Stats>;
  lstat(path: string): Promise<Stats>;
  realpath(path: string): Promise<string>;
  writeFile(path: string, data: string | Uint8Array, options?: { mode?: number }): Promise<void>;
  mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void>;
}

export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** A text sink: stdout or stderr. `isTTY` decides colour and spinners. */
export interface OutputStream {
  write(text: string): void;
  readonly isTTY: boolean;
  readonly columns?: number;
}

export interface Io {
  fs: FileSystem;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  homedir: string;
  clock: Clock;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Reads one line from the user when stdin is a terminal; undefined when it is not. */
  prompt?: (question: string) => Promise<string>;
  /** Registers a Ctrl-C (SIGINT) handler for the duration of a command; returns its remover. */
  onInterrupt?: (handler: () => void) => () => void;
}
