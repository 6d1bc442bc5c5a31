/**
 * The `only` selector of run-now (jobs-api-2.2.md §2.1): `key` runs just that task, `+key` adds
 * everything upstream, `key+` everything downstream, `+key+` both. Pure.
 */
import type { Task } from '../../api/jobs.js';
import { invalid } from '../server/failure.js';

export function selectTasks(tasks: readonly Task[], only: readonly string[] | undefined): Set<string> {
  const keys = new Set(tasks.map((t) => t.task_key));
  if (!only || only.length === 0) return keys;
  const up = new Map(tasks.map((t) => [t.task_key, (t.depends_on ?? []).map((d) => d.task_key)]));
  const down = new Map<string, string[]>();
  for (const [k, deps] of up) for (const d of deps) down.set(d, [...(down.get(d) ?? []), k]);
  const chosen = new Set<string>();
  for (const raw of only) {
    const withUp = raw.startsWith('+');
    const withDown = raw.endsWith('+') && raw.length > 1;
    const key = raw.slice(withUp ? 1 : 0, withDown ? -1 : undefined);
    if (!keys.has(key)) throw invalid(`Task key ${key} in 'only' does not exist in the job.`);
    chosen.add(key);
    if (withUp) closure(key, up, chosen);
    if (withDown) closure(key, down, chosen);
  }
  return chosen;
}

function closure(start: string, edges: Map<string, string[]>, into: Set<string>): void {
  const stack = [start];
  while (stack.length > 0) {
    for (const next of edges.get(stack.pop() as string) ?? []) {
      if (!into.has(next)) {
        into.add(next);
        stack.push(next);
      }
    }
  }
}
