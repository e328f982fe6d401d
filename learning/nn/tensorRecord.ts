/**
 * Tensors and typed arrays as JSON-safe records (base64 little-endian Float32), for checkpoints:
 * `toRecord` / `fromRecord` round-trip values bit for bit.
 */
import * as tf from "@tensorflow/tfjs";

/** One stored array. */
export interface ArrayRecord {
  /** Tensor shape (`[n]` for a flat array). */
  shape: number[];
  /** Values (Float32, or Int32 when `dtype` is `int32`), little-endian, base64. */
  data: string;
  /** Element type. @default "float32" */
  dtype?: "float32" | "int32";
}

/** Encodes a Float32Array. */
export function encodeF32(values: Float32Array, shape: number[] = [values.length]): ArrayRecord {
  return { shape, data: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64") };
}

/** Decodes what {@link encodeF32} wrote. */
export function decodeF32(r: ArrayRecord): Float32Array {
  const bytes = Buffer.from(r.data, "base64");
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  const n = r.shape.reduce((a, b) => a * b, 1);
  if (out.length !== n) throw new Error(`checkpoint array: ${out.length} values for shape [${r.shape.join(", ")}]`);
  return out;
}

/** Encodes a tensor's values. */
export function tensorToRecord(t: tf.Tensor): ArrayRecord {
  if (t.dtype === "int32") {
    const v = Float32Array.from(t.dataSync());
    return { ...encodeF32(v, [...t.shape]), dtype: "int32" };
  }
  if (t.dtype !== "float32") throw new Error(`checkpoint: cannot store a ${t.dtype} tensor`);
  return encodeF32(t.dataSync() as Float32Array, [...t.shape]);
}

/** A tensor from a record. */
export function recordToTensor(r: ArrayRecord): tf.Tensor {
  const v = decodeF32(r);
  return r.dtype === "int32" ? tf.tensor(Int32Array.from(v), r.shape, "int32") : tf.tensor(v, r.shape, "float32");
}

/** A model's weights as records. */
export function modelToRecords(model: tf.LayersModel): ArrayRecord[] {
  return model.getWeights().map(tensorToRecord);
}

/** Sets a model's weights from records (same architecture). */
export function recordsToModel(records: readonly ArrayRecord[], model: tf.LayersModel): void {
  const ts = records.map(recordToTensor);
  model.setWeights(ts);
  tf.dispose(ts);
}
