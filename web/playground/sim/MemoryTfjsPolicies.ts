/**
 * Trained TensorFlow.js policies held in memory (the browser has no policy directories): each is
 * the three files of a policy directory — `policy.json`, `model.json`, `weights.bin` — under the
 * directory's path, so a scenario's `zoo "file:<dir>"` and the playground's policy picker find
 * them as Node finds them on disk. Loading is the zoo's ({@link tfjsPolicySpec}), from memory.
 */
import type * as tfTypes from "@tensorflow/tfjs";
import type { AgentSpec } from "../../../agent-zoo/AgentSpec.js";
import {
  loadTf,
  parseTfjsMetadata,
  tfjsPolicySpec,
  type GroupPolicies,
} from "../../../agent-zoo/tfjs/tfjsPolicySpec.js";
import type { ZooFileLoader } from "../../../agent-zoo/Zoo.js";
import { z } from "zod";
import { normalise } from "./MemoryScenarioFiles.js";

/** A policy directory's files. */
export interface TfjsPolicyFiles {
  /** `policy.json`, parsed. */
  readonly metadata: unknown;
  /** `model.json`, parsed (tfjs's layout: `modelTopology`, `weightsManifest`). */
  readonly model: unknown;
  /** The weights files named by the manifest, by file name. */
  readonly weights: ReadonlyMap<string, ArrayBuffer>;
}

/** The model.json fields this loader reads. */
const ModelJsonSchema = z.object({
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z.array(z.object({ paths: z.array(z.string()), weights: z.array(z.any()) })),
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
});

/** Policies by directory path; see the file comment. */
export class MemoryTfjsPolicies {
  private readonly byDir = new Map<string, TfjsPolicyFiles>();
  /** Group policies loaded, shared by their agents (agent-zoo/tfjs/GroupBatcher.ts). */
  private readonly groups: GroupPolicies = new Map();

  /** Adds the policy of directory `dir` (absolute). */
  put(dir: string, files: TfjsPolicyFiles): void {
    this.byDir.set(normalise(dir), files);
  }

  /** The directories held, sorted. */
  dirs(): string[] {
    return [...this.byDir.keys()].sort();
  }

  /**
   * Loads the policy of directory `dir` (or of its `policy.json`) as an agent spec.
   * @throws Error naming the directory when there is no such policy, or the file and field that are wrong
   */
  async load(dir: string): Promise<AgentSpec<Float32Array, Float32Array>> {
    const key = normalise(dir).replace(/\/policy\.json$/, "");
    const files = this.byDir.get(key);
    if (!files) throw new Error(`${key}: no such policy (this page has ${this.dirs().join(", ") || "none"})`);
    const metaFile = `${key}/policy.json`;
    const m = parseTfjsMetadata(files.metadata, metaFile);
    const modelFile = normalise(`${key}/${m.model}`);
    const json = ModelJsonSchema.safeParse(files.model);
    if (!json.success) throw new Error(`${modelFile}: not a tfjs model.json (needs modelTopology and weightsManifest)`);
    const specs: tfTypes.io.WeightsManifestEntry[] = [];
    const parts: ArrayBuffer[] = [];
    for (const group of json.data.weightsManifest) {
      specs.push(...(group.weights as tfTypes.io.WeightsManifestEntry[]));
      for (const p of group.paths) {
        const w = files.weights.get(p);
        if (!w) throw new Error(`${modelFile}: its weights file ${p} is missing`);
        parts.push(w);
      }
    }
    const loadModel = async () => {
      const tf = await loadTf();
      try {
        const model = await tf.loadLayersModel(
          tf.io.fromMemory({
            modelTopology: json.data.modelTopology,
            weightSpecs: specs,
            weightData: concat(parts),
            format: json.data.format,
            generatedBy: json.data.generatedBy,
            convertedBy: json.data.convertedBy ?? undefined,
          }),
        );
        return { tf, model };
      } catch (e) {
        throw new Error(`${modelFile}: cannot load the model: ${e instanceof Error ? e.message : String(e)}`, {
          cause: e,
        });
      }
    };
    return tfjsPolicySpec(m, metaFile, modelFile, loadModel, this.groups);
  }

  /** The zoo's loader of `file:` locators, over these policies. */
  fileLoader(): ZooFileLoader {
    return {
      summary: "a trained TensorFlow.js policy held by the page (policy.json, model.json and weights)",
      params: z.object({}),
      load: (path, _params, context) => this.load(inDir(context.baseDir, path)),
      locate: (path, baseDir) => {
        const where = normalise(inDir(baseDir, path)).replace(/\/policy\.json$/, "");
        return { where, found: this.byDir.has(where) };
      },
    };
  }
}

/** `path`, relative ones from `dir`. */
function inDir(dir: string, path: string): string {
  return path.startsWith("/") ? path : `${dir}/${path}`;
}

function concat(parts: readonly ArrayBuffer[]): ArrayBuffer {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(new Uint8Array(p), at);
    at += p.byteLength;
  }
  return out.buffer;
}
