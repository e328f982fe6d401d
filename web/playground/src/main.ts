/**
 * The playground page: pick an example scenario (or write one), see the compiler's diagnostics as
 * you type, run it in the simulation worker with keep-lane or a trained policy driving the learning
 * agents, watch it in the viewer (HUD, cameras, playback bar), read the episode's metrics when it
 * ends, and download its replay (`roadgym view file.replay` opens it). Everything runs in the page:
 * a static file server is all it needs.
 *
 * For tests the page exposes `window.playground` (see {@link PlaygroundHooks}).
 */
import { Viewer } from "../../client/src/Viewer.js";
import type { EpisodeSummary } from "../sim/PlaygroundEpisode.js";
import type { ShownDiagnostic } from "../sim/PlaygroundSession.js";
import type { FromWorker, PolicyChoice, ToWorker } from "../sim/workerProtocol.js";
import { ScenarioEditor } from "./ScenarioEditor.js";
import { WorkerSource } from "./WorkerSource.js";

/** The page's state, for tests. */
export interface PlaygroundHooks {
  /** Whether the worker has said it is ready. */
  ready(): boolean;
  /** The file being edited. */
  file(): string;
  /** The last diagnostics shown. */
  diagnostics(): ShownDiagnostic[];
  /** Compiles (and runs) answered so far. */
  compiles(): number;
  /** The last episode summary (undefined before an episode ends or pauses). */
  summary(): (EpisodeSummary & { wallSeconds: number }) | undefined;
  /** Errors the worker reported. */
  errors(): string[];
}

declare global {
  interface Window {
    playground: PlaygroundHooks;
  }
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const worker = new Worker(new URL("../worker/simWorker.ts", import.meta.url), { type: "module" });
const post = (msg: ToWorker) => worker.postMessage(msg);

let source: WorkerSource | undefined;
new Viewer($("viewport"), (handlers) => (source = new WorkerSource(post, handlers)));

const examples = $<HTMLSelectElement>("examples");
const policySel = $<HTMLSelectElement>("policy");
const seedInput = $<HTMLInputElement>("seed");
const stateLine = $("state");
let file = "/scenarios/scratch.scn";
let lastDiagnostics: ShownDiagnostic[] = [];
let lastSummary: (EpisodeSummary & { wallSeconds: number }) | undefined;
let compileId = 0;
let answered = 0;
let ready = false;
const errors: string[] = [];
const editor = new ScenarioEditor($("editor"), $("diagnostics"), (text) =>
  post({ type: "compile", id: ++compileId, text, file }),
);

window.playground = {
  ready: () => ready,
  file: () => file,
  diagnostics: () => lastDiagnostics,
  compiles: () => answered,
  summary: () => lastSummary,
  errors: () => [...errors],
};

/** The trained policy made for an example (`paper-two_way-sv` → `…/ppo/two_way-sv`), if the page has it. */
function policyFor(example: string, policies: readonly string[]): string | undefined {
  const m = /\/paper-([^/]+)\.scn$/.exec(example);
  return m ? policies.find((p) => p.endsWith(`/ppo/${m[1]}`)) : undefined;
}

let shippedPolicies: string[] = [];

async function openExample(path: string): Promise<void> {
  const id = ++compileId;
  const text = await new Promise<string>((resolve, reject) => {
    const listen = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      if (msg.type !== "file" || msg.id !== id) return;
      worker.removeEventListener("message", listen);
      if (msg.text === null) reject(new Error(msg.error ?? `${path}: cannot load`));
      else resolve(msg.text);
    };
    worker.addEventListener("message", listen);
    post({ type: "file", id, path });
  });
  file = path;
  editor.setText(text);
  const trained = policyFor(path, shippedPolicies);
  policySel.value = trained ? `file:${trained}` : "keep-lane";
  post({ type: "compile", id: ++compileId, text, file });
}

function policyChoice(): PolicyChoice {
  return policySel.value === "keep-lane" ? { kind: "keep-lane" } : { kind: "zoo", locator: policySel.value };
}

function run(fast: boolean): void {
  lastSummary = undefined;
  $("metrics").replaceChildren();
  const id = ++compileId;
  const started = (e: MessageEvent<FromWorker>) => {
    const msg = e.data;
    if (msg.type === "diagnostics" && msg.id === id) {
      worker.removeEventListener("message", started);
      if (msg.ok) post(fast ? { type: "runToEnd" } : { type: "command", command: { type: "play" } });
    }
  };
  worker.addEventListener("message", started);
  stateLine.textContent = "compiling…";
  post({
    type: "start",
    id,
    text: editor.text,
    file,
    seed: Number(seedInput.value) || 0,
    policy: policyChoice(),
  });
}

function showSummary(s: EpisodeSummary & { wallSeconds: number }): void {
  lastSummary = s;
  const ratio = s.wallSeconds > 0 ? s.simSeconds / s.wallSeconds : 0;
  const rows: [string, string][] = [
    ["scenario", s.scenario],
    ["policy", s.policy],
    ["seed", String(s.seed)],
    ["steps", String(s.steps)],
    ["simulated", `${s.simSeconds.toFixed(1)} s`],
    ["speed", `${ratio.toFixed(1)}× real time (${s.wallSeconds.toFixed(2)} s of stepping)`],
    ["most vehicles", String(s.maxVehicles)],
    ["collisions", String(s.collisions)],
    ...s.agents.map((a): [string, string] => [`agent ${a.id}`, a.doneReasons.join(", ") || "running"]),
    ...s.aggregate
      .filter((m) => m.value !== null)
      .map((m): [string, string] => [m.label, `${m.value!.toFixed(3)}${m.unit ? ` ${m.unit}` : ""}`]),
    ["state hash", s.hash],
  ];
  const table = document.createElement("table");
  for (const [k, v] of rows) {
    const tr = table.insertRow();
    tr.insertCell().textContent = k;
    const cell = tr.insertCell();
    cell.textContent = v;
    if (k === "state hash") cell.id = "summary-hash";
  }
  $("metrics").replaceChildren(table);
}

function download(name: string, bytes: Uint8Array<ArrayBuffer>): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: "application/octet-stream" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

worker.addEventListener("message", (e: MessageEvent<FromWorker>) => {
  const msg = e.data;
  if (source?.handle(msg)) {
    if (msg.type === "status")
      stateLine.textContent = msg.status.ended ? "ended" : msg.status.playing ? "running" : "paused";
    return;
  }
  switch (msg.type) {
    case "ready": {
      ready = true;
      shippedPolicies = msg.policies;
      examples.replaceChildren(
        ...msg.examples.map(
          (p) => new Option(p.replace(/^\/scenarios\//, ""), p, false, p.endsWith("/paper-two_way.scn")),
        ),
      );
      policySel.replaceChildren(
        new Option("keep-lane (rule-based)", "keep-lane"),
        ...msg.policies.map((p) => new Option(p.replace(/^\/learning\/paper\/policies\//, "trained: "), `file:${p}`)),
      );
      void openExample(examples.value);
      stateLine.textContent = "ready";
      break;
    }
    case "diagnostics":
      answered++;
      lastDiagnostics = msg.diagnostics;
      editor.showDiagnostics(msg.diagnostics);
      if (!msg.ok) stateLine.textContent = "does not compile";
      else if (stateLine.textContent === "does not compile" || stateLine.textContent === "compiling…")
        stateLine.textContent = "compiles";
      break;
    case "summary":
      showSummary(msg.summary);
      break;
    case "replay":
      if (msg.bytes) download(msg.name, msg.bytes);
      else errors.push("no replay yet: run an episode first");
      break;
    case "error":
      errors.push(msg.message);
      stateLine.textContent = msg.message;
      break;
  }
});
worker.addEventListener("error", (e) => {
  errors.push(`the simulation worker failed: ${e.message}`);
  stateLine.textContent = errors[errors.length - 1];
});

examples.onchange = () => void openExample(examples.value).catch((e: Error) => errors.push(e.message));
$("btn-run").onclick = () => run(false);
$("btn-fast").onclick = () => run(true);
$("btn-replay").onclick = () => post({ type: "replay" });
