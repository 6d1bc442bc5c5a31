/**
 * How requests reach a workspace. `Transport` is the small interface the client depends on:
 * undici over HTTP(S) here, or the embedded workspace's router in-process (local/transport.ts),
 * which lets one contract suite run both ways. Transports throw `TransportFailure` with a phase
 * that tells the retry policy whether the request may have reached the server.
 */
import { Pool, errors as undiciErrors } from 'undici';
import type { NetworkPhase } from './errors.js';

export interface TransportRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  timeoutMs: number;
}

export interface TransportResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export interface Transport {
  send(req: TransportRequest): Promise<TransportResponse>;
  close(): Promise<void>;
}

export class TransportFailure extends Error {
  constructor(
    readonly phase: NetworkPhase,
    readonly causeCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** Errors raised before any byte of the request could reach the server. */
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT', 'ABORT_ERR']);

export function classifyNetworkError(err: unknown): TransportFailure {
  const e = err as { code?: string; cause?: { code?: string }; message?: string; name?: string };
  // An abort by our timeout signal is a DOMException whose numeric `code` means nothing here.
  const aborted = e?.name === 'AbortError' || e?.name === 'TimeoutError';
  const code = aborted ? 'ABORT_ERR' : (typeof e?.code === 'string' ? e.code : undefined) ?? e?.cause?.code ?? 'UNKNOWN';
  const message = e?.message ?? String(err);
  if (CONNECT_CODES.has(code)) return new TransportFailure('connect', code, message);
  if (TIMEOUT_CODES.has(code)) return new TransportFailure('timeout', code, message);
  return new TransportFailure('reset', code, message);
}

export interface UndiciTransportOptions {
  /** `https://host` (or `http://127.0.0.1:port`). */
  origin: string;
  connections: number;
  connectTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
}

/** Keep-alive connections to one workspace, at most `connections` of them. */
export function undiciTransport(options: UndiciTransportOptions): Transport {
  const pool = new Pool(options.origin, {
    connections: options.connections,
    connect: { timeout: options.connectTimeoutMs ?? 10_000 },
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
    // Never pipeline: a request queued behind a failing one would fail ambiguously with it.
    pipelining: 1,
  });
  return {
    async send(req) {
      try {
        const res = await pool.request({
          method: req.method as 'GET',
          path: req.path,
          headers: req.headers,
          body: req.body,
          headersTimeout: req.timeoutMs,
          bodyTimeout: req.timeoutMs,
          // undici's own timers are coarse (about a second); the signal makes the limit exact.
          signal: AbortSignal.timeout(req.timeoutMs),
        });
        const body = Buffer.from(await res.body.arrayBuffer());
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(res.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        return { status: res.statusCode, headers, body };
      } catch (err) {
        if (err instanceof undiciErrors.RequestAbortedError) throw new TransportFailure('timeout', 'ABORT_ERR', err.message);
        throw classifyNetworkError(err);
      }
    },
    close: () => pool.close(),
  };
}
