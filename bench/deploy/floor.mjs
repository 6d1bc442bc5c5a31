// The floor of a deploy: the same number of requests, at the same concurrency, to the same
// server with the same latency, from a fresh Node process that does nothing else (no bundle to
// load, no plan to make). Usage: node floor.mjs <url> <token> <requests> <concurrency>
import { request } from 'undici';

const [url, token, total, concurrency] = process.argv.slice(2);
let next = 0;
async function worker() {
  while (next < Number(total)) {
    next++;
    const res = await request(`${url}/api/2.0/preview/scim/v2/Me`, { headers: { authorization: `Bearer ${token}` } });
    await res.body.arrayBuffer();
  }
}
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
