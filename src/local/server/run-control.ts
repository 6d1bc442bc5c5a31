/**
 * The `RunControl` an executor reports through: each call is one durable transition of the run
 * model (runs-actions.ts, task-actions.ts), committed through the store's mutex, after which the
 * executor hears about newly ready or canceled tasks and run events.
 */
import type { Int64 } from '../../api/json.js';
import type { RunControl } from '../runs/executor.js';
import type { WorkspaceContext } from './context.js';
import { cancelRun, emptyTransition } from './runs-actions.js';
import { commitTransition, startRun } from './runs-handlers.js';
import { addIterations, applyTaskUpdate, retryTask } from './task-actions.js';

export function createRunControl(ctx: WorkspaceContext): RunControl {
  const control: RunControl = {
    updateTask: (taskRunId, update) =>
      commitTransition(ctx, control, (state) => ({ t: applyTaskUpdate(ctx, state, taskRunId, update), result: undefined })),
    retryTask: (taskRunId, failure) => commitTransition(ctx, control, (state) => retryTask(ctx, state, taskRunId, failure)),
    addIterations: (taskRunId, inputs) => commitTransition(ctx, control, (state) => addIterations(ctx, state, taskRunId, inputs)),
    startRun: (request, origin) => commitTransition(ctx, control, (state) => startRun(ctx, state, request, origin)),
    cancelRun: (runId) => stopRun(runId, 'canceled'),
    timeoutRun: (runId) => stopRun(runId, 'timedout'),
    readRun: (runId) => ctx.store.state.runs.get(String(runId)),
  };
  const stopRun = (runId: Int64, reason: 'canceled' | 'timedout'): Promise<void> =>
    commitTransition(ctx, control, (state) => {
      const run = state.runs.get(String(runId));
      return { t: run ? cancelRun(ctx, state, run, emptyTransition(), reason) : emptyTransition(), result: undefined };
    });
  return control;
}
