/**
 * Runs tasks with dependencies, at most `concurrency` at once. After the first failure nothing
 * new starts; tasks already running finish (their effects are real and must be recorded), and
 * tasks never started are reported as skipped. Dependencies outside the graph are ignored.
 */

export interface GraphTask {
  id: string;
  deps: readonly string[];
  run: () => Promise<void>;
}

export interface GraphResult {
  done: string[];
  failed?: { id: string; error: unknown };
  skipped: string[];
}

export async function runGraph(tasks: readonly GraphTask[], concurrency: number): Promise<GraphResult> {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const waiting = new Set(tasks.map((t) => t.id));
  const done = new Set<string>();
  const order: string[] = [];
  let failed: GraphResult['failed'];
  let running = 0;
  return new Promise((resolve) => {
    const finish = () => resolve({ done: order, ...(failed ? { failed } : {}), skipped: [...waiting] });
    const pump = () => {
      if (!failed) {
        for (const id of [...waiting]) {
          if (running >= concurrency) break;
          const t = byId.get(id)!;
          if (!t.deps.every((d) => done.has(d) || !byId.has(d))) continue;
          waiting.delete(id);
          running++;
          t.run().then(
            () => {
              done.add(id);
              order.push(id);
            },
            (error: unknown) => {
              failed ??= { id, error };
            },
          ).finally(() => {
            running--;
            pump();
          });
        }
      }
      if (running === 0) finish();
    };
    pump();
  });
}
