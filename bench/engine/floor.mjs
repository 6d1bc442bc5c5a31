// The engine benchmark's floor, in a process of its own (as small as a process spawner gets):
// start the same task processes the engine starts, P at a time, each writing its output to a
// log file, and nothing else. `node floor.mjs <python> <work dir> <runtime dir> <N> <P>`;
// prints the wall time in ms.
import { spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [python, dir, runtimeDir, n, p] = process.argv.slice(2);
const N = Number(n);
const P = Number(p);
const script = join(dir, 'pass.py');
writeFileSync(script, '');
const env = { ...process.env, PYTHONPATH: runtimeDir, PYTHONUNBUFFERED: '1', PYTHONPYCACHEPREFIX: join(dir, 'pycache') };
const task = (i) => JSON.stringify({
  version: 1, kind: 'python', cwd: dir, entry: script, argv: [`t${i}`], task_key: `t${i}`, task_run_id: String(i),
  values_file: join(dir, `${i}.values.json`), result_file: join(dir, `${i}.result.json`), workspace_root: dir, sql_database: join(dir, 'db'), widgets: {}, task_values: {},
});
const t0 = performance.now();
let next = 0;
const worker = async () => {
  while (next < N) {
    const i = next++;
    await new Promise((resolve) => {
      const fd = openSync(join(dir, `${i}.log`), 'w');
      const child = spawn(python, ['-m', 'jobs_local_runtime'], { cwd: dir, env: { ...env, JOBS_LOCAL_TASK_JSON: task(i) }, detached: true, stdio: ['ignore', fd, fd] });
      closeSync(fd);
      child.on('exit', resolve);
    });
  }
};
await Promise.all(Array.from({ length: P }, worker));
console.log(String(performance.now() - t0));
