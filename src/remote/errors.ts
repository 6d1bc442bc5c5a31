/**
 * The client's errors. Every failure the workspace client reports is one of three things:
 * - `ApiError`: the workspace answered with an error status (parsed from `{error_code, message}`,
 *   or from a non-JSON body);
 * - `NetworkError`: no answer (refused, reset, timed out);
 * - `RetriesExhaustedError`: retries were allowed and all failed; `cause` is the last failure.
 * Each carries a diagnostic-style `code` (remote/*) for the CLI and a human message; 401/403
 * messages name the credentials used and how to change them. Classes are branded with
 * `Symbol.for` so checks work even if this module is loaded twice.
 */
import { EXPECTED_FAILURE } from '../diag/errors.js';
import type { ErrorBody } from '../api/common.js';

const BRAND = Symbol.for('jobs-as-code.remote-error');

export type RemoteErrorCode = 'remote/api-error' | 'remote/auth-failed' | 'remote/network' | 'remote/retries-exhausted' | 'remote/auth-config';

export abstract class RemoteError extends Error {
  readonly [EXPECTED_FAILURE] = true;
  readonly [BRAND] = true;
  abstract readonly code: RemoteErrorCode;
}

export function isRemoteError(err: unknown): err is RemoteError {
  return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[BRAND] === true;
}

export interface ApiErrorInit {
  status: number;
  method: string;
  /** Path without the query (which may carry secrets). */
  path: string;
  errorCode?: string;
  message: string;
  requestId?: string;
  /** How the client authenticated, for 401/403 hints. */
  authSource?: string;
  host?: string;
  /** Retry-After of a 429/503, in ms. */
  retryAfterMs?: number;
}

export class ApiError extends RemoteError {
  readonly code: RemoteErrorCode;
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly errorCode?: string;
  /** The workspace's own message, as sent. */
  readonly apiMessage: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;

  constructor(init: ApiErrorInit) {
    super(describeApiError(init));
    this.name = 'ApiError';
    this.code = init.status === 401 || init.status === 403 ? 'remote/auth-failed' : 'remote/api-error';
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.errorCode = init.errorCode;
    this.apiMessage = init.message;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
  }

  get endpoint(): string {
    return `${this.method} ${this.path}`;
  }
}

function describeApiError(e: ApiErrorInit): string {
  const head = `${e.method} ${e.path}: ${e.status}${e.errorCode ? ` ${e.errorCode}` : ''}: ${e.message}`;
  const rid = e.requestId ? ` (request id ${e.requestId})` : '';
  if (e.status === 401)
    return `${head}${rid}\nThe workspace did not accept the credentials${e.authSource ? ` from ${e.authSource}` : ''}${e.host ? ` for ${e.host}` : ''}. ` +
      'Check that the token or OAuth client is valid and not expired, or choose other credentials (DATABRICKS_TOKEN, DATABRICKS_CLIENT_ID/SECRET, --profile).';
  if (e.status === 403)
    return `${head}${rid}\nThe identity${e.authSource ? ` from ${e.authSource}` : ''} is not allowed to do this${e.host ? ` on ${e.host}` : ''}. ` +
      'If the token is wrong or expired, replace it; otherwise ask a workspace admin for the needed permission, or use --profile to pick another identity.';
  return head + rid;
}

export type NetworkPhase = 'connect' | 'reset' | 'timeout';

export class NetworkError extends RemoteError {
  readonly code = 'remote/network' as const;
  constructor(
    readonly method: string,
    readonly path: string,
    /** `connect`: the request surely never reached the server; otherwise it may have. */
    readonly phase: NetworkPhase,
    readonly causeCode: string,
    detail: string,
  ) {
    super(`${method} ${path}: ${phase === 'connect' ? 'could not connect' : phase === 'timeout' ? 'timed out' : 'connection lost'} (${causeCode}): ${detail}`);
    this.name = 'NetworkError';
  }
}

export class RetriesExhaustedError extends RemoteError {
  readonly code = 'remote/retries-exhausted' as const;
  constructor(
    readonly attempts: number,
    readonly elapsedMs: number,
    readonly last: ApiError | NetworkError,
  ) {
    super(`gave up after ${attempts} attempts over ${(elapsedMs / 1000).toFixed(1)}s: ${last.message}`, { cause: last });
    this.name = 'RetriesExhaustedError';
  }
}

/** The final failure behind a (possibly retried) error. */
export function rootFailure(err: unknown): unknown {
  return err instanceof RetriesExhaustedError ? err.last : err;
}

/**
 * Not found: 404, or the legacy 400 `INVALID_PARAMETER_VALUE` "… does not exist." that older
 * workspaces return for jobs/get and runs/get (the SDKs map it the same way).
 */
export function isNotFound(err: unknown): boolean {
  const e = rootFailure(err);
  if (!(e instanceof ApiError)) return false;
  if (e.status === 404 || e.errorCode === 'RESOURCE_DOES_NOT_EXIST') return true;
  return e.status === 400 && /does not exist\.?$/i.test(e.apiMessage.trim()) && e.errorCode !== 'RESOURCE_ALREADY_EXISTS';
}

export function isAlreadyExists(err: unknown): boolean {
  const e = rootFailure(err);
  return e instanceof ApiError && (e.status === 409 || e.errorCode === 'RESOURCE_ALREADY_EXISTS' || e.errorCode === 'ALREADY_EXISTS');
}

/** Reads an error body in any of the shapes workspaces use; falls back to the raw text. */
export function parseErrorBody(status: number, text: string): { errorCode?: string; message: string; requestId?: string } {
  let body: ErrorBody | undefined;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    body = undefined;
  }
  if (body && typeof body === 'object') {
    const requestId = body.details?.find((d) => d.request_id)?.request_id;
    const message = body.message ?? body.error ?? body.detail;
    if (message !== undefined || body.error_code !== undefined)
      return { errorCode: body.error_code !== undefined ? String(body.error_code) : body.scimType, message: message ?? '', ...(requestId ? { requestId } : {}) };
  }
  const snippet = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
  return { message: snippet || `HTTP ${status} with an empty body` };
}
