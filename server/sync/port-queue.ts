/**
 * The pushes of one port take their transactions one at a time in this HQ process, in
 * the order they came; the rest wait here, in JavaScript, not inside PostgreSQL.
 *
 * The port's counter lock (seq.ts) already makes them run one after another, and it
 * stays what keeps them correct (several HQ processes each have their own queue). But a
 * push waiting for that lock inside a transaction holds one of the pool's connections:
 * 34 desks of one port pushing at once took all ten, and another port's pushes, and
 * every pull and sign-in, waited seconds for a connection (bench:hq, 2026-12-08).
 */
export class PortQueue {
  /** Per port: settles when the last push queued so far is done. */
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(portId: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(portId) ?? Promise.resolve();
    const result = before.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(portId, tail);
    void tail.then(() => {
      if (this.tails.get(portId) === tail) this.tails.delete(portId);
    });
    return result;
  }

  /** Ports with a push running or waiting (for tests). */
  get busyPorts(): number {
    return this.tails.size;
  }
}
