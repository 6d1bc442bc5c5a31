/**
 * The client's request loop: one place for auth headers, the user agent, bounded concurrency,
 * timeouts, retries (retry.ts), typed errors (errors.ts) and redacted debug logs. The typed
 * endpoint methods (client.ts) call `call(endpointName, …)` and never see HTTP.
 */
import { ENDPOINTS, type EndpointName, type Retry } from '../api/endpoints.js';
import { parseJson, stringifyJson } from '../api/json.js';
import type { Clock } from '../ports/io.js';
import type { Credentials } from './auth/credentials.js';
import { ApiError, NetworkError, parseErrorBody, RetriesExhaustedError } from './errors.js';
import { redactBody, redactPath, redactText } from './redact.js';
import { backoffMs, DEFAULT_RETRY, judge, parseRetryAfter, type RetryPolicy } from './retry.js';
import { Semaphore } from './semaphore.js';
import { TransportFailure, type Transport, type TransportResponse } from './transport.js';

export type QueryValue = string | number | bigint | boolean | undefined;

export interface CallOptions {
  query?: Record<string, QueryValue>;
  /** A JSON body (int64-exact). */
  body?: unknown;
  /** Raw bytes instead of JSON (import-file). */
  rawBody?: Buffer;
  contentType?: string;
  /** `{id}` and `{path}` of the endpoint's path template. */
  params?: { id?: string; path?: string };
  /** Override the endpoint's retry mode for this call (e.g. import without overwrite). */
  retry?: Retry;
}

export interface RestOptions {
  host: string;
  credentials: Credentials;
  transport: Transport;
  clock: Clock;
  random: () => number;
  userAgent: string;
  concurrency: number;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Debug log sink; lines are already redacted. */
  debug?: (line: string) => void;
}

export class RestClient {
  private readonly semaphore: Semaphore;

  constructor(private readonly o: RestOptions) {
    this.semaphore = new Semaphore(o.concurrency);
  }

  /** Calls an endpoint and parses its JSON answer. */
  async call<T>(name: EndpointName, opts: CallOptions = {}): Promise<T> {
    const res = await this.send(name, opts);
    if (res.body.length === 0) return {} as T;
    return parseJson(res.body.toString('utf8')) as T;
  }

  /** Calls an endpoint and returns its raw bytes (export with direct_download). */
  async callRaw(name: EndpointName, opts: CallOptions = {}): Promise<Buffer> {
    return (await this.send(name, opts)).body;
  }

  private async send(name: EndpointName, opts: CallOptions): Promise<TransportResponse> {
    const spec = ENDPOINTS[name];
    const mode = opts.retry ?? spec.retry;
    const path = fillPath(spec.path, opts.params);
    const url = path + queryString(opts.query);
    const body = opts.rawBody ?? (opts.body !== undefined ? stringifyJson(opts.body) : undefined);
    const started = this.o.clock.now().getTime();
    let ambiguousBefore = false;
    let refreshedAuth = false;
    for (let attempt = 1; ; attempt++) {
      let failure: ApiError | NetworkError;
      try {
        const res = await this.attempt(spec.method, url, body, opts.contentType, attempt);
        if (res.status < 400) return res;
        failure = this.apiError(spec.method, path, res);
        if (failure.status === 401 && this.o.credentials.invalidate && !refreshedAuth) {
          this.o.credentials.invalidate();
          refreshedAuth = true;
          continue;
        }
      } catch (err) {
        if (!(err instanceof TransportFailure)) throw err;
        failure = new NetworkError(spec.method, path, err.phase, err.causeCode, redactText(err.message, this.o.credentials.secrets()));
      }
      // A delete retried after an ambiguous failure that now finds nothing: the first one worked.
      if (mode === 'delete' && ambiguousBefore && failure instanceof ApiError && failure.status === 404) return { status: 200, headers: {}, body: Buffer.from('{}') };
      const verdict = judge(failure, mode);
      ambiguousBefore ||= verdict.ambiguous;
      const elapsed = this.o.clock.now().getTime() - started;
      const wait = backoffMs(this.o.retry, attempt, this.o.random, verdict.minDelayMs);
      if (!verdict.retry) throw failure;
      if (attempt >= this.o.retry.maxAttempts || elapsed + wait > this.o.retry.budgetMs) throw new RetriesExhaustedError(attempt, elapsed, failure);
      this.log(`  retrying ${spec.method} ${redactPath(path, this.o.credentials.secrets())} in ${wait} ms (${failure instanceof ApiError ? failure.status : failure.causeCode})`);
      await this.o.clock.sleep(wait);
    }
  }

  private async attempt(method: string, url: string, body: string | Buffer | undefined, contentType: string | undefined, attempt: number): Promise<TransportResponse> {
    const release = await this.semaphore.acquire();
    const t0 = this.o.clock.now().getTime();
    try {
      const headers: Record<string, string> = {
        authorization: await this.o.credentials.authorization(),
        'user-agent': this.o.userAgent,
        accept: 'application/json',
      };
      if (body !== undefined) headers['content-type'] = contentType ?? 'application/json';
      const res = await this.o.transport.send({ method, path: url, headers, body, timeoutMs: this.o.timeoutMs });
      this.logExchange(method, url, body, res, this.o.clock.now().getTime() - t0, attempt);
      return res;
    } catch (err) {
      if (err instanceof TransportFailure) this.log(`${method} ${this.redactUrl(url)} → ${err.phase} ${err.causeCode} (${this.o.clock.now().getTime() - t0} ms, attempt ${attempt})`);
      throw err;
    } finally {
      release();
    }
  }

  private apiError(method: string, path: string, res: TransportResponse): ApiError {
    const parsed = parseErrorBody(res.status, res.body.toString('utf8'));
    const secrets = this.o.credentials.secrets();
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'], this.o.clock.now().getTime());
    return new ApiError({
      status: res.status, method, path, errorCode: parsed.errorCode, message: redactText(parsed.message, secrets),
      requestId: parsed.requestId ?? res.headers['x-request-id'], authSource: this.o.credentials.source, host: this.o.host,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }

  private redactUrl(url: string): string {
    return redactPath(url, this.o.credentials.secrets());
  }

  private log(line: string): void {
    this.o.debug?.(redactText(line, this.o.credentials.secrets()));
  }

  private logExchange(method: string, url: string, body: string | Buffer | undefined, res: TransportResponse, ms: number, attempt: number): void {
    if (!this.o.debug) return;
    const secrets = this.o.credentials.secrets();
    this.log(`${method} ${this.redactUrl(url)} → ${res.status} (${ms} ms${attempt > 1 ? `, attempt ${attempt}` : ''})`);
    if (body !== undefined) this.log(`  request: ${Buffer.isBuffer(body) ? `<${body.length} bytes>` : redactBody(body, secrets)}`);
    const type = res.headers['content-type'] ?? '';
    if (res.body.length > 0) this.log(`  response: ${type.includes('json') ? redactBody(res.body.toString('utf8'), secrets) : `<${res.body.length} bytes ${type}>`}`);
  }
}

function fillPath(template: string, params: CallOptions['params']): string {
  return template
    .replace('{id}', encodeURIComponent(params?.id ?? ''))
    .replace('{path}', (params?.path ?? '').replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/'));
}

function queryString(query: CallOptions['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export { DEFAULT_RETRY };
