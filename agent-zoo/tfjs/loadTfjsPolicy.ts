/**
 * Loads a trained TensorFlow.js policy from a directory as an agent spec ({@link tfjsPolicySpec}):
 * the metadata (`policy.json`) and the LayersModel it names. Inference runs on whatever tfjs backend
 * is active (CPU by default in Node; no tfjs-node needed) and is deterministic.
 *
 * `file:<dir>` locators point at the directory holding `policy.json` (or at the metadata file
 * itself); {@link createTfjsFileLoader} makes the zoo's loader for them, and {@link tfjsEntry}
 * registers a trained policy under a versioned name.
 *
 * A group policy (`group` in policy.json, e.g. CommNet) is loaded once per loader or entry and
 * shared by every agent that uses it (agent-zoo/tfjs/GroupBatcher.ts).
 */
import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { InputFileError, readInputText } from "../../spec/readInputFile.js";
import type { AgentSpec } from "../AgentSpec.js";
import type { ZooFileLoader } from "../Zoo.js";
import { zooEntry, type ZooEntry } from "../ZooEntry.js";
import { fileLoadHandler } from "./fsModelIO.js";
import type { TfjsPolicyMetadata } from "./TfjsPolicyMetadata.js";
import { loadTf, parseTfjsMetadata, tfjsPolicySpec, type GroupPolicies } from "./tfjsPolicySpec.js";

export { loadTf, type GroupPolicies } from "./tfjsPolicySpec.js";

/** The metadata file's name inside a policy directory. */
export const METADATA_FILE = "policy.json";

/** Reads and validates the metadata at `path` (a directory or the file). */
export function readTfjsMetadata(path: string): { file: string; metadata: TfjsPolicyMetadata } {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, METADATA_FILE) : path;
  if (!existsSync(file))
    throw new Error(
      `${file}: no such policy metadata file (a tfjs policy directory holds ${METADATA_FILE}, model.json and weights)`,
    );
  let json: unknown;
  try {
    json = JSON.parse(readInputText(file));
  } catch (e) {
    if (e instanceof InputFileError) throw new Error(e.message, { cause: e });
    throw new Error(`${file}: not JSON: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return { file, metadata: parseTfjsMetadata(json, file) };
}

/**
 * Loads the policy at `path` (directory or metadata file) as an agent spec; a group policy's model
 * is loaded once into `groups` and shared by the specs made from it.
 */
export async function loadTfjsPolicy(
  path: string,
  groups: GroupPolicies = new Map(),
): Promise<AgentSpec<Float32Array, Float32Array>> {
  const { file, metadata: m } = readTfjsMetadata(path);
  const modelPath = resolve(dirname(file), m.model);
  const loadModel = async () => {
    const tf = await loadTf();
    try {
      return { tf, model: await tf.loadLayersModel(fileLoadHandler(tf, modelPath)) };
    } catch (e) {
      throw new Error(`${modelPath}: cannot load the model: ${e instanceof Error ? e.message : String(e)}`, {
        cause: e,
      });
    }
  };
  return tfjsPolicySpec(m, file, modelPath, loadModel, groups);
}

/** A zoo's loader of `file:` locators: tfjs policy directories (group policies shared within the loader). */
export function createTfjsFileLoader(): ZooFileLoader {
  const groups: GroupPolicies = new Map();
  return {
    summary: "a trained TensorFlow.js policy: a directory with policy.json (metadata), model.json and weights.bin",
    params: z.object({}),
    load: (path, _params, context) => loadTfjsPolicy(inDir(context.baseDir, path), groups),
    locate: (path, baseDir) => {
      const where = inDir(baseDir, path);
      return { where, found: existsSync(where) };
    },
  };
}

/** `path`, relative ones from `dir`. */
function inDir(dir: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dir, path);
}

/** A zoo entry for the trained policy at `dir` (absolute), e.g. `tfjsEntry("merge-ppo", 1, dir)` → `merge-ppo@v1`. */
export function tfjsEntry(name: string, version: number, dir: string): ZooEntry {
  const { metadata } = readTfjsMetadata(dir);
  const groups: GroupPolicies = new Map();
  return zooEntry({
    name,
    version,
    summary: `trained TensorFlow.js policy "${metadata.name}" (${dir})`,
    params: z.object({}),
    actionSpace: metadata.action.space,
    observes: ["vector"],
    make: () => loadTfjsPolicy(dir, groups),
  });
}
