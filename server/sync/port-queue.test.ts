import { describe, expect, it } from 'vitest';
import { PortQueue } from './port-queue';

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('PortQueue', () => {
  it('runs one port\'s work one at a time, in the order it came, and other ports beside it', async () => {
    const queue = new PortQueue();
    const log: string[] = [];
    const first = gate();
    const a1 = queue.run('DONGXING', async () => {
      log.push('a1 start');
      await first.opened;
      log.push('a1 end');
      return 1;
    });
    const a2 = queue.run('DONGXING', async () => {
      log.push('a2');
      return 2;
    });
    const b1 = queue.run('PINGXIANG', async () => {
      log.push('b1');
      return 3;
    });
    expect(await b1).toBe(3);
    expect(log).toEqual(['a1 start', 'b1']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.busyPorts).toBe(1);
    first.open();
    expect(await Promise.all([a1, a2])).toEqual([1, 2]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.busyPorts).toBe(0);
  });

  it('runs up to its width of one port\'s work at once, the next starting as soon as one ends', async () => {
    const queue = new PortQueue(2);
    const gates = [gate(), gate(), gate()];
    const running = new Set<number>();
    let most = 0;
    const works = gates.map((g, i) =>
      queue.run('DONGXING', async () => {
        running.add(i);
        most = Math.max(most, running.size);
        await g.opened;
        running.delete(i);
        return i;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect([...running]).toEqual([0, 1]);
    gates[1]?.open();
    await works[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect([...running].sort()).toEqual([0, 2]);
    gates[0]?.open();
    gates[2]?.open();
    expect(await Promise.all(works)).toEqual([0, 1, 2]);
    expect(most).toBe(2);
    expect(queue.busyPorts).toBe(0);
  });

  it('goes on with the next push when one fails, and hands the failure to its own caller only', async () => {
    const queue = new PortQueue();
    const failing = queue.run('DONGXING', async () => {
      throw new Error('database gone');
    });
    const next = queue.run('DONGXING', async () => 'applied');
    await expect(failing).rejects.toThrow('database gone');
    expect(await next).toBe('applied');
  });
});
