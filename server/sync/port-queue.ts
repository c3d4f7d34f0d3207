/**
 * Work of one port, `width` at a time in this HQ process, in the order it came; the rest
 * waits here, in JavaScript. HQ keeps two such queues per process for pushes:
 *
 * - transactions, one at a time (push.ts). The port's counter lock (seq.ts) already makes
 *   them run one after another, and it stays what keeps them correct (several HQ
 *   processes each have their own queues). But a push waiting for that lock inside a
 *   transaction holds one of the pool's connections: 34 desks of one port pushing at
 *   once took all ten, and another port's pushes, and every pull and sign-in, waited
 *   seconds for one (bench:hq, 2026-12-08).
 * - parsed bodies, two at a time (routes/sync-routes.ts): the one in its transaction and
 *   the next, parsed while it waits. The others wait as the bytes they came as, outside
 *   V8's heap: parsed on arrival, every queued push of a port (30 and more in bench:hq)
 *   kept its whole object tree alive for seconds, and every collection walked them.
 */
export class PortQueue {
  private readonly ports = new Map<string, { running: number; waiting: (() => void)[] }>();

  constructor(private readonly width = 1) {}

  async run<T>(portId: string, work: () => Promise<T>): Promise<T> {
    const lane = this.ports.get(portId) ?? { running: 0, waiting: [] };
    this.ports.set(portId, lane);
    if (lane.running < this.width) lane.running++;
    else await new Promise<void>((resolve) => lane.waiting.push(resolve));
    try {
      return await work();
    } finally {
      // The slot goes to the next in line, or is given back.
      const next = lane.waiting.shift();
      if (next !== undefined) next();
      else if (--lane.running === 0) this.ports.delete(portId);
    }
  }

  /** Ports with work running or waiting (for tests). */
  get busyPorts(): number {
    return this.ports.size;
  }
}
