/**
 * A client `Transport` that calls the embedded workspace's router in-process: no sockets, same
 * pipeline (auth, faults, handlers). An injected `drop` fault surfaces as a connection reset,
 * exactly what the HTTP transport reports when the server destroys the socket.
 */
import type { Transport } from '../remote/transport.js';
import { TransportFailure } from '../remote/transport.js';
import type { Router } from './server/router.js';

export function inProcessTransport(router: Router): Transport {
  return {
    async send(req) {
      const body = req.body === undefined ? Buffer.alloc(0) : Buffer.from(req.body);
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
      const res = await router.handle({ method: req.method, url: req.path, headers, body });
      if (res.drop) throw new TransportFailure('reset', 'ECONNRESET', 'the local workspace closed the connection (injected fault)');
      return { status: res.status, headers: res.headers, body: res.body };
    },
    close: async () => undefined,
  };
}
