// Bench: the next 1,000 fire times for every expression of the Quartz corpus, in its own zone.
// Usage: node bench/cron/run.mjs [--runs N]
// Bundles src/cron with esbuild into bench/out/ (git-ignored), so it measures the current source
// without a full build. Reports time per expression and the ratio to a floor measured in the same
// run (1,000 fire times of `* * * * * ?` in UTC: the cheapest possible search).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const root = new URL('../../', import.meta.url);
const out = new URL('bench/out/cron.mjs', root).pathname;
await build({ entryPoints: [new URL('src/cron/index.ts', root).pathname], bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'warning' });
const { parseQuartz, fireTimes, javaTimeZone } = await import(out);

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const corpus = new URL('../shared/corpus/cron/quartz-dev.jsonl', root);
const cases = readFileSync(corpus, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const N = 1000;

function time(expr, zone, from) {
  const spec = parseQuartz(expr).spec;
  const rules = javaTimeZone(zone).rules;
  const t0 = performance.now();
  const r = fireTimes(spec, rules, from, N);
  return { ms: performance.now() - t0, count: r.times.length, end: r.end };
}

// Warm-up: JIT and the per-zone, per-year transition tables (built once per process).
const valid = cases.filter((c) => c.valid);
for (const c of valid) time(c.expr, c.timezone, Date.parse(c.from));

const floorRuns = [];
for (let i = 0; i < 20; i++) floorRuns.push(time('* * * * * ?', 'UTC', Date.parse('2026-01-01T00:00:00Z')).ms);
const floor = median(floorRuns);

const rows = [];
for (const c of valid) {
  const samples = [];
  let last;
  for (let i = 0; i < runs; i++) samples.push((last = time(c.expr, c.timezone, Date.parse(c.from))).ms);
  rows.push({ id: c.id, expr: c.expr, zone: c.timezone, ms: median(samples), count: last.count, end: last.end });
}

const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
const pct = (p) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))];
const total = ms.reduce((a, b) => a + b, 0);
console.log(`node ${process.version}, ${valid.length} valid corpus expressions, next ${N} fire times each, median of ${runs} runs`);
console.log(`floor (* * * * * ? in UTC): ${floor.toFixed(2)} ms per 1,000 fire times`);
console.log(`per expression: median ${pct(50).toFixed(2)} ms (${(pct(50) / floor).toFixed(1)}x floor), p90 ${pct(90).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms, max ${ms[ms.length - 1].toFixed(2)} ms; total ${total.toFixed(0)} ms`);
console.log(`ended early (no further fire time, Quartz error or hang): ${rows.filter((r) => r.end !== 'complete').length}`);
console.log('slowest:');
for (const r of [...rows].sort((a, b) => b.ms - a.ms).slice(0, 5)) console.log(`  ${r.ms.toFixed(2).padStart(8)} ms  ${r.id} ${JSON.stringify(r.expr)} ${r.zone} (${r.count} times, ${r.end})`);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
