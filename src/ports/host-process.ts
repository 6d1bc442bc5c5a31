/**
 * The process facts a long-running server needs: its own pid, whether another pid is alive
 * (stale lock detection) and shutdown signals. Kept behind a port so the embedded workspace
 * never reads `process` itself and tests can fake a dead lock holder.
 */
export interface HostProcess {
  readonly pid: number;
  isAlive(pid: number): boolean;
  /** Calls `handler` on SIGINT/SIGTERM; returns an unsubscribe function. */
  onShutdownSignal(handler: (signal: string) => void): () => void;
}

export function nodeHostProcess(): HostProcess {
  return {
    pid: process.pid,
    isAlive(pid) {
      try {
        process.kill(pid, 0);
        return true;
      } catch (err) {
        // EPERM: the pid exists but belongs to someone else; it is alive.
        return (err as NodeJS.ErrnoException).code === 'EPERM';
      }
    },
    onShutdownSignal(handler) {
      const listener = (signal: NodeJS.Signals): void => handler(signal);
      process.on('SIGINT', listener);
      process.on('SIGTERM', listener);
      return () => {
        process.off('SIGINT', listener);
        process.off('SIGTERM', listener);
      };
    },
  };
}
