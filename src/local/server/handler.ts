/**
 * The shape of an endpoint implementation: a request already authenticated and decoded, a JSON
 * value (or raw bytes) back, or a thrown `ApiFailure`.
 */
import type { WorkspaceContext } from './context.js';

export interface HandlerRequest {
  query: URLSearchParams;
  /** The decoded JSON body (`{}` when empty); int64s beyond 2^53 arrive as bigint. */
  body: Record<string, unknown>;
  rawBody: Buffer;
  headers: Record<string, string | undefined>;
  /** Path parameters: `id` (permissions), `path` (import-file). */
  params: Record<string, string>;
}

/** Bytes sent as they are (export with direct_download). */
export interface RawResult {
  raw: Buffer;
  contentType: string;
}

export type Handler = (ctx: WorkspaceContext, req: HandlerRequest) => Promise<unknown> | unknown;

export function isRaw(value: unknown): value is RawResult {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as RawResult).raw);
}
