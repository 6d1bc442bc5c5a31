// Preloaded with `node --import` into a benchmarked process: writes its peak resident set size
// (KiB) to the file named by BENCH_RSS_FILE when the process exits.
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
