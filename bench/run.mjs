// Runs the benchmarks: `node bench/run.mjs [validate|startup|all]` after `npm run build`.
// Each figure is a median over several fresh processes, next to a floor measured in the same
// run on the same machine, so ratios stay meaningful on any hardware.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBundle } from './validate/generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const officialSchema = resolve(root, '../shared/corpus/schema/databricks-bundle.schema.json');

/** Runs `node args…` `n` times; returns median wall ms and median peak RSS MiB. */
function measure(args, n) {
  const walls = [];
  const rss = [];
  const rssFile = join(tmpdir(), `bench-rss-${process.pid}`);
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--import', join(here, 'report-rss.mjs'), ...args], {
      env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 30,
    });
    walls.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024);
  }
  rmSync(rssFile, { force: true });
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: median(walls), rss: median(rss) };
}

function benchValidate() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-validate-'));
  generateBundle(dir, 1000);
  const floor = measure([join(here, 'validate', 'floor.mjs'), dir, officialSchema], 5);
  const ours = measure([join(root, 'bin', 'jobs.js'), 'validate', '-C', dir, '-o', 'json'], 5);
  rmSync(dir, { recursive: true, force: true });
  return { floor, ours, ratio: ours.wall / floor.wall };
}

function benchStartup() {
  const floor = measure(['-e', '0'], 21);
  const ours = measure([join(root, 'bin', 'jobs.js'), '--version'], 21);
  const help = measure([join(root, 'bin', 'jobs.js'), '--help'], 21);
  return { floor, ours, help, ratio: ours.wall / floor.wall };
}

const which = process.argv[2] ?? 'all';
const fmt = (m) => `${m.wall.toFixed(0)} ms, ${m.rss.toFixed(0)} MiB peak`;
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
if (which === 'all' || which === 'validate') {
  const v = benchValidate();
  console.log(`validate 1,000 jobs x 3 tasks: ours ${fmt(v.ours)}; floor ${fmt(v.floor)}; ratio ${v.ratio.toFixed(2)} (goal <= 1.5, peak < 300 MiB)`);
}
if (which === 'all' || which === 'startup') {
  const s = benchStartup();
  console.log(`startup: jobs --version ${fmt(s.ours)}; jobs --help ${fmt(s.help)}; node -e 0 ${fmt(s.floor)}; ratio ${s.ratio.toFixed(2)}`);
}
