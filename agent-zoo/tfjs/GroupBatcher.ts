/**
 * Joint acting for the agents of a group policy (policy.json `group`, e.g. a CommNet): the agents
 * that ask for an action in the same turn of the event loop — a driver calls every agent's `act`
 * before awaiting any — are answered by one forward pass of the model over all of them, which is
 * how they hear each other. The model reads `[maxAgents, size]` observations (the callers' in the
 * order they asked, the rest zeros), `[maxAgents, 1]` presence flags and `[maxAgents, 1]` weights
 * `1 / max(1, callers − 1)` (the mean over the *other* agents), and answers `[maxAgents, outputs]`.
 * An agent that asks alone is answered alone (no one to hear).
 */
import type * as tfTypes from "@tensorflow/tfjs";

interface Pending {
  input: Float32Array;
  resolve: (output: Float32Array) => void;
  reject: (e: Error) => void;
}

/** Batches the act calls of one group policy's agents. */
export class GroupBatcher {
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly tf: typeof tfTypes,
    /** The shared model (inputs: observations, presence, weights). */
    readonly model: tfTypes.LayersModel,
    /** Agents the model takes at once. */
    readonly maxAgents: number,
    /** Observation length. */
    readonly size: number,
    /** The policy's name, for messages. */
    private readonly name: string,
  ) {}

  /** The model's output for `input`, answered with the other agents that ask in this turn. */
  act(input: Float32Array): Promise<Float32Array> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        queueMicrotask(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    const n = batch.length,
      N = this.maxAgents,
      D = this.size;
    if (n > N) {
      const e = new Error(`group policy "${this.name}": ${n} agents act together, but it takes at most ${N}`);
      for (const p of batch) p.reject(e);
      return;
    }
    const tf = this.tf;
    const x = new Float32Array(N * D),
      present = new Float32Array(N),
      weight = new Float32Array(N).fill(1 / Math.max(1, n - 1));
    batch.forEach((p, i) => {
      x.set(p.input, i * D);
      present[i] = 1;
    });
    let out: Float32Array;
    try {
      out = tf.tidy(() => {
        const y = this.model.predict([
          tf.tensor3d(x, [1, N, D]),
          tf.tensor3d(present, [1, N, 1]),
          tf.tensor3d(weight, [1, N, 1]),
        ]);
        return (Array.isArray(y) ? y[0] : y).dataSync() as Float32Array;
      });
    } catch (e) {
      for (const p of batch) p.reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    const K = out.length / N;
    batch.forEach((p, i) => p.resolve(out.slice(i * K, (i + 1) * K)));
  }
}
