/**
 * The body of one {@link WorkerVecEnv} worker thread: builds its block of environment copies from
 * the spec, then answers `reset` / `step` / `close` messages by running an {@link EnvHost} over the
 * shared buffers. Replies carry only the finished episodes; everything else is in shared memory.
 */
import { parentPort, workerData } from "node:worker_threads";
import { EnvHost } from "./EnvHost.js";
import { makeSlotEnv } from "./EnvSpec.js";
import type { WorkerInit, WorkerReply, WorkerRequest } from "./WorkerVecEnv.js";

const init = workerData as WorkerInit;
const port = parentPort!;
let host: EnvHost | undefined;
try {
  const envs = Array.from({ length: init.count }, () => makeSlotEnv(init.spec));
  host = new EnvHost(envs, init.first, init.buffers, init.frameStack);
  port.postMessage({ type: "ready" } satisfies WorkerReply);
} catch (e) {
  port.postMessage({
    type: "error",
    message: e instanceof Error ? (e.stack ?? e.message) : String(e),
  } satisfies WorkerReply);
}

port.on("message", async (msg: WorkerRequest) => {
  try {
    if (!host) throw new Error("worker did not start");
    if (msg.type === "reset") {
      await host.reset(msg.seed);
      port.postMessage({ type: "done", episodes: [] } satisfies WorkerReply);
    } else if (msg.type === "step") {
      port.postMessage({ type: "done", episodes: await host.step() } satisfies WorkerReply);
    } else {
      await host.close();
      port.postMessage({ type: "done", episodes: [] } satisfies WorkerReply);
      port.close();
    }
  } catch (e) {
    port.postMessage({
      type: "error",
      message: e instanceof Error ? (e.stack ?? e.message) : String(e),
    } satisfies WorkerReply);
  }
});
