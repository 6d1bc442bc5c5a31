/**
 * What every command receives: the injected Io, the global flags, and the tool's own settings
 * (loaded on demand, since most invocations never need them).
 */
import type { Io } from '../ports/io.js';
import type { ToolConfig } from './tool-config.js';

export interface GlobalOptions {
  bundleDir?: string;
  profile?: string;
  debug: boolean;
  color: boolean;
}

export interface CommandContext {
  io: Io;
  globals(): GlobalOptions;
  toolConfig(): Promise<ToolConfig>;
  /** Set by a command's action; returned by `main`. */
  exitCode: number;
}
