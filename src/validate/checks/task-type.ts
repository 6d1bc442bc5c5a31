/**
 * Every task sets exactly one `*_task` field (nested for-each tasks included), and deprecated
 * task types are flagged. A task with none often has a misspelt one (`notebok_task`): the
 * schema reports the unknown field, and this check adds which type was probably meant.
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { spanAt } from '../../source/locations.js';
import type { BundleCheck } from '../check.js';
import { didYouMean, suggest } from '../../diag/suggest.js';
import { allTasks, isTaskType, TASK_TYPES, taskTypesOf, type TaskType } from '../tasks.js';

/** Deprecated task types and what replaces them. */
export const DEPRECATED_TYPES: Partial<Record<TaskType, string>> = {
  spark_submit_task: 'spark_jar_task or spark_python_task',
  dbt_cloud_task: 'dbt_platform_task',
  gen_ai_compute_task: 'ai_runtime_task',
};

export const taskType: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  for (const job of jobs) {
    for (const t of allTasks(job)) {
      const types = taskTypesOf(t.task);
      const name = t.key === undefined ? 'task' : `task "${t.key}"`;
      if (types.length === 0) {
        const misspelt = Object.keys(t.task).find((k) => !isTaskType(k) && suggest(k, TASK_TYPES) !== undefined);
        const hint = misspelt === undefined ? '' : ` "${misspelt}" is not a task type.${didYouMean(suggest(misspelt, TASK_TYPES))}`;
        out.push(
          diag('error', 'task/no-type', `${name} sets no task type (notebook_task, spark_python_task, …).${hint}`, {
            path: t.path,
            span: spanAt(config, misspelt === undefined ? t.path : [...t.path, misspelt], 'key'),
          }),
        );
        continue;
      }
      if (types.length > 1) {
        const path = [...t.path, types[1]!];
        const first = spanAt(config, [...t.path, types[0]!], 'key');
        out.push(
          diag('error', 'task/multiple-types', `${name} sets ${types.length} task types (${types.join(', ')}); a task has exactly one`, {
            path,
            span: spanAt(config, path, 'key'),
            related: first ? [{ message: `${types[0]} is set here`, span: first }] : [],
            detail: 'Split the work into separate tasks and connect them with depends_on.',
          }),
        );
      }
      for (const type of types) {
        const replacement = DEPRECATED_TYPES[type];
        if (replacement === undefined) continue;
        const path = [...t.path, type];
        out.push(diag('warning', 'task/deprecated-type', `${type} is deprecated; use ${replacement}`, { path, span: spanAt(config, path, 'key') }));
      }
    }
  }
  return out;
};
