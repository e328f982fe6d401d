/**
 * The environment a vectorised env hosts: a PettingZoo-style parallel env whose observations are
 * already flat `Float32Array`s and whose actions are numbers (a discrete index or a continuous
 * vector). `learning/adapters/RoadgymSlotEnv.ts` makes one from a roadgym `ParallelEnv`; the toy
 * tasks of the tests implement it directly.
 */
import type { ActionSpec } from "./VecEnv.js";

/** An action of one agent: a discrete index or a continuous vector. */
export type SlotAction = number | number[];

/** What `reset` returns. */
export interface SlotReset {
  /** Observation of every live agent. */
  observations: Record<string, Float32Array>;
}

/** What `step` returns, keyed by the agents that acted or appeared. */
export interface SlotStepResult {
  observations: Record<string, Float32Array>;
  rewards: Record<string, number>;
  terminations: Record<string, boolean>;
  truncations: Record<string, boolean>;
  /** Why an agent's episode ended (`goal`, `collision`, `offRoad`, `maxSteps`, …); empty while it goes on. */
  reasons: Record<string, readonly string[]>;
}

/** A multi-agent environment with flat observations. */
export interface SlotEnv {
  /** Every agent the env can have, in slot order. */
  readonly possibleAgents: readonly string[];
  /** Agents live now. */
  readonly agents: readonly string[];
  /** Length of one observation (one frame). */
  readonly obsDim: number;
  /** Every agent's action space. */
  readonly action: ActionSpec;
  /** Length of the global state (the information centralised critics and mixers read). */
  readonly stateDim: number;
  /** Starts an episode. */
  reset(seed: number): Promise<SlotReset> | SlotReset;
  /** One step with one action per live agent. */
  step(actions: ReadonlyMap<string, SlotAction>): Promise<SlotStepResult> | SlotStepResult;
  /**
   * Writes the global state now (after `reset` or `step`: `stateDim` numbers) into `out[offset …]`:
   * what centralised learners see of the whole environment — for a roadgym scenario every agent's
   * ego state and goal and the nearest traffic (`core/observations/globalState.ts`).
   */
  writeState(out: Float32Array, offset: number): void;
  /** Releases resources. */
  close(): Promise<void> | void;
}
