/**
 * A trained TensorFlow.js policy as an agent spec, from its metadata and its model (no file system:
 * Node reads them from a policy directory, the browser playground from the files it ships): the
 * metadata (`policy.json`) validated — errors name the file and the field —, and the adapters —
 * observation → normalised input vector, network output → wire action (argmax over discrete
 * values, or the box squashed into its bounds). Inference runs on whatever tfjs backend is active
 * and is deterministic.
 *
 * A group policy (`group` in policy.json, e.g. CommNet) is loaded once per loader or entry and
 * shared by every agent that uses it, so that the agents asking in one turn act together
 * (agent-zoo/tfjs/GroupBatcher.ts).
 */
import type * as tfTypes from "@tensorflow/tfjs";
import { LANE_ACTIONS } from "../../core/controllers/applyLaneAction.js";
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import { vectorLength } from "../../core/observations/vectorLayout.js";
import type { AgentSpec } from "../AgentSpec.js";
import { GroupBatcher } from "./GroupBatcher.js";
import { TfjsPolicyMetadataSchema, type TfjsPolicyMetadata } from "./TfjsPolicyMetadata.js";

/** The tfjs module, loaded on first use (importing it costs ~1 s; `zoo list` never does). */
export async function loadTf(): Promise<typeof tfTypes> {
  const tf = await import("@tensorflow/tfjs");
  // Production mode: no debug checks, and no "install our node backend" banner from the CPU
  // backend on its first use (the backends are chosen on purpose: learning/backend/selectBackend.ts).
  tf.enableProdMode();
  await tf.ready();
  return tf;
}

/**
 * The metadata in `json` (the parsed `policy.json`), validated.
 * @param file the metadata file's name, in errors
 * @throws Error naming `file` and the field
 */
export function parseTfjsMetadata(json: unknown, file: string): TfjsPolicyMetadata {
  const r = TfjsPolicyMetadataSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`${file}: field "${i.path.join(".") || "(root)"}": ${i.message}`);
  }
  const m = r.data;
  const problem = checkMetadata(m);
  if (problem) throw new Error(`${file}: ${problem}`);
  return m;
}

/** Consistency checks the schema cannot express; undefined when fine. */
function checkMetadata(m: TfjsPolicyMetadata): string | undefined {
  const o = m.observation;
  if (!o.config.vector.enabled)
    return `field "observation.config.vector.enabled": the vector encoding needs the vector part on`;
  const n = vectorLength(o.config);
  if (o.size !== n)
    return `field "observation.size": ${o.size}, but the vector of observation.config has ${n} elements`;
  if (m.normalisation && (m.normalisation.mean.length !== n || m.normalisation.var.length !== n))
    return `field "normalisation": mean and var need ${n} elements each, got ${m.normalisation.mean.length} and ${m.normalisation.var.length}`;
  const a = m.action;
  if (a.kind === "discrete" && !a.values && a.space !== "lane")
    return `field "action.values": a discrete ${a.space} policy must list its action values`;
  if (a.kind === "box" && a.low.length !== a.high.length)
    return `field "action.high": ${a.high.length} bounds, but action.low has ${a.low.length}`;
  return undefined;
}

/** A loaded policy network and the tfjs module it runs on. */
export interface LoadedTfjsModel {
  readonly tf: typeof tfTypes;
  readonly model: tfTypes.LayersModel;
}

/** Group policies already loaded, by metadata file: every agent of a group shares its model (one per loader or entry). */
export type GroupPolicies = Map<string, Promise<GroupBatcher>>;

/**
 * The agent spec of the policy with metadata `m`, its model loaded by `loadModel`; a group
 * policy's model is loaded once into `groups` and shared by the specs made from it.
 * @param file the metadata file's name, in errors
 * @param modelLabel the model's name, in errors
 * @throws Error when the model's inputs or outputs do not fit the metadata
 */
export async function tfjsPolicySpec(
  m: TfjsPolicyMetadata,
  file: string,
  modelLabel: string,
  loadModel: () => Promise<LoadedTfjsModel>,
  groups: GroupPolicies = new Map(),
): Promise<AgentSpec<Float32Array, Float32Array>> {
  const size = m.observation.size;
  const norm = m.normalisation;
  const adaptObservation = (obs: AgentObservation) => {
    const v = obs.vector;
    if (!v || v.length !== size)
      throw new Error(
        `policy "${m.name}": expected the observation vector of ${size} elements, got ${v ? v.length : "none"}`,
      );
    const x = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      let e = v[i];
      if (norm) {
        e = (e - norm.mean[i]) / Math.sqrt(norm.var[i] + norm.epsilon);
        if (norm.clip !== null) e = Math.max(-norm.clip, Math.min(norm.clip, e));
      }
      x[i] = e;
    }
    return x;
  };
  const iface = { action: m.action.space, observation: m.observation.config };
  if (m.group) {
    const maxAgents = m.group.maxAgents;
    let batcher = groups.get(file);
    if (!batcher) {
      batcher = loadModel().then(({ tf, model }) => {
        const shapes = model.inputs.map((t) => t.shape.slice(1).join("×"));
        const want = [`${maxAgents}×${size}`, `${maxAgents}×1`, `${maxAgents}×1`];
        if (shapes.join(",") !== want.join(","))
          throw new Error(
            `${file}: a group policy's model takes inputs ${want.join(", ")}; this one ${shapes.join(", ")}`,
          );
        return new GroupBatcher(tf, model, maxAgents, size, m.name);
      });
      groups.set(file, batcher);
    }
    const b = await batcher;
    const outWidth = (b.model.outputs[0].shape[2] as number | null) ?? 0;
    return {
      name: m.name,
      interface: iface,
      policy: { act: (x) => b.act(x) },
      adaptObservation,
      adaptAction: actionDecoder(m, outWidth, file),
    };
  }
  const { tf, model } = await loadModel();
  const inWidth = model.inputs[0]?.shape[1];
  if (inWidth !== size)
    throw new Error(`${modelLabel}: the model takes ${inWidth} inputs, ${file} says observation.size ${size}`);
  const outputs = Array.isArray(model.outputs) ? model.outputs : [model.outputs];
  const head = outputs[m.outputIndex];
  if (!head)
    throw new Error(`${file}: field "outputIndex": ${m.outputIndex}, but the model has ${outputs.length} output(s)`);
  const outWidth = head.shape[head.shape.length - 1] ?? 0;
  return {
    name: m.name,
    interface: iface,
    policy: {
      act(input: Float32Array): Float32Array {
        return tf.tidy(() => {
          const y = model.predict(tf.tensor2d(input, [1, size]));
          const t = Array.isArray(y) ? y[m.outputIndex] : y;
          return t.dataSync() as Float32Array;
        });
      },
      close: () => {
        model.dispose();
      },
    },
    adaptObservation,
    adaptAction: actionDecoder(m, outWidth, file),
  };
}

/** Output → wire action, per the metadata's `action`. */
function actionDecoder(m: TfjsPolicyMetadata, outWidth: number, file: string): (y: Float32Array) => unknown {
  const a = m.action;
  if (a.kind === "discrete") {
    const values: readonly unknown[] = a.values ?? LANE_ACTIONS;
    if (outWidth !== values.length)
      throw new Error(
        `${file}: field "action": the model has ${outWidth} outputs for ${values.length} discrete actions`,
      );
    return (y) => {
      // argmax over NaN would pick the first action and drive on silently; a broken network fails
      // as a continuous one does, and the agent loses its vehicle.
      for (let i = 0; i < values.length; i++)
        if (!Number.isFinite(y[i])) throw new Error(`${file}: the policy's output ${i} is ${y[i]}, not a number`);
      let best = 0;
      for (let i = 1; i < values.length; i++) if (y[i] > y[best]) best = i;
      return structuredClone(values[best]);
    };
  }
  const n = a.low.length;
  if (outWidth < n)
    throw new Error(`${file}: field "action.low": ${n} action elements, but the model has only ${outWidth} outputs`);
  return (y) => {
    const out: number[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const lo = a.low[i];
      const hi = a.high[i];
      out[i] =
        a.squash === "tanh"
          ? lo + ((Math.tanh(y[i]) + 1) / 2) * (hi - lo)
          : a.squash === "clip"
            ? Math.max(lo, Math.min(hi, y[i]))
            : y[i];
    }
    return out;
  };
}
