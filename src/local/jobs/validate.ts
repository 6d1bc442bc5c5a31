/**
 * The job-settings rules the embedded workspace enforces itself, because its run model depends
 * on them (job-settings.md §5 rows 1, 3, 5, 6, 7, 8, 17): a job the store holds can always be
 * run. Everything else (the schema, compute rules, cron…) comes from the injected
 * `validateJobSettings`, the same checks the CLI runs, so both sides agree. Pure.
 */
import { CONDITION_OPS, RUN_IF, TASK_TYPES, type JobSettings, type Task } from '../../api/jobs.js';

export interface SettingsIssue {
  message: string;
  path?: string;
}

/** The injection point for the CLI's schema and semantic checks. */
export type JobSettingsValidator = (settings: JobSettings) => SettingsIssue[];

const TASK_KEY = /^[\w-]{1,100}$/;
const PARAM_NAME = /^[A-Za-z0-9_.-]+$/;

export function checkJobSettings(settings: unknown): SettingsIssue[] {
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) return [{ message: 'Job settings must be an object.' }];
  const s = settings as JobSettings;
  const issues: SettingsIssue[] = [];
  if (s.name !== undefined && (typeof s.name !== 'string' || Buffer.byteLength(s.name) > 4096))
    issues.push({ path: 'name', message: 'The job name must be a string of at most 4096 bytes.' });
  const mcr = s.max_concurrent_runs;
  if (mcr !== undefined && (!Number.isInteger(mcr) || mcr < 0 || mcr > 1000))
    issues.push({ path: 'max_concurrent_runs', message: 'max_concurrent_runs must be an integer between 0 and 1000.' });
  if (s.queue !== undefined && typeof s.queue?.enabled !== 'boolean') issues.push({ path: 'queue.enabled', message: 'queue.enabled must be a boolean.' });
  issues.push(...checkParameters(s.parameters));
  issues.push(...checkGitSource(s.git_source));
  issues.push(...checkJobClusters(s.job_clusters));
  if (s.tasks !== undefined) {
    if (!Array.isArray(s.tasks)) return [...issues, { path: 'tasks', message: 'tasks must be an array.' }];
    if (s.tasks.length > 1000) issues.push({ path: 'tasks', message: 'A job can have at most 1000 tasks.' });
    issues.push(...checkTasks(s.tasks, new Set((s.job_clusters ?? []).map((c) => c.job_cluster_key))));
  }
  return issues;
}

function checkParameters(params: unknown): SettingsIssue[] {
  if (params === undefined) return [];
  if (!Array.isArray(params)) return [{ path: 'parameters', message: 'parameters must be an array.' }];
  const issues: SettingsIssue[] = [];
  const seen = new Set<string>();
  params.forEach((p: { name?: unknown; default?: unknown }, i) => {
    if (typeof p?.name !== 'string' || !PARAM_NAME.test(p.name)) issues.push({ path: `parameters[${i}].name`, message: 'A job parameter name must be alphanumeric, _, - or .' });
    else if (seen.has(p.name)) issues.push({ path: `parameters[${i}].name`, message: `Duplicate job parameter name: ${p.name}` });
    else seen.add(p.name);
    if (typeof p?.default !== 'string') issues.push({ path: `parameters[${i}].default`, message: 'A job parameter needs a string default.' });
  });
  return issues;
}

const GIT_PROVIDERS = ['github', 'gitlab', 'bitbucketcloud', 'gitlabenterpriseedition', 'bitbucketserver', 'azuredevopsservices', 'githubenterprise', 'awscodecommit'];

function checkGitSource(git: unknown): SettingsIssue[] {
  if (git === undefined) return [];
  const g = git as { git_provider?: unknown; git_url?: unknown; git_branch?: unknown; git_tag?: unknown; git_commit?: unknown };
  const issues: SettingsIssue[] = [];
  // Exact text of a real workspace; providers compare case-insensitively.
  if (typeof g.git_provider !== 'string' || !GIT_PROVIDERS.includes(g.git_provider.toLowerCase()))
    issues.push({ path: 'git_source.git_provider', message: `git_source.git_provider must be one of: ${GIT_PROVIDERS.join(',')}` });
  if (typeof g.git_url !== 'string' || g.git_url === '') issues.push({ path: 'git_source.git_url', message: 'Missing required field: git_source.git_url' });
  if ([g.git_branch, g.git_tag, g.git_commit].filter((v) => v !== undefined).length > 1)
    issues.push({ path: 'git_source', message: 'Only one of git_branch, git_tag and git_commit can be set.' });
  return issues;
}

function checkJobClusters(clusters: unknown): SettingsIssue[] {
  if (clusters === undefined) return [];
  if (!Array.isArray(clusters)) return [{ path: 'job_clusters', message: 'job_clusters must be an array.' }];
  const seen = new Set<string>();
  const issues: SettingsIssue[] = [];
  clusters.forEach((c: { job_cluster_key?: unknown; new_cluster?: unknown }, i) => {
    if (typeof c?.job_cluster_key !== 'string' || c.job_cluster_key === '') issues.push({ path: `job_clusters[${i}].job_cluster_key`, message: 'Missing required field: job_cluster_key' });
    else if (seen.has(c.job_cluster_key)) issues.push({ path: `job_clusters[${i}]`, message: `Duplicate job cluster key: ${c.job_cluster_key}` });
    else seen.add(c.job_cluster_key);
    // Observed text of a real workspace (misleading, but what clients see).
    if (c?.new_cluster === undefined) issues.push({ path: `job_clusters[${i}].new_cluster`, message: 'Shared job cluster feature is only supported in multi-task jobs.' });
  });
  return issues;
}

function checkTasks(tasks: Task[], clusterKeys: Set<string>): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const byKey = new Map<string, Task>();
  tasks.forEach((t, i) => {
    if (t === null || typeof t !== 'object') return void issues.push({ path: `tasks[${i}]`, message: 'A task must be an object.' });
    if (typeof t.task_key !== 'string' || !TASK_KEY.test(t.task_key))
      issues.push({ path: `tasks[${i}].task_key`, message: 'task_key must be 1 to 100 characters of letters, digits, _ and -.' });
    else if (byKey.has(t.task_key)) issues.push({ path: `tasks[${i}].task_key`, message: `Duplicate task key: ${t.task_key}` });
    else byKey.set(t.task_key, t);
    issues.push(...checkTaskShape(t, `tasks[${i}]`, clusterKeys, false));
  });
  tasks.forEach((t, i) => {
    if (!Array.isArray(t?.depends_on)) return;
    t.depends_on.forEach((d, j) => {
      const up = byKey.get(d?.task_key);
      const at = `tasks[${i}].depends_on[${j}]`;
      if (!up) return void issues.push({ path: `${at}.task_key`, message: `Task ${t.task_key} depends on ${String(d?.task_key)}, which is not defined in the job.` });
      if (d.outcome !== undefined && (!up.condition_task || (d.outcome !== 'true' && d.outcome !== 'false')))
        issues.push({ path: `${at}.outcome`, message: 'outcome is only allowed on a dependency on a condition task, as "true" or "false".' });
    });
  });
  const cycle = findCycle(tasks.filter((t) => typeof t?.task_key === 'string'));
  if (cycle) issues.push({ path: 'tasks', message: `The task dependencies form a cycle: ${cycle.join(' -> ')}` });
  return issues;
}

function checkTaskShape(t: Task, at: string, clusterKeys: Set<string>, nested: boolean): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const types = TASK_TYPES.filter((k) => t[k] !== undefined);
  if (types.length !== 1) issues.push({ path: at, message: `A task must set exactly one task type; ${t.task_key ?? 'the task'} sets ${types.length === 0 ? 'none' : types.join(', ')}.` });
  if (t.run_if !== undefined && !(RUN_IF as readonly string[]).includes(t.run_if)) issues.push({ path: `${at}.run_if`, message: `run_if must be one of ${RUN_IF.join(', ')}.` });
  if (t.depends_on !== undefined && !Array.isArray(t.depends_on)) issues.push({ path: `${at}.depends_on`, message: 'depends_on must be an array.' });
  if (t.job_cluster_key !== undefined && !clusterKeys.has(t.job_cluster_key)) issues.push({ path: `${at}.job_cluster_key`, message: `job_cluster_key ${t.job_cluster_key} is not defined.` });
  const c = t.condition_task;
  if (c !== undefined) {
    if (typeof c?.left !== 'string' || typeof c?.right !== 'string') issues.push({ path: `${at}.condition_task`, message: 'condition_task needs string left and right operands.' });
    if (!(CONDITION_OPS as readonly string[]).includes(c?.op)) issues.push({ path: `${at}.condition_task.op`, message: `condition_task.op must be one of ${CONDITION_OPS.join(', ')}.` });
    if (t.max_retries !== undefined && t.max_retries !== 0) issues.push({ path: `${at}.max_retries`, message: 'A condition task cannot be retried.' });
  }
  const f = t.for_each_task;
  if (f !== undefined) {
    if (nested) issues.push({ path: `${at}.for_each_task`, message: 'A for_each_task cannot contain another for_each_task.' });
    else if (typeof f?.inputs !== 'string' || f?.task === undefined) issues.push({ path: `${at}.for_each_task`, message: 'for_each_task needs inputs and task.' });
    else issues.push(...checkTaskShape(f.task, `${at}.for_each_task.task`, clusterKeys, true));
  }
  return issues;
}

/** The first cycle in the dependency graph, as task keys, or undefined. */
export function findCycle(tasks: readonly Task[]): string[] | undefined {
  const deps = new Map(tasks.map((t) => [t.task_key, (Array.isArray(t.depends_on) ? t.depends_on : []).map((d) => d?.task_key)]));
  const color = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (k: string): string[] | undefined => {
    if (color.get(k) === 2 || !deps.has(k)) return undefined;
    if (color.get(k) === 1) return [...stack.slice(stack.indexOf(k)), k];
    color.set(k, 1);
    stack.push(k);
    for (const d of deps.get(k) ?? []) {
      const found = visit(d);
      if (found) return found;
    }
    stack.pop();
    color.set(k, 2);
    return undefined;
  };
  for (const k of deps.keys()) {
    const found = visit(k);
    if (found) return found;
  }
  return undefined;
}
