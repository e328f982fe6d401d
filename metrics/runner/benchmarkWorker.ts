/**
 * The entry of a benchmark worker thread (run from the built code in dist/): loads its policy
 * resolver from the module named in `workerData.resolverModule` (default: the built-in resolver),
 * then runs each task it is sent with its own {@link EpisodeRunner} and posts the outcome back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { EpisodeRunner } from "./EpisodeRunner.js";
import type { EpisodeTask } from "./EpisodeTask.js";
import type { PolicyResolverModule } from "./PolicyResolver.js";
import type { WorkerReply } from "./WorkerPool.js";

const port = parentPort;
if (!port) throw new Error("benchmarkWorker runs as a worker thread only");
const data = (workerData ?? {}) as { resolverModule?: string };
const mod = (await import(
  data.resolverModule ?? new URL("./defaultPolicyResolver.js", import.meta.url).href
)) as PolicyResolverModule;
const runner = new EpisodeRunner(await mod.createPolicyResolver());

port.on("message", async (task: EpisodeTask) => {
  let reply: WorkerReply;
  try {
    reply = { ok: true, outcome: await runner.run(task) };
  } catch (e) {
    reply = { ok: false, index: task.index, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
