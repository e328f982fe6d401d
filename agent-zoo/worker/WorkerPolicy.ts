/**
 * A social policy running in a worker thread (node:worker_threads): the worker rebuilds the zoo,
 * makes the requested entry there and answers one `act` at a time. The simulation awaits the
 * answer in phase 1 against its per-step budget (`SocialAgentsOptions.stepBudgetMs`); a policy that
 * misses it is stopped and `close` terminates the worker, so even a policy stuck in an endless loop
 * cannot stall the run.
 *
 * From the built package the worker runs `policyWorker.js`; from the TypeScript sources (tests,
 * development) it first registers `tsSourceHooks.mjs` so that the sources load.
 */
import { Worker } from "node:worker_threads";
import type { SocialPolicy, SocialPolicyRequest } from "../../core/agents/SocialPolicy.js";
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import type { ActionSpace, Observation } from "../../spec/CompiledScenario.js";
import type { WorkerReply, WorkerSetup } from "./policyWorker.js";

/** Where a worker finds the zoo to rebuild: a module URL and the name of its exported factory. */
export interface WorkerZooRef {
  moduleUrl: string;
  exportName: string;
}

/** The built-in zoo, as workers rebuild it by default. */
export const DEFAULT_WORKER_ZOO: WorkerZooRef = {
  moduleUrl: new URL("../defaultZoo.js", import.meta.url).href,
  exportName: "createDefaultZoo",
};

/** Starts a worker making `request`'s policy; resolves once the policy is ready (rejects with the worker's error). */
export async function startWorkerPolicy(
  request: SocialPolicyRequest,
  zoo: WorkerZooRef = DEFAULT_WORKER_ZOO,
): Promise<SocialPolicy> {
  const setup: WorkerSetup = { request: { ...request }, zoo };
  const worker = spawnWorker(setup);
  let pending: { resolve: (v: unknown) => void; reject: (e: Error) => void } | null = null;
  let dead: Error | null = null;
  const ready = new Promise<{ actionSpace: ActionSpace; observation: Observation }>((resolve, reject) => {
    worker.once("message", (m: WorkerReply) => {
      if (m.type === "ready") resolve(m);
      else reject(new Error(m.type === "error" ? m.message : `worker answered ${m.type} before it was ready`));
    });
    worker.once("error", reject);
  });
  worker.on("error", (e) => {
    dead = e;
    pending?.reject(e);
    pending = null;
  });
  worker.on("exit", (code) => {
    dead ??= new Error(`policy worker exited (code ${code})`);
    pending?.reject(dead);
    pending = null;
  });
  let spec: { actionSpace: ActionSpace; observation: Observation };
  try {
    spec = await ready;
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  worker.on("message", (m: WorkerReply) => {
    const p = pending;
    pending = null;
    if (!p) return;
    if (m.type === "action") p.resolve(m.action);
    else if (m.type === "error") p.reject(new Error(m.message));
  });
  return {
    actionSpace: spec.actionSpace,
    observation: spec.observation,
    act(observation: AgentObservation): Promise<unknown> {
      if (dead) return Promise.reject(dead);
      if (pending) return Promise.reject(new Error("policy worker is still busy with the last step"));
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage({ type: "act", observation });
      });
    },
    async close(): Promise<void> {
      dead ??= new Error("policy worker closed");
      await worker.terminate();
    },
  };
}

function spawnWorker(setup: WorkerSetup): Worker {
  const self = import.meta.url;
  if (self.endsWith(".js")) return new Worker(new URL("./policyWorker.js", self), { workerData: setup });
  // TypeScript sources: register the hooks, then load the worker's source.
  const hooks = new URL("./tsSourceHooks.mjs", self).href;
  const entry = new URL("./policyWorker.ts", self).href;
  const boot = `import { register } from "node:module"; register(${JSON.stringify(hooks)}); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: setup });
}
