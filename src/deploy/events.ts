/**
 * What deploy and destroy report while they work. The core emits these; render/deploy turns
 * them into a spinner on a terminal or plain lines in CI, and tests record them.
 */
export type DeployPhase = 'lock' | 'files' | 'libraries' | 'jobs' | 'state' | 'cleanup';

export type DeployEvent =
  | { type: 'phase'; phase: DeployPhase; message: string; total?: number }
  | { type: 'lock.waiting'; holder: string }
  | { type: 'file.done'; path: string; action: 'upload' | 'delete' }
  | { type: 'resource.done'; address: string; action: 'create' | 'update' | 'delete' | 'record' | 'forget'; jobId?: string }
  | { type: 'resource.failed'; address: string; call: string; message: string }
  | { type: 'warning'; message: string };

export type Report = (event: DeployEvent) => void;

/** What deploy and destroy both take: approval, the lock, parallelism and progress. */
export interface LockedChangeOptions {
  autoApprove: boolean;
  forceLock: boolean;
  lockWaitMs: number;
  concurrency: number;
  /** Who holds the lock, and on which machine. */
  holder: string;
  host: string;
  report: Report;
}
