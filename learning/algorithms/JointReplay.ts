/**
 * A circular replay buffer of joint transitions for the centralised off-policy learners (VDN, QMIX):
 * one row per environment copy and step in which any of its agents acted, holding every slot's
 * observation, action, reward and what follows it, and the copy's global state before and after.
 *
 * Per slot: `valid` — the slot acted in the step; `nextValid` — its value after the step counts
 * in the target: it acted and was cut short (truncated: bootstrap from its final observation), or
 * it goes on (its next observation); a slot that was terminated, or never acted, counts 0. A row's
 * `continues` is 1 where any slot's `nextValid` is: a row where every agent was terminated has no
 * value after it (a mixing network's state-dependent bias included).
 */
import type { Rng } from "../../core/random/Rng.js";
import type { VecBuffers } from "../vecEnv/VecEnv.js";

/** Joint transitions in typed arrays. */
export class JointReplay {
  /** `[capacity · N · D]` observations before the step. */
  readonly obs: Float32Array;
  /** `[capacity · N · D]` observations after it (a slot's final observation where it ended). */
  readonly nextObs: Float32Array;
  /** `[capacity · N]` action indices. */
  readonly actions: Int32Array;
  /** `[capacity · N]` rewards (0 where the slot did not act). */
  readonly rewards: Float32Array;
  /** `[capacity · N]` 1 where the slot acted. */
  readonly valid: Uint8Array;
  /** `[capacity · N]` 1 where the slot's value after the step counts in the target. */
  readonly nextValid: Uint8Array;
  /** `[capacity · G]` the copy's global state before the step. */
  readonly state: Float32Array;
  /** `[capacity · G]` the global state after it (the state the episode ended in, where it did). */
  readonly nextState: Float32Array;
  /** `[capacity]` 1 where some slot's value after the step counts. */
  readonly continues: Uint8Array;
  /** Rows held. */
  size = 0;
  private cursor = 0;

  constructor(
    /** Rows kept (the oldest are overwritten). */
    readonly capacity: number,
    /** Agent slots per copy. */
    readonly numAgents: number,
    /** Observation length. */
    readonly obsDim: number,
    /** Global state length. */
    readonly stateDim: number,
  ) {
    const N = numAgents;
    this.obs = new Float32Array(capacity * N * obsDim);
    this.nextObs = new Float32Array(capacity * N * obsDim);
    this.actions = new Int32Array(capacity * N);
    this.rewards = new Float32Array(capacity * N);
    this.valid = new Uint8Array(capacity * N);
    this.nextValid = new Uint8Array(capacity * N);
    this.state = new Float32Array(capacity * stateDim);
    this.nextState = new Float32Array(capacity * stateDim);
    this.continues = new Uint8Array(capacity);
  }

  /**
   * Adds a row per copy whose agents acted in the step just taken: `prevObs`, `prevState` and
   * `actions` are what the step started from (copies of the env's arrays before `step`), `b` the
   * env's buffers after it. Returns the agent steps added.
   */
  addStep(
    numEnvs: number,
    prevObs: Float32Array,
    prevState: Float32Array,
    actions: ArrayLike<number>,
    b: VecBuffers,
  ): number {
    const N = this.numAgents,
      D = this.obsDim,
      G = this.stateDim;
    let added = 0;
    for (let e = 0; e < numEnvs; e++) {
      let any = false;
      for (let a = 0; a < N; a++) any ||= b.acted[e * N + a] === 1;
      if (!any) continue;
      const row = this.cursor;
      let continues = 0;
      for (let a = 0; a < N; a++) {
        const s = e * N + a,
          r = row * N + a;
        const acted = b.acted[s] === 1;
        const ended = b.terminated[s] === 1 || b.truncated[s] === 1;
        this.valid[r] = acted ? 1 : 0;
        this.obs.set(prevObs.subarray(s * D, s * D + D), r * D);
        this.actions[r] = acted ? actions[s] : 0;
        this.rewards[r] = acted ? b.rewards[s] : 0;
        // Goes on: truncated (bootstrap from its final observation), or live after a step that did not end the episode.
        const next = (acted && b.truncated[s] === 1) || (!ended && !b.envDone[e] && b.active[s] === 1);
        this.nextValid[r] = next ? 1 : 0;
        continues |= this.nextValid[r];
        const from = ended ? b.finalObs : b.obs;
        if (next) this.nextObs.set(from.subarray(s * D, s * D + D), r * D);
        else this.nextObs.fill(0, r * D, r * D + D);
        if (acted) added++;
      }
      this.continues[row] = continues;
      this.state.set(prevState.subarray(e * G, (e + 1) * G), row * G);
      this.nextState.set((b.envDone[e] ? b.finalState : b.state).subarray(e * G, (e + 1) * G), row * G);
      this.cursor = (this.cursor + 1) % this.capacity;
      this.size = Math.min(this.size + 1, this.capacity);
    }
    return added;
  }

  /** `m` row indices drawn uniformly (with replacement) with `rng`. */
  sample(m: number, rng: Rng): Int32Array {
    const idx = new Int32Array(m);
    for (let k = 0; k < m; k++) idx[k] = rng.int(this.size);
    return idx;
  }
}
