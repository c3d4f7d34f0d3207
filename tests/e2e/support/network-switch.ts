import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP relay in front of HQ: the desk's origin is the relay's address, and `down()`
 * pulls the cable (open connections are cut, new ones refused at once). Playwright's
 * `setOffline` does not reach a service worker's own requests, so this is how a test
 * proves the desk starts from its cache with HQ really unreachable.
 *
 * It also reads the request lines going through (HTTP/1.1, one request at a time per
 * connection, as browsers send them) so that a test can see which requests were made
 * and cut one response part-way (`cutNextResponse`).
 */
export interface NetworkSwitch {
  url: string;
  up(): void;
  down(): void;
  /** Request lines seen so far, e.g. `GET /api/v1/sync/pull?after=0&limit=2000`. */
  requests(): string[];
  /**
   * The response to the next request whose line matches `pattern` is cut after `bytes`
   * bytes (headers included): those bytes reach the desk, then the connection is dropped.
   * Resolves with the request line once the cut has happened.
   */
  cutNextResponse(pattern: RegExp, bytes: number): Promise<string>;
  close(): Promise<void>;
}

const REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD) (\S+) HTTP\/1\.[01]\r$/gm;

interface PendingCut {
  pattern: RegExp;
  bytes: number;
  done(line: string): void;
}

export async function startNetworkSwitch(targetPort: number, targetHost = '127.0.0.1'): Promise<NetworkSwitch> {
  let isUp = true;
  const open = new Set<Socket>();
  const seen: string[] = [];
  const cuts: PendingCut[] = [];
  const server = createServer((client) => {
    if (!isUp) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    // Armed on this connection by a matching request: bytes of its response still to let through.
    let cut: { left: number; line: string; done(line: string): void } | null = null;
    client.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString('latin1').matchAll(REQUEST_LINE)) {
        const line = `${match[1]} ${match[2]}`;
        seen.push(line);
        const index = cuts.findIndex((c) => c.pattern.test(line));
        const armed = cuts[index];
        if (armed !== undefined) {
          cuts.splice(index, 1);
          cut = { left: armed.bytes, line, done: armed.done };
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (cut === null) {
        client.write(chunk);
        return;
      }
      if (chunk.length < cut.left) {
        cut.left -= chunk.length;
        client.write(chunk);
        return;
      }
      const { left, line, done } = cut;
      cut = null;
      client.write(chunk.subarray(0, left), () => {
        drop();
        done(line);
      });
    });
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('relay has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    up() {
      isUp = true;
    },
    down() {
      isUp = false;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    requests: () => [...seen],
    cutNextResponse(pattern, bytes) {
      return new Promise((done) => cuts.push({ pattern, bytes, done }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
