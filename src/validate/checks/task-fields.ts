/**
 * Field combinations inside a task type that the schema cannot express: "exactly one of",
 * "this one only with that one", and dbt's command rules. Plain required fields (notebook_path,
 * python_file, job_id, …) are the schema stage's `schema/required` and are not repeated here.
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import type { ConfigPath } from '../../diag/diagnostic.js';
import { spanAt } from '../../source/locations.js';
import type { BundleCheck } from '../check.js';
import { allTasks, has, isObj, type Obj } from '../tasks.js';

/** Groups of fields of which a task type needs exactly one. */
const EXACTLY_ONE: ReadonlyArray<[type: string, fields: string[]]> = [
  ['sql_task', ['query', 'dashboard', 'alert', 'file']],
  ['alert_task', ['alert_id', 'workspace_path']],
];

/** `[type, field, other, needsOther]`: `field` needs `other` set (or unset, when false). */
const PAIRS: ReadonlyArray<[type: string, field: string, other: string, needsOther: boolean]> = [
  ['python_wheel_task', 'named_parameters', 'parameters', false],
  ['sql_task', 'parameters', 'alert', false],
  ['dbt_task', 'catalog', 'warehouse_id', true],
  ['dbt_task', 'schema', 'warehouse_id', true],
  ['dbt_task', 'profiles_directory', 'warehouse_id', false],
];

/** Required in practice though the schema leaves it optional. */
const NEEDED: ReadonlyArray<[type: string, field: string]> = [['spark_jar_task', 'main_class_name']];

export const MAX_DBT_COMMANDS = 10;

type Emit = (d: Diagnostic) => void;

export const taskFields: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  const emit: Emit = (d) => out.push(d);
  for (const job of jobs) {
    for (const t of allTasks(job)) {
      for (const [type, fields] of EXACTLY_ONE) exactlyOne(config, t.task, [...t.path, type], fields, emit);
      for (const [type, field, other, needsOther] of PAIRS) pair(config, t.task, [...t.path, type], field, other, needsOther, emit);
      for (const [type, field] of NEEDED) {
        const body = t.task[type];
        if (isObj(body) && !has(body, field)) {
          const path = [...t.path, type];
          emit(diag('error', 'task/missing-field', `${type} needs ${field}`, { path, span: spanAt(config, path, 'key') }));
        }
      }
      dbtCommands(config, t.task, [...t.path, 'dbt_task', 'commands'], emit);
    }
  }
  return out;
};

function exactlyOne(config: unknown, task: Obj, path: ConfigPath, fields: string[], emit: Emit): void {
  const type = String(path[path.length - 1]);
  const body = task[type];
  if (!isObj(body)) return;
  const set = fields.filter((f) => has(body, f));
  if (set.length === 1) return;
  if (set.length === 0) {
    emit(diag('error', 'task/missing-field', `${type} needs one of ${fields.join(', ')}`, { path, span: spanAt(config, path, 'key') }));
    return;
  }
  const at = [...path, set[1]!];
  emit(diag('error', 'task/conflicting-fields', `${type} sets ${set.join(' and ')}; it takes exactly one of ${fields.join(', ')}`, { path: at, span: spanAt(config, at, 'key') }));
}

function pair(config: unknown, task: Obj, path: ConfigPath, field: string, other: string, needsOther: boolean, emit: Emit): void {
  const type = String(path[path.length - 1]);
  const body = task[type];
  if (!isObj(body) || !has(body, field) || has(body, other) === needsOther) return;
  const at = [...path, field];
  const summary = needsOther ? `${type}.${field} is only used together with ${other}` : `${type} sets both ${field} and ${other}; they exclude each other`;
  emit(diag('error', 'task/conflicting-fields', summary, { path: at, span: spanAt(config, at, 'key') }));
}

function dbtCommands(config: unknown, task: Obj, path: ConfigPath, emit: Emit): void {
  const body = task.dbt_task;
  const commands = isObj(body) ? body.commands : undefined;
  if (!Array.isArray(commands)) return;
  if (commands.length === 0 || commands.length > MAX_DBT_COMMANDS) {
    emit(diag('error', 'task/invalid-dbt-commands', `dbt_task.commands has ${commands.length} entries; it takes 1 to ${MAX_DBT_COMMANDS}`, { path, span: spanAt(config, path, 'key') }));
  }
  commands.forEach((c, i) => {
    if (typeof c !== 'string' || c.trimStart().startsWith('${') || /^\s*dbt(\s|$)/.test(c)) return;
    const at = [...path, i];
    emit(diag('error', 'task/invalid-dbt-commands', `dbt command "${c}" does not start with "dbt"`, { path: at, span: spanAt(config, at) }));
  });
}
