/**
 * The playground's Web Worker: the whole simulation — compiler, maps, traffic, agents, bubbles,
 * physics, trained policies — off the page's thread. This file is the glue: the files the page
 * ships (example scenarios and the maps and data they name, the paper's trained policies; each
 * loaded on first use), TensorFlow.js on its CPU backend (the backend Node uses, so a trained
 * policy acts bit-identically in both), and the page's messages handed to {@link PlaygroundWorker}.
 * Nothing here or below imports Node (test/importRules.test.ts checks the import graph).
 */
import { loadTf } from "../../../agent-zoo/tfjs/tfjsPolicySpec.js";
import type { TfjsPolicyFiles } from "../sim/MemoryTfjsPolicies.js";
import type { PlaygroundAssets } from "../sim/PlaygroundSession.js";
import { PlaygroundWorker } from "../sim/PlaygroundWorker.js";
import type { FromWorker, ToWorker } from "../sim/workerProtocol.js";

const ROOT = "../../../";

const texts = import.meta.glob<string>(["../../../scenarios/**/*.{scn,xodr,xml,csv}", "../../../maps/**/*.xml"], {
  query: "?raw",
  import: "default",
});
const policyJson = import.meta.glob<unknown>("../../../learning/paper/policies/*/*/*.json", { import: "default" });
const policyWeights = import.meta.glob<string>("../../../learning/paper/policies/*/*/*.bin", {
  query: "?url",
  import: "default",
});

/** `../../../maps/x` → `/maps/x`. */
function virtualPath(globKey: string): string {
  return `/${globKey.slice(ROOT.length)}`;
}

function assets(): PlaygroundAssets {
  const textMap = new Map<string, () => Promise<string>>();
  for (const [key, load] of Object.entries(texts)) textMap.set(virtualPath(key), load);
  const dirs = new Set(Object.keys(policyJson).map((k) => k.slice(0, k.lastIndexOf("/"))));
  const policies = new Map<string, () => Promise<TfjsPolicyFiles>>();
  for (const dir of dirs)
    policies.set(virtualPath(dir), async () => {
      const json = (name: string) => {
        const load = policyJson[`${dir}/${name}`];
        if (!load) throw new Error(`${virtualPath(dir)}/${name}: not shipped`);
        return load();
      };
      const weights = new Map<string, ArrayBuffer>();
      for (const [key, url] of Object.entries(policyWeights).filter(([k]) => k.startsWith(`${dir}/`))) {
        const response = await fetch(await url());
        if (!response.ok) throw new Error(`${virtualPath(key)}: cannot load (${response.status})`);
        weights.set(key.slice(dir.length + 1), await response.arrayBuffer());
      }
      return { metadata: await json("policy.json"), model: await json("model.json"), weights };
    });
  return { texts: textMap, policies };
}

const post = (msg: FromWorker, transfer: ArrayBuffer[] = []) => postMessage(msg, { transfer });
// Trained policies run on the CPU backend: WebGL's float arithmetic differs from Node's.
const tfReady = loadTf().then((tf) => tf.setBackend("cpu"));
const worker = new PlaygroundWorker(assets(), post);

addEventListener("message", (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type === "start") void tfReady.then(() => worker.handle(msg));
  else void worker.handle(msg);
});
