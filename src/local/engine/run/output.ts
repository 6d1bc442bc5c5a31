/**
 * A task attempt's output as runs/get-output serves it (jobs-api-2.2.md §2.4): the logs (stdout
 * and stderr interleaved as they arrived, only the last 5 MB kept), the error (the last line of
 * the Python traceback) and the trace, and the notebook's exit value (first 5 MB). Secrets read
 * from the local secrets file are redacted, as Databricks does in notebook output. Pure.
 */
import type { TaskOutput } from '../../runs/model.js';

export const OUTPUT_LIMIT = 5 * 1024 * 1024;

/** Keeps the last `limit` bytes of a stream of chunks. */
export class LogTail {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly limit = OUTPUT_LIMIT) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit && this.chunks.length > 0) {
      const first = this.chunks[0] as Buffer;
      const excess = this.size - this.limit;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.size -= excess;
      }
      this.truncated = true;
    }
  }

  text(): string {
    // A cut may land inside a UTF-8 sequence; the decoder replaces the broken start.
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export interface ProcessFacts {
  code: number | null;
  signal: string | null;
  spawnError?: string;
  logs: string;
  logsTruncated: boolean;
  /** Contents of the runtime's result files, when written. */
  error?: { error?: string; trace?: string };
  exitValue?: string;
  stderrTail: string;
}

/** Replaces every secret value (of 4+ characters, to avoid blanking common text) in `text`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[REDACTED]');
  return out;
}

/** The attempt's result and output from what the process left behind. */
export function outcomeOf(facts: ProcessFacts, secrets: readonly string[] = []): { ok: boolean; output: TaskOutput } {
  const r = (s: string): string => redact(s, secrets);
  const output: TaskOutput = { logs: r(facts.logs), ...(facts.logsTruncated ? { logs_truncated: true } : {}) };
  if (facts.exitValue !== undefined) {
    const bytes = Buffer.from(facts.exitValue, 'utf8');
    output.notebook_result = r(bytes.length > OUTPUT_LIMIT ? bytes.subarray(0, OUTPUT_LIMIT).toString('utf8') : facts.exitValue);
    if (bytes.length > OUTPUT_LIMIT) output.notebook_result_truncated = true;
  }
  if (facts.code === 0 && !facts.spawnError) return { ok: true, output };
  const error = facts.error?.error ?? failureLine(facts);
  output.error = r(error);
  output.error_trace = r(facts.error?.trace ?? (facts.stderrTail.trim() || error));
  return { ok: false, output };
}

function failureLine(facts: ProcessFacts): string {
  if (facts.spawnError) return `The task could not be started: ${facts.spawnError}`;
  if (facts.signal) return `The process was killed by ${facts.signal}`;
  const last = facts.stderrTail.trim().split('\n').at(-1)?.trim();
  return last || `The process exited with code ${String(facts.code)}`;
}
