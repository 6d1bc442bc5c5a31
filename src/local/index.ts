/**
 * The embedded workspace's public surface: start one (`startLocalWorkspace`), plug in a run
 * engine (`RunExecutor`) and the CLI's job-settings checks (`JobSettingsValidator`), talk to it
 * in-process (`inProcessTransport`).
 */
export { startLocalWorkspace, type LocalWorkspace, type LocalWorkspaceOptions } from './start.js';
export { openLocalTarget, isLocalHost, localDataDir, type LocalTarget, type LocalTargetOptions } from './open-local-target.js';
export type { RunExecutor, RunControl, ReadyTask, TaskUpdate } from './runs/executor.js';
export type { TaskOutput } from './runs/model.js';
export type { JobSettingsValidator, SettingsIssue } from './jobs/validate.js';
export { inProcessTransport } from './transport.js';
export { parseFaults, FaultSpecError } from './faults.js';
export type { Receipt } from './server/router.js';
export { LockHeldError } from './store/lock.js';
export { NonLoopbackError, isLoopback } from './server/http-server.js';
