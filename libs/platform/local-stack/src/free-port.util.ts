/**
 * Picks a loopback TCP port nobody listens on, by binding port 0 and reading back
 * what the kernel chose. The port is released before the caller's server binds it,
 * so a race is possible; callers wait for their own process to answer and notice
 * when it exits instead.
 */
import { createServer } from 'node:net';

export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = address !== null && typeof address === 'object' ? address.port : undefined;
      server.close(() => {
        if (port === undefined) {
          reject(new Error(`Could not read back the port bound on ${host}`));
        } else {
          resolve(port);
        }
      });
    });
  });
}
