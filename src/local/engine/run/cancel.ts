/** A cancellation flag that can also be awaited (to abandon a wait for a slot or a retry). */
export class CancelToken {
  canceled = false;
  readonly whenCanceled: Promise<void>;
  private fire: () => void = () => undefined;
  private readonly hooks: (() => void)[] = [];

  constructor() {
    this.whenCanceled = new Promise((r) => (this.fire = r));
  }

  cancel(): void {
    if (this.canceled) return;
    this.canceled = true;
    this.fire();
    for (const h of this.hooks.splice(0)) h();
  }

  /** Runs `hook` on cancel (at once if already canceled); returns a remover. */
  onCancel(hook: () => void): () => void {
    if (this.canceled) {
      hook();
      return () => undefined;
    }
    this.hooks.push(hook);
    return () => {
      const i = this.hooks.indexOf(hook);
      if (i >= 0) this.hooks.splice(i, 1);
    };
  }
}
