/**
 * The node:http face of the router. Binds loopback only unless told otherwise, reads whole
 * bodies (bounded), and turns a fault-injected `drop` into a destroyed socket, which is what a
 * client sees when a connection dies mid-request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from './router.js';

const MAX_BODY = 64 * 1024 * 1024;

export class NonLoopbackError extends Error {
  readonly code = 'local/non-loopback-bind';
  constructor(host: string) {
    super(`refusing to listen on ${host}: the local workspace listens on loopback only (127.0.0.1, ::1, localhost); pass --allow-remote to expose it on purpose`);
  }
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export interface HttpBinding {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function listen(router: Router, host: string, port: number, allowRemote: boolean): Promise<HttpBinding> {
  if (!allowRemote && !isLoopback(host)) throw new NonLoopbackError(host);
  const server = createServer((req, res) => void serve(router, req, res));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function serve(router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const body = await readBody(req);
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const out = await router.handle({ method: req.method ?? 'GET', url: req.url ?? '/', headers, body });
    if (out.drop) {
      req.socket.destroy();
      return;
    }
    res.writeHead(out.status, { ...out.headers, 'content-length': String(out.body.length) });
    res.end(out.body);
  } catch (err) {
    if (res.headersSent) return void req.socket.destroy();
    const tooLarge = err instanceof BodyTooLarge;
    res.writeHead(tooLarge ? 413 : 500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error_code: tooLarge ? 'REQUEST_LIMIT_EXCEEDED' : 'INTERNAL_ERROR', message: tooLarge ? 'Request body too large.' : 'Internal error.' }));
  }
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new BodyTooLarge());
        req.pause();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
