/**
 * Work done after an interaction was answered (deferred responses), tracked so tests and a
 * graceful shutdown can wait for it instead of guessing.
 */
export class BackgroundTasks {
  readonly #running = new Set<Promise<void>>();

  constructor(private readonly onError: (error: unknown) => void) {}

  /**
   * Starts `task` on the next turn of the event loop, so the response that deferred it is sent
   * first (rendering a card keeps the CPU busy); a failure it does not handle goes to `onError`.
   */
  run(task: () => Promise<void>): void {
    const promise: Promise<void> = new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(task)
      .catch(this.onError)
      .finally(() => this.#running.delete(promise));
    this.#running.add(promise);
  }

  /** Tasks still running. */
  get pending(): number {
    return this.#running.size;
  }

  /** Resolves once every task, including those started meanwhile, has finished. */
  async settled(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}
