/**
 * The worker-thread side of {@link startWorkerPolicy}: rebuilds the zoo from its module, makes the
 * requested policy, reports its action space and observation config, then answers `act` messages
 * one at a time. Errors go back as messages (the main thread stops the policy).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { SocialPolicyRequest } from "../../core/agents/SocialPolicy.js";
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import type { ActionSpace, Observation } from "../../spec/CompiledScenario.js";
import { isNumericArray } from "../../spec/NumericArray.js";
import { actFromObservation, type AgentSpec } from "../AgentSpec.js";
import type { Zoo } from "../Zoo.js";

/** What the worker is started with. */
export interface WorkerSetup {
  request: SocialPolicyRequest;
  zoo: { moduleUrl: string; exportName: string };
}

/** Messages from the worker. */
export type WorkerReply =
  | { type: "ready"; actionSpace: ActionSpace; observation: Observation }
  | { type: "action"; action: unknown }
  | { type: "error"; message: string };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("policyWorker runs only in a worker thread");
  const setup = workerData as WorkerSetup;
  const post = (m: WorkerReply) => port.postMessage(m);
  let spec: AgentSpec;
  try {
    const mod = (await import(setup.zoo.moduleUrl)) as Record<string, () => Zoo>;
    const make = mod[setup.zoo.exportName];
    if (typeof make !== "function")
      throw new Error(`${setup.zoo.moduleUrl} exports no zoo factory "${setup.zoo.exportName}"`);
    const { ref, ...context } = setup.request;
    spec = await make().resolve(ref.locator, ref.params, context);
  } catch (e) {
    post({ type: "error", message: e instanceof Error ? e.message : String(e) });
    return;
  }
  post({ type: "ready", actionSpace: spec.interface.action, observation: spec.interface.observation });
  port.on("message", async (m: { type: "act"; observation: AgentObservation }) => {
    try {
      const action = await actFromObservation(spec, m.observation);
      post({
        type: "action",
        action: isNumericArray(action) ? Array.from(action) : action,
      });
    } catch (e) {
      post({ type: "error", message: e instanceof Error ? e.message : String(e) });
    }
  });
}

await main();
