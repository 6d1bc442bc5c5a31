/**
 * One attempt of a task that runs Python code (script, wheel entry point, notebook): copy the
 * code into the run's directory, write the task file the runtime reads, start
 * `python3 -m jobs_local_runtime` in its own process group, enforce the task timeout, and turn
 * what the process left behind into the attempt's result.
 *
 * The runtime and the engine talk through files only (task.json in; values.json, exit.json and
 * error.json out); see python/jobs_local_runtime.
 */
import { dirname, join } from 'node:path';
import type { JobSettings, Task } from '../../../api/jobs.js';
import type { TaskResult } from '../../runs/executor.js';
import type { ResolvedTask } from '../plan/resolve-fields.js';
import type { EngineClock, EngineFs, ProcessPort, RunningProcess } from '../../../ports/engine.js';
import { OUTPUT_LIMIT, outcomeOf } from './output.js';
import type { RunFiles } from './run-files.js';

export interface PythonRuntime {
  /** The interpreter to start (resolved once to its real path, skipping shims). */
  python(): Promise<string>;
  /** The directory holding `jobs_local_runtime` and the `databricks.sdk.runtime` stand-in (throws if missing). */
  runtimeDir(): string;
  pycacheDir: string;
  baseEnv: Readonly<Record<string, string>>;
  secretsFile?: string;
  sqlDatabase: string;
  /** Secret values to redact from output (read from the secrets file when called). */
  secretValues(): Promise<string[]>;
}

export interface AttemptInput {
  resolved: Extract<ResolvedTask, { kind: 'python' | 'wheel' | 'notebook' }>;
  task: Task;
  job: JobSettings | undefined;
  taskKey: string;
  taskRunId: string;
  jobRunId: string;
  jobId: string;
  /** Values set by the run's other tasks, for `dbutils.jobs.taskValues.get`. */
  taskValues: Record<string, Record<string, unknown>>;
  files: RunFiles;
  /** The run's task directory (`<task run id>.log`, `.json`, `.result.json`, `.values.json`); it exists. */
  dir: string;
  /** Secret values to redact from the output (read once per execution). */
  secrets: Promise<string[]>;
}

export interface AttemptDeps {
  runtime: PythonRuntime;
  processes: ProcessPort;
  fs: EngineFs;
  clock: EngineClock;
}

/** A running attempt: its result, and how to stop it (cancel). */
export interface AttemptHandle {
  result: Promise<TaskResult>;
  cancel(): void;
  /** The process started (RUNNING may be reported). */
  started: Promise<number | undefined>;
}

export function startAttempt(input: AttemptInput, deps: AttemptDeps): AttemptHandle {
  let stop: 'canceled' | 'timedout' | undefined;
  let proc: RunningProcess | undefined;
  let markStarted: (pid: number | undefined) => void = () => undefined;
  const started = new Promise<number | undefined>((r) => (markStarted = r));
  const result = (async (): Promise<TaskResult> => {
    try {
      const prepared = await prepare(input, deps);
      if ('error' in prepared) return failed(prepared.error);
      if (stop) return { result_state: 'CANCELED' };
      const python = await deps.runtime.python();
      const logFile = join(input.dir, `${input.taskRunId}.log`);
      proc = deps.processes.spawn({ command: python, args: ['-m', 'jobs_local_runtime'], cwd: prepared.cwd, env: prepared.env, logFile });
      if (stop) proc.kill();
      const pid = await proc.started;
      markStarted(pid);
      const seconds = input.task.timeout_seconds ?? 0;
      const timeout = pid !== undefined && seconds > 0 ? deps.clock.setTimer(() => ((stop = 'timedout'), proc?.kill()), seconds * 1000) : () => undefined;
      const exit = await proc.exited;
      timeout();
      if (stop === 'canceled') return { result_state: 'CANCELED' };
      const [out, tail] = await Promise.all([readResults(input.dir, input.taskRunId, deps.fs, exit.code === 0), deps.fs.readTail(logFile, OUTPUT_LIMIT)]);
      const logs = tail.data.toString('utf8');
      const { ok, output } = outcomeOf({ ...exit, logs, logsTruncated: tail.truncated, ...out }, await input.secrets);
      if (prepared.info) output.info = prepared.info;
      if (stop === 'timedout') {
        const message = `Task timed out after ${String(seconds)} seconds.`;
        return { result_state: 'TIMEDOUT', message, output: { ...output, error: message }, values: out.values };
      }
      return ok
        ? { result_state: 'SUCCESS', output, values: out.values }
        : { result_state: 'FAILED', message: 'Workload failed, see run output for details', output, values: out.values };
    } finally {
      markStarted(undefined);
    }
  })();
  return {
    result, started,
    cancel() {
      stop ??= 'canceled';
      proc?.kill();
    },
  };
}

function failed(error: string): TaskResult {
  return { result_state: 'FAILED', message: error, output: { error, error_trace: error } };
}

interface Prepared {
  cwd: string;
  env: Record<string, string>;
  /** What the local workspace did not do for this task (libraries it does not install). */
  info?: string;
}

/** Copies the code, writes task.json, and builds the environment; or says why it cannot run. */
async function prepare(input: AttemptInput, deps: AttemptDeps): Promise<Prepared | { error: string }> {
  const r = input.resolved;
  const { fs, runtime } = deps;
  const extra: Record<string, unknown> = {};
  let cwd = input.dir;
  const wheels: string[] = [];
  if (r.kind === 'notebook') {
    const entry = await input.files.entry(r.path, 'The notebook');
    if ('error' in entry) return entry;
    const language = entry.obj.source_ext === 'ipynb' ? 'IPYNB' : (entry.obj.language ?? 'PYTHON');
    if (entry.obj.object_type !== 'NOTEBOOK') return { error: `${r.path} is a file, not a notebook: run it with a spark_python_task` };
    if (language !== 'PYTHON' && language !== 'SQL' && language !== 'IPYNB')
      return { error: `The notebook ${r.path} is ${language}; the local workspace runs Python and SQL notebooks only` };
    Object.assign(extra, { entry: entry.local, workspace_path: entry.path, language, widgets: r.widgets });
    cwd = dirname(entry.local);
  } else if (r.kind === 'python') {
    const entry = await input.files.entry(r.file, 'The python_file');
    if ('error' in entry) return entry;
    if (entry.obj.object_type !== 'FILE') return { error: `${r.file} is a notebook, not a file: run it with a notebook_task` };
    Object.assign(extra, { entry: entry.local, argv: r.argv });
    cwd = dirname(entry.local);
  } else {
    for (const path of wheelPaths(input.task, input.job)) {
      const entry = await input.files.entry(path, 'The wheel');
      if ('error' in entry) return entry;
      wheels.push(entry.local);
    }
    Object.assign(extra, { package_name: r.packageName, entry_point: r.entryPoint, argv: r.argv, wheels });
  }
  const file = (suffix: string): string => join(input.dir, `${input.taskRunId}${suffix}`);
  const description = JSON.stringify({
    version: 1, kind: r.kind, cwd, task_key: input.taskKey, task_run_id: input.taskRunId, job_run_id: input.jobRunId, job_id: input.jobId,
    task_values: input.taskValues, values_file: file('.values.json'), result_file: file('.result.json'),
    workspace_root: input.files.root, sql_database: runtime.sqlDatabase, ...(runtime.secretsFile ? { secrets_file: runtime.secretsFile } : {}),
    widgets: {}, ...extra,
  });
  // Small descriptions travel in the environment (one file less per task); large ones (many
  // task values) in a file, below the kernel's 128 KiB limit on one environment string.
  let passing: Record<string, string>;
  if (description.length <= INLINE_LIMIT) passing = { JOBS_LOCAL_TASK_JSON: description };
  else {
    await fs.writeFile(file('.json'), description);
    passing = { JOBS_LOCAL_TASK: file('.json') };
  }
  let runtimeDir: string;
  try {
    runtimeDir = runtime.runtimeDir();
  } catch (err) {
    return { error: (err as Error).message };
  }
  const pythonPath = [runtimeDir, ...wheels, runtime.baseEnv.PYTHONPATH].filter((p): p is string => !!p).join(':');
  const env = { ...runtime.baseEnv, PYTHONPATH: pythonPath, PYTHONUNBUFFERED: '1', PYTHONPYCACHEPREFIX: runtime.pycacheDir, ...passing };
  const skipped = notInstalled(input.task, input.job);
  return { cwd, env, ...(skipped.length > 0 ? { info: `Not installed by the local workspace (python3 uses the packages it already has): ${skipped.join(', ')}` } : {}) };
}

/** Libraries and environment dependencies the local workspace does not install. */
export function notInstalled(task: Task, job: JobSettings | undefined): string[] {
  const out: string[] = [];
  for (const lib of task.libraries ?? []) {
    for (const [kind, value] of Object.entries(lib)) {
      if (kind === 'whl') continue;
      const v = value as { package?: string; coordinates?: string } | string;
      out.push(`${kind} ${typeof v === 'string' ? v : (v.package ?? v.coordinates ?? JSON.stringify(v))}`);
    }
  }
  const env = job?.environments?.find((e) => e.environment_key === task.environment_key);
  for (const d of (env?.spec?.dependencies ?? []) as unknown[]) if (typeof d === 'string' && !/^\/.*\.whl$/.test(d)) out.push(d);
  return out;
}

/** Wheels a wheel task installs: `libraries[].whl` and `.whl` paths in its environment's dependencies. */
export function wheelPaths(task: Task, job: JobSettings | undefined): string[] {
  const fromLibraries = (task.libraries ?? []).map((l) => l.whl).filter((w): w is string => typeof w === 'string');
  const env = job?.environments?.find((e) => e.environment_key === task.environment_key);
  const deps = ((env?.spec?.dependencies ?? []) as unknown[]).filter((d): d is string => typeof d === 'string' && /^\/.*\.whl$/.test(d));
  return [...fromLibraries, ...deps];
}

const INLINE_LIMIT = 32 * 1024;

interface Results {
  values?: Record<string, unknown>;
  exitValue?: string;
  error?: { error?: string; trace?: string };
}

/**
 * The result file. A process that ended on its own writes one whenever it has something to say;
 * one that was killed did not, and then the values it wrote as it set them are all there is.
 */
async function readResults(dir: string, taskRunId: string, fs: EngineFs, endedCleanly: boolean): Promise<Results> {
  const json = async (suffix: string): Promise<Record<string, unknown> | undefined> => {
    const raw = await fs.readFile(join(dir, `${taskRunId}${suffix}`));
    if (!raw) return undefined;
    try {
      const v = JSON.parse(raw.toString('utf8')) as unknown;
      return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const written = await json('.result.json');
  const result = written ?? {};
  const values = (result.values as Record<string, unknown> | undefined) ?? (written || endedCleanly ? undefined : await json('.values.json'));
  return {
    ...(values ? { values } : {}),
    ...('exit' in result ? { exitValue: String(result.exit) } : {}),
    ...(result.error && typeof result.error === 'object' ? { error: result.error as Results['error'] } : {}),
  };
}
