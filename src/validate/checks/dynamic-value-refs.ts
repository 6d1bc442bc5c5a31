/**
 * Every `{{…}}` in every string a task passes on (and in job parameter defaults) refers to
 * something that will exist when it is resolved. Findings point inside the string at the
 * reference.
 *
 * - Unknown namespaces are literal text at run time and not reported, except likely slips
 *   (`{{run.id}}`, `{{jobs.id}}`), which would silently pass the literal text on.
 * - A known namespace with an unknown member is rejected by the service: error, did-you-mean.
 * - `{{job.parameters.x}}` needs a job parameter `x`.
 * - `{{tasks.k.…}}` needs a task `k` that runs before this one (transitively upstream); a task
 *   in a for-each runs as its parent, so the parent's upstream counts.
 * - `{{input…}}` only inside the task a for-each runs; task references are meaningless in job
 *   parameter defaults, which are resolved before any task runs.
 * - Deprecated flat names and near-miss text (spaces, a missing brace, unquoted `-`) warn.
 * - `{{secrets/scope/key}}` is substituted in Spark conf and environment variables only; in a
 *   task parameter it would be passed on as literal text.
 */
import { diag, type ConfigPath, type Diagnostic } from '../../diag/diagnostic.js';
import type { DiagCode } from '../../diag/codes.js';
import { didYouMean, suggest } from '../../diag/suggest.js';
import { spanInString } from '../../source/locations.js';
import { classifyRef, looksLikeReference, type RefInfo } from '../../templates/dynamic-catalogue.js';
import { formatRef, parseDynamicRefs, type DynamicRef, type SuspiciousText } from '../../templates/dynamic-refs.js';
import type { BundleCheck, JobView } from '../check.js';
import { buildTaskGraph, Reachability, type TaskGraph } from '../dag.js';
import { jobParameterDefaults, jobParameterNames, taskParameterStrings, type ParameterString } from '../parameter-strings.js';
import { allTasks, hasInterpolation } from '../tasks.js';

/** Where a string is resolved: in a task (as DAG node `node`), or in the job's parameters. */
type Scope = { kind: 'task'; node: number | undefined; inForEachBody: boolean } | { kind: 'job' };

class JobRefs {
  private reach?: Reachability;
  readonly graph: TaskGraph;
  readonly params: Set<string> | undefined;

  constructor(
    private readonly config: Record<string, unknown>,
    readonly job: JobView,
    private readonly out: Diagnostic[],
  ) {
    this.graph = buildTaskGraph(job);
    this.params = jobParameterNames(job);
  }

  checkString(s: ParameterString, scope: Scope): void {
    if (!s.value.includes('{')) return;
    const parsed = parseDynamicRefs(s.value, looksLikeReference);
    for (const ref of parsed.refs) this.checkRef(s, ref, scope);
    for (const secret of parsed.secrets) {
      this.emit('error', 'ref/secret-not-allowed', s, secret, `{{secrets/${secret.scope}/${secret.key}}} is not resolved in task parameters; it would be passed on as text`, 'Read the secret in the task with dbutils.secrets.get, or pass it through spark_env_vars of the cluster.');
    }
    for (const odd of parsed.suspicious) this.emit('warning', 'ref/malformed', s, odd, malformedSummary(s.value, odd));
  }

  private checkRef(s: ParameterString, ref: DynamicRef, scope: Scope): void {
    const names = ref.segments.map((x) => x.name);
    const c = classifyRef(names, ref.segments.map((x) => x.quoted));
    const text = s.value.slice(ref.start, ref.end);
    switch (c.kind) {
      case 'literal':
        return;
      case 'slip':
        return this.emit('error', 'ref/unknown-namespace', s, ref, `${text} is not a reference and would be passed on as text. Did you mean {{${c.suggestion}}}?`);
      case 'unknown-member': {
        const expected = c.expected.length > 0 ? ` Expected one of: ${c.expected.join(', ')}.` : '';
        const hint = c.suggestion ? ` Did you mean ${c.suggestion}?` : '';
        const what = c.segment < names.length ? `"${names[c.segment]}" is not known here` : 'it is incomplete';
        return this.emit('error', 'ref/unknown-member', s, ref, `${text} is not a valid reference: ${what}.${hint}${expected}`);
      }
      case 'deprecated':
        return this.emit('warning', 'ref/deprecated', s, ref, `${text} is deprecated; use {{${c.replacement}}}`);
      case 'ok':
        return this.checkKnown(s, ref, text, c.info, scope);
    }
  }

  private checkKnown(s: ParameterString, ref: DynamicRef, text: string, info: RefInfo, scope: Scope): void {
    if (info.parameter !== undefined && this.params && !this.params.has(info.parameter)) {
      const hint = didYouMean(suggest(info.parameter, this.params));
      this.emit('error', 'ref/unknown-job-parameter', s, ref, `${text}: job "${this.job.key}" has no parameter "${info.parameter}".${hint}`);
    }
    if (info.namespace === 'input' && (scope.kind === 'job' || !scope.inForEachBody)) {
      this.emit('error', 'ref/out-of-context', s, ref, `${text} is only available in the task that a for_each_task runs`);
    }
    if ((info.namespace === 'task' || info.namespace === 'tasks') && scope.kind === 'job') {
      this.emit('error', 'ref/out-of-context', s, ref, `${text} cannot be used in a job parameter default, which is resolved before any task runs`);
      return;
    }
    if (info.task !== undefined && scope.kind === 'task') this.checkUpstream(s, ref, text, info.task, scope.node);
  }

  private checkUpstream(s: ParameterString, ref: DynamicRef, text: string, key: string, node: number | undefined): void {
    const target = this.graph.index.get(key);
    if (target === undefined) {
      if (hasInterpolation(key)) return;
      // Never the referring task itself: its own values are not upstream of it.
      const self = node === undefined ? undefined : this.graph.nodes[node]?.key;
      const hint = suggest(key, [...this.graph.index.keys()].filter((k) => k !== self));
      const fix = hint === undefined ? '' : ` Did you mean ${formatRef(['tasks', hint, ...ref.segments.slice(2).map((x) => x.name)])}?`;
      return this.emit('error', 'ref/unknown-task', s, ref, `${text}: job "${this.job.key}" has no task "${key}".${fix}`);
    }
    if (node === undefined) return;
    this.reach ??= new Reachability(this.graph);
    if (this.reach.isUpstream(target, node)) return;
    const self = this.graph.nodes[node]!.key;
    const summary =
      target === node
        ? `${text} refers to task "${self}" itself; use {{task.…}} for the current task`
        : `${text}: task "${key}" does not run before task "${self}"; add it (or a task after it) to depends_on`;
    this.emit('error', 'ref/not-upstream', s, ref, summary, 'Values and results of a task exist only once it has finished, so only upstream tasks can be referenced.');
  }

  private emit(severity: 'error' | 'warning', code: DiagCode, s: ParameterString, at: { start: number; end: number }, summary: string, detail?: string): void {
    this.out.push(diag(severity, code, summary, { path: s.path, span: spanInString(this.config, s.path, at.start, at.end), detail }));
  }
}

function malformedSummary(value: string, odd: SuspiciousText): string {
  const text = value.slice(odd.start, odd.end);
  const fix = formatRef(odd.intended.split('.'));
  switch (odd.reason) {
    case 'whitespace':
      return `"${text}" has spaces inside the braces, so it is not a reference; write ${fix}`;
    case 'unclosed':
      return `"${text}" is missing a closing brace, so it is not a reference; write ${fix}`;
    case 'unopened':
      return `"${text}" is missing an opening brace, so it is not a reference; write ${fix}`;
    case 'unquoted':
      return `"${text}" is not a reference: names with characters other than letters, digits and "_" need backticks, e.g. {{job.parameters.\`my-name\`}}`;
  }
}

/** Task key → DAG node of the task (a nested for-each task runs as its parent). */
function nodeOf(refs: JobRefs, topKey: string | undefined): number | undefined {
  return topKey === undefined ? undefined : refs.graph.index.get(topKey);
}

export const dynamicValueRefs: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  for (const job of jobs) {
    const refs = new JobRefs(config, job, out);
    for (const s of jobParameterDefaults(job)) refs.checkString(s, { kind: 'job' });
    for (const t of allTasks(job)) {
      const top = t.parent ? rootOf(t) : t;
      const node = nodeOf(refs, top.key);
      for (const s of taskParameterStrings(t)) {
        // A for-each's own inputs are resolved by the for-each task, outside its iterations.
        const inForEachBody = t.parent !== undefined && !isInputsOf(s.path, t.path);
        refs.checkString(s, { kind: 'task', node, inForEachBody });
      }
    }
  }
  return out;
};

function rootOf<T extends { parent?: T }>(t: T): T {
  let r = t;
  while (r.parent) r = r.parent;
  return r;
}

function isInputsOf(path: ConfigPath, taskPath: ConfigPath): boolean {
  return path.length === taskPath.length + 2 && path[taskPath.length] === 'for_each_task' && path[taskPath.length + 1] === 'inputs';
}
