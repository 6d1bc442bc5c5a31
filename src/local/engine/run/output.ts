/**
 * A task attempt's output as runs/get-output serves it (jobs-api-2.2.md §2.4): the logs (stdout
 * and stderr as the process wrote them, only the last 5 MB kept), the error (the last line of
 * the Python traceback) and the trace, and the notebook's exit value (first 5 MB). Secrets read
 * from the local secrets file are redacted, as Databricks does in notebook output. Pure.
 */
import type { TaskOutput } from '../../runs/model.js';

export const OUTPUT_LIMIT = 5 * 1024 * 1024;

export interface ProcessFacts {
  code: number | null;
  signal: string | null;
  spawnError?: string;
  /** The engine lost the process and stopped it (why). */
  lost?: string;
  logs: string;
  logsTruncated: boolean;
  /** Contents of the runtime's result files, when written. */
  error?: { error?: string; trace?: string };
  exitValue?: string;
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
  output.error_trace = r(facts.error?.trace ?? (facts.logs.trim().split('\n').slice(-50).join('\n') || error));
  return { ok: false, output };
}

function failureLine(facts: ProcessFacts): string {
  if (facts.spawnError) return `The task could not be started: ${facts.spawnError}`;
  if (facts.lost) return facts.lost;
  if (facts.signal) return `The process was killed by ${facts.signal}`;
  const last = facts.logs.trim().split('\n').at(-1)?.trim();
  return last || `The process exited with code ${String(facts.code)}`;
}
