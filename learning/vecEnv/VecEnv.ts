/**
 * Vectorised environments (issue 9, item 2): `numEnvs` copies of a multi-agent environment, each
 * with `numAgents` agent *slots* (one per possible agent, in `possibleAgents` order), stepped
 * together. Everything an algorithm reads is a flat typed array indexed by slot `e · numAgents + a`
 * (times `obsDim` or `actionDim` for vectors), so a batch goes to TensorFlow.js in one copy; the
 * worker-thread variant keeps these arrays in shared memory.
 *
 * Agents come and go: `active[slot]` says whether the slot's agent is live and needs an action at
 * the next step (agents that appear later become active then; an agent whose episode ended stays
 * inactive until its environment resets). Actions of inactive slots are ignored.
 *
 * Auto-reset: when no agent of an environment is live any more, that environment starts its next
 * episode (next seed from its own seeded stream) within the same `step`; `obs` then holds the new
 * episode's first observations, and `finalObs` the last observation of each slot that ended.
 *
 * Centralised learners also read the global state of each copy (`state`, `stateDim` numbers per
 * copy; `SlotEnv.writeState`), and where a copy's episode ended (`envDone`) the state it ended in
 * (`finalState`).
 */

/** The action space every slot shares. */
export type ActionSpec =
  | { kind: "discrete"; /** Number of actions. */ n: number }
  | {
      kind: "continuous";
      /** Elements per action. */ dim: number;
      /** Lower bounds. */ low: number[];
      /** Upper bounds. */ high: number[];
    };

/** Elements per action in the flat action array: 1 for discrete (the index), `dim` for continuous. */
export function actionDim(spec: ActionSpec): number {
  return spec.kind === "discrete" ? 1 : spec.dim;
}

/** One agent's finished episode. */
export interface EpisodeStat {
  /** Environment index. */
  env: number;
  /** Agent slot within the environment. */
  agent: number;
  /** Undiscounted sum of rewards. */
  return: number;
  /** Steps the agent acted. */
  length: number;
  /** Reached its goal (a learner of a bubble: was released by its bubble, having driven through it). */
  completed: boolean;
  /** Ended by a collision. */
  collided: boolean;
  /** Ended off the road. */
  offRoad: boolean;
  /** Why it ended (the env's reasons: `goal`, `collision`, `maxSteps`, …). */
  reasons: string[];
}

/** The per-step arrays of a vectorised environment (views; overwritten by the next call). */
export interface VecBuffers {
  /** `[numEnvs · numAgents · obsDim]` observation of each slot for the next action (0 where inactive). */
  obs: Float32Array;
  /** `[numEnvs · numAgents]` 1 where the slot must act at the next step. */
  active: Uint8Array;
  /** `[numEnvs · numAgents]` reward of the step just taken (0 where the slot did not act). */
  rewards: Float32Array;
  /** `[numEnvs · numAgents]` 1 where the slot acted in the step just taken. */
  acted: Uint8Array;
  /** `[numEnvs · numAgents]` 1 where the slot's episode ended by a done criterion this step. */
  terminated: Uint8Array;
  /** `[numEnvs · numAgents]` 1 where the slot's episode was cut short (step limit, duration) this step. */
  truncated: Uint8Array;
  /** `[numEnvs · numAgents · obsDim]` the slot's last observation where it ended this step (for bootstrapping). */
  finalObs: Float32Array;
  /** `[numEnvs · numAgents · actionDim]` actions the caller writes before `step`. */
  actions: Float32Array;
  /** `[numEnvs · stateDim]` global state of each copy now (after an auto-reset, the new episode's first). */
  state: Float32Array;
  /** `[numEnvs]` 1 where the copy's episode ended in the step just taken (and it started the next). */
  envDone: Uint8Array;
  /** `[numEnvs · stateDim]` the global state a copy's episode ended in, where `envDone` (for bootstrapping). */
  finalState: Float32Array;
}

/** A vectorised multi-agent environment. */
export interface VecEnv {
  /** Environment copies. */
  readonly numEnvs: number;
  /** Agent slots per copy. */
  readonly numAgents: number;
  /** Agent ids of the slots (the scenario's possible agents). */
  readonly agentIds: readonly string[];
  /** Observation length of one slot (after frame stacking). */
  readonly obsDim: number;
  /** The slots' action space. */
  readonly action: ActionSpec;
  /** Length of one copy's global state (`buffers.state`). */
  readonly stateDim: number;
  /** The arrays `reset` and `step` fill (and `actions`, which the caller fills). */
  readonly buffers: VecBuffers;
  /** Starts every copy (copy `e`'s episodes take seeds from a stream seeded by `seed` and `e`). */
  reset(seed: number): Promise<void>;
  /** Applies `buffers.actions` of the active slots, steps every copy, auto-resets finished copies. Returns episodes finished in this step. */
  step(): Promise<EpisodeStat[]>;
  /** Stops workers and closes every copy. */
  close(): Promise<void>;
}

/** Allocates the buffers of a vectorised env (in shared memory when `shared`). */
export function allocateBuffers(
  numEnvs: number,
  numAgents: number,
  obsDim: number,
  actDim: number,
  stateDim: number,
  shared: boolean,
): VecBuffers {
  const slots = numEnvs * numAgents;
  const make = <T>(Ctor: new (b: ArrayBufferLike) => T, bytes: number): T =>
    new Ctor(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return {
    obs: make(Float32Array, slots * obsDim * 4),
    active: make(Uint8Array, slots),
    rewards: make(Float32Array, slots * 4),
    acted: make(Uint8Array, slots),
    terminated: make(Uint8Array, slots),
    truncated: make(Uint8Array, slots),
    finalObs: make(Float32Array, slots * obsDim * 4),
    actions: make(Float32Array, slots * actDim * 4),
    state: make(Float32Array, numEnvs * stateDim * 4),
    envDone: make(Uint8Array, numEnvs),
    finalState: make(Float32Array, numEnvs * stateDim * 4),
  };
}

/**
 * The global state each copy's agents ended the last step in (`[numEnvs · stateDim]`, a new array):
 * `finalState` where the copy's episode ended, else `state` — what a truncated agent's value
 * bootstraps from.
 */
export function endStates(env: Pick<VecEnv, "numEnvs" | "stateDim" | "buffers">): Float32Array {
  const { numEnvs, stateDim: G, buffers: b } = env;
  const out = Float32Array.from(b.state);
  for (let e = 0; e < numEnvs; e++) if (b.envDone[e]) out.set(b.finalState.subarray(e * G, (e + 1) * G), e * G);
  return out;
}
