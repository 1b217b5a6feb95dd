/** Runs async jobs one at a time, in call order (one SQLite connection, one transaction at a time). */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `job` after every job queued before it has settled. */
  run<T>(job: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
