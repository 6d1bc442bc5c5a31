/**
 * The engine's parallelism limit: at most `size` task processes at once. Waiting is FIFO and
 * can be abandoned (a task canceled while it waits for a slot never starts).
 */
export class Slots {
  private free: number;
  private readonly waiting: { grant: () => void }[] = [];

  constructor(readonly size: number) {
    this.free = Math.max(1, size);
  }

  /** Resolves with a release function, or with undefined if `abandoned` resolves first. */
  acquire(abandoned?: Promise<void>): Promise<(() => void) | undefined> {
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const entry = { grant: () => resolve(this.releaser()) };
      this.waiting.push(entry);
      void abandoned?.then(() => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) {
          this.waiting.splice(i, 1);
          resolve(undefined);
        }
      });
    });
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next.grant();
      else this.free++;
    };
  }
}
