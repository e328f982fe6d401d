/**
 * Finds a free TCP port on the loopback interface by letting the OS pick one.
 */
import { createServer } from "node:net";

/**
 * Listens on port 0 of `host`, reads the port the OS assigned, and closes again.
 *
 * There is a short race — another process may take the port before SUMO binds it — which the launcher
 * turns into a clear "SUMO exited" error rather than a hang.
 */
export function findFreePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ host, port: 0, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === "string") {
        server.close();
        reject(new Error("findFreePort: the server has no TCP address"));
        return;
      }
      const { port } = address;
      server.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}
