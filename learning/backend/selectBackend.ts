/**
 * Chooses the TensorFlow.js backend for training and evaluation (issue 9, item 1), best first:
 *
 * 1. `tensorflow` from `@tensorflow/tfjs-node-gpu`, when that package is installed and a GPU is visible;
 * 2. `tensorflow` from `@tensorflow/tfjs-node` (native CPU kernels);
 * 3. `wasm` from `@tensorflow/tfjs-backend-wasm` (SIMD, threads where the runtime allows; its `.wasm`
 *    binaries are located next to the package's `dist/` entry with `setWasmPaths`);
 * 4. `cpu`, the plain JavaScript backend that ships with `@tensorflow/tfjs`.
 *
 * Native packages are optional: a missing one is skipped, not an error. `--backend <name>` forces a
 * choice (and fails, naming the package, if it cannot be had). The chosen name is returned and, by
 * the CLI, printed at start.
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import * as tf from "@tensorflow/tfjs";

/** What `--backend` accepts: a backend to force, or `auto` for the order above. */
export type BackendChoice = "auto" | "tfjs-node-gpu" | "tfjs-node" | "wasm" | "cpu";

/** The backend choices, for option parsers and messages. */
export const BACKEND_CHOICES: readonly BackendChoice[] = ["auto", "tfjs-node-gpu", "tfjs-node", "wasm", "cpu"];

/** What was chosen. */
export interface SelectedBackend {
  /** The choice that won (`tfjs-node-gpu`, `tfjs-node`, `wasm` or `cpu`). */
  choice: Exclude<BackendChoice, "auto">;
  /** TensorFlow.js's own name of the active backend (`tensorflow`, `wasm`, `cpu`). */
  tfName: string;
  /** One line for the log: what runs and why the better ones were skipped. */
  description: string;
}

/** How packages are loaded; tests replace it to simulate absent native packages. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /** Force a backend. @default "auto" */
  choice?: BackendChoice;
  /** Loads a package by name. @default dynamic `import()` */
  importer?: ModuleImporter;
  /** Whether a GPU is visible to `tfjs-node-gpu`. @default checks `nvidia-smi`'s device files */
  gpuVisible?: () => boolean;
  /** WASM threads (1 disables the threaded binary's pool). @default the runtime's choice */
  wasmThreads?: number;
}

const defaultImporter: ModuleImporter = (specifier) => import(specifier);

/** True when an NVIDIA device node exists (the CUDA build of TensorFlow needs one). */
function defaultGpuVisible(): boolean {
  try {
    const req = createRequire(import.meta.url);
    const fs = req("node:fs") as typeof import("node:fs");
    return fs.existsSync("/dev/nvidia0") || fs.existsSync("/dev/nvidiactl");
  } catch {
    return false;
  }
}

/** The folder holding `@tensorflow/tfjs-backend-wasm`'s `.wasm` binaries (with a trailing slash). */
export function wasmBinaryDir(): string {
  const req = createRequire(import.meta.url);
  return dirname(req.resolve("@tensorflow/tfjs-backend-wasm")) + "/";
}

/** Tries to activate one backend; returns why not, or null on success. */
async function tryBackend(
  choice: Exclude<BackendChoice, "auto">,
  options: Required<Pick<SelectBackendOptions, "importer" | "gpuVisible">> & SelectBackendOptions,
): Promise<string | null> {
  try {
    switch (choice) {
      case "tfjs-node-gpu":
        if (!options.gpuVisible()) return "no GPU visible";
        await options.importer("@tensorflow/tfjs-node-gpu");
        return (await tf.setBackend("tensorflow")) ? null : "the tensorflow backend did not initialise";
      case "tfjs-node":
        await options.importer("@tensorflow/tfjs-node");
        return (await tf.setBackend("tensorflow")) ? null : "the tensorflow backend did not initialise";
      case "wasm": {
        const wasm = (await options.importer(
          "@tensorflow/tfjs-backend-wasm",
        )) as typeof import("@tensorflow/tfjs-backend-wasm");
        wasm.setWasmPaths(wasmBinaryDir());
        if (options.wasmThreads !== undefined) wasm.setThreadsCount(options.wasmThreads);
        return (await tf.setBackend("wasm")) ? null : "the wasm backend did not initialise";
      }
      case "cpu":
        return (await tf.setBackend("cpu")) ? null : "the cpu backend did not initialise";
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return /Cannot find (module|package)|ERR_MODULE_NOT_FOUND/.test(msg) ? "not installed" : msg;
  }
}

/**
 * Activates the best available backend (or the forced one) and waits until it is ready.
 * @throws Error naming the package when a forced backend cannot be had
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<SelectedBackend> {
  const choice = options.choice ?? "auto";
  if (!BACKEND_CHOICES.includes(choice))
    throw new Error(`unknown backend "${String(choice)}"; choose one of ${BACKEND_CHOICES.join(", ")}`);
  const opts = {
    ...options,
    importer: options.importer ?? defaultImporter,
    gpuVisible: options.gpuVisible ?? defaultGpuVisible,
  };
  const order: Exclude<BackendChoice, "auto">[] =
    choice === "auto" ? ["tfjs-node-gpu", "tfjs-node", "wasm", "cpu"] : [choice];
  const skipped: string[] = [];
  // Production mode: no debug checks, and no "install our node backend" banner when the CPU backend
  // is used (the line returned here says which backend runs and why).
  tf.enableProdMode();
  for (const c of order) {
    const why = await tryBackend(c, opts);
    if (why === null) {
      await tf.ready();
      const tfName = tf.getBackend();
      const description = `backend ${c} (tf.getBackend() = ${tfName})${skipped.length ? `; skipped ${skipped.join("; ")}` : ""}`;
      return { choice: c, tfName, description };
    }
    skipped.push(`${c}: ${why}`);
  }
  const pkg =
    choice === "wasm"
      ? "@tensorflow/tfjs-backend-wasm"
      : choice === "cpu"
        ? "@tensorflow/tfjs"
        : `@tensorflow/${choice}`;
  throw new Error(
    `backend "${choice}" is not available (${skipped.join("; ")}); install ${pkg} or choose --backend auto`,
  );
}
