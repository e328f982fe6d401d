/**
 * File-system IO for TensorFlow.js models without tfjs-node: a directory holds `model.json` (the
 * topology and a weights manifest, tfjs's own layout) and `weights.bin`. Loading reads them into
 * `tf.io.fromMemory`; saving catches the artifacts with `tf.io.withSaveHandler` and writes them.
 *
 * A policy folder may come from anyone: the weight files its `weightsManifest` names must be
 * regular files inside that folder (relative paths, no `..` out of it, no link leading out), or the
 * model is refused — a manifest naming `../../secret` or `/etc/shadow` reads nothing.
 */
import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { InputFileError, readInputBytes, readInputText } from "../../spec/readInputFile.js";
import type * as tfTypes from "@tensorflow/tfjs";

type Tf = typeof tfTypes;

/** A load handler for the model at `modelJsonPath` (weights files beside it). */
export function fileLoadHandler(tf: Tf, modelJsonPath: string): tfTypes.io.IOHandler {
  let json: {
    modelTopology?: unknown;
    weightsManifest?: { paths: string[]; weights: tfTypes.io.WeightsManifestEntry[] }[];
    format?: string;
    generatedBy?: string;
    convertedBy?: string | null;
  };
  try {
    json = JSON.parse(readInputText(modelJsonPath));
  } catch (e) {
    const why = e instanceof InputFileError ? e.reason : e instanceof Error ? e.message : String(e);
    throw new Error(`${modelJsonPath}: cannot read the model: ${why}`, { cause: e });
  }
  if (!json.modelTopology || !Array.isArray(json.weightsManifest))
    throw new Error(`${modelJsonPath}: not a tfjs model.json (needs modelTopology and weightsManifest)`);
  const specs: tfTypes.io.WeightsManifestEntry[] = [];
  const buffers: Buffer[] = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) buffers.push(readWeights(modelJsonPath, p));
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
  return tf.io.fromMemory({
    modelTopology: json.modelTopology as object,
    weightSpecs: specs,
    weightData,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy ?? undefined,
  });
}

/** The bytes of weight file `p` of the manifest in `modelJsonPath`, confined to the model's folder. */
function readWeights(modelJsonPath: string, p: unknown): Buffer {
  const outside = () =>
    new Error(
      `${modelJsonPath}: weightsManifest path ${JSON.stringify(p)} leads outside the policy folder (weight files must lie inside it)`,
    );
  if (typeof p !== "string" || p === "" || isAbsolute(p) || p.includes("\0")) throw outside();
  const dir = realpathSync(dirname(resolve(modelJsonPath)));
  const within = (path: string) => {
    const rel = relative(dir, path);
    return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) && !rel.split(sep).includes("..");
  };
  const file = resolve(dir, p);
  if (!within(file)) throw outside();
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    throw new Error(`${modelJsonPath}: weightsManifest path ${JSON.stringify(p)}: no such file`);
  }
  if (!within(real)) throw outside();
  try {
    return readInputBytes(real);
  } catch (e) {
    throw new Error(
      `${modelJsonPath}: weightsManifest path ${JSON.stringify(p)}: ${e instanceof InputFileError ? e.reason : String(e)}`,
      { cause: e },
    );
  }
}

/** A save handler writing `model.json` and `weights.bin` into `dir`. */
export function fileSaveHandler(tf: Tf, dir: string): tfTypes.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    mkdirSync(dir, { recursive: true });
    const data = artifacts.weightData;
    const weights =
      data === undefined ? new ArrayBuffer(0) : Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
    writeFileSync(join(dir, "weights.bin"), new Uint8Array(weights));
    const modelJson = {
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy ?? null,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ["weights.bin"], weights: artifacts.weightSpecs ?? [] }],
    };
    writeFileSync(join(dir, "model.json"), JSON.stringify(modelJson));
    return {
      modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: "JSON", weightDataBytes: weights.byteLength },
    };
  });
}
