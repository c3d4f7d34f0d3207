import { connect, createServer, type Socket } from 'node:net';

/**
 * A TCP relay in front of HQ: the desk's origin is the relay's address, and `down()`
 * pulls the cable (open connections are cut, new ones refused at once). Playwright's
 * `setOffline` does not reach a service worker's own requests, so this is how a test
 * proves the desk starts from its cache with HQ really unreachable.
 */
export interface NetworkSwitch {
  url: string;
  up(): void;
  down(): void;
  close(): Promise<void>;
}

export async function startNetworkSwitch(targetPort: number, targetHost = '127.0.0.1'): Promise<NetworkSwitch> {
  let isUp = true;
  const open = new Set<Socket>();
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
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
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
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
