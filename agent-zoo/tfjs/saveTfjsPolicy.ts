/**
 * Saves a trained TensorFlow.js LayersModel as a zoo policy directory: `model.json`, `weights.bin`
 * and `policy.json` (the metadata, validated before anything is written). Trainers (learning/) use
 * this to export policies that `file:<dir>` locators then load.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type * as tfTypes from "@tensorflow/tfjs";
import { fileSaveHandler } from "./fsModelIO.js";
import { METADATA_FILE, loadTf } from "./loadTfjsPolicy.js";
import { TfjsPolicyMetadataSchema, type TfjsPolicyMetadataInput } from "./TfjsPolicyMetadata.js";

/** Writes `model` and `metadata` into `dir` (created if needed). */
export async function saveTfjsPolicy(
  dir: string,
  model: tfTypes.LayersModel,
  metadata: TfjsPolicyMetadataInput,
): Promise<void> {
  const r = TfjsPolicyMetadataSchema.safeParse(metadata);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`policy metadata: field "${i.path.join(".") || "(root)"}": ${i.message}`);
  }
  const tf = await loadTf();
  mkdirSync(dir, { recursive: true });
  await model.save(fileSaveHandler(tf, dir));
  writeFileSync(join(dir, METADATA_FILE), JSON.stringify({ ...r.data, model: "model.json" }, null, 2) + "\n");
}
