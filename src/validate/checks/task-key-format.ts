/**
 * Task keys follow the Jobs API rule: 1..100 characters from `[A-Za-z0-9_-]`. Nested for-each
 * tasks are held to the same rule. A key that still holds a `${…}` reference is skipped: the
 * loader resolves what it can and reports what it cannot, and the text is not the final key.
 */
import { diag, type Diagnostic } from '../../diag/diagnostic.js';
import { spanAt } from '../../source/locations.js';
import type { BundleCheck } from '../check.js';
import { allTasks, hasInterpolation } from '../tasks.js';

export const MAX_TASK_KEY_LENGTH = 100;
const KEY_CHARS = /^[\w-]+$/;

/** Why a key breaks the rules, or undefined when it is fine. */
export function taskKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'is empty';
  if (key.length > MAX_TASK_KEY_LENGTH) return `is ${key.length} characters long (at most ${MAX_TASK_KEY_LENGTH})`;
  if (!KEY_CHARS.test(key)) return 'may only contain letters, digits, "_" and "-"';
  return undefined;
}

export const taskKeyFormat: BundleCheck = ({ config, jobs }) => {
  const out: Diagnostic[] = [];
  for (const job of jobs) {
    for (const t of allTasks(job)) {
      const raw = t.task.task_key;
      if (typeof raw !== 'string' || hasInterpolation(raw)) continue;
      const problem = taskKeyProblem(raw);
      if (!problem) continue;
      const path = [...t.path, 'task_key'];
      out.push(
        diag('error', 'dag/invalid-task-key', `task_key "${raw}" ${problem}`, {
          path,
          span: spanAt(config, path),
          detail: 'Task keys are 1 to 100 characters of letters, digits, "_" and "-".',
        }),
      );
    }
  }
  return out;
};
