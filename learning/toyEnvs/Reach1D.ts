/**
 * A one-dimensional reach task, the smallest test that a policy-gradient learner works: a point on
 * [−1, 1] starts at a random position and must reach a target at a random side (±0.7) within
 * `maxSteps`. Observation `[position, target]`; actions move it by 0.1: discrete (0 left, 1 stay,
 * 2 right) or continuous (one number in [−1, 1], scaled). Reward: −0.05 per step, +1 on reaching
 * the target (within 0.1, reason `goal`), which ends the episode; the step limit truncates it.
 */
import { Rng } from "../../core/random/Rng.js";
import type { SlotAction, SlotEnv, SlotReset, SlotStepResult } from "../vecEnv/SlotEnv.js";
import type { ActionSpec } from "../vecEnv/VecEnv.js";

/** Options of {@link Reach1D}. */
export interface Reach1DOptions {
  /** Discrete (left/stay/right) or continuous actions. @default "discrete" */
  actions?: "discrete" | "continuous";
  /** Step limit. @default 30 */
  maxSteps?: number;
}

/** The 1-D reach toy task (one agent, `"agent"`). */
export class Reach1D implements SlotEnv {
  readonly possibleAgents = ["agent"] as const;
  readonly obsDim = 2;
  /** The state is the observation: `[position, target]`. */
  readonly stateDim = 2;
  readonly action: ActionSpec;
  agents: readonly string[] = [];
  private x = 0;
  private target = 0;
  private steps = 0;
  private readonly maxSteps: number;

  constructor(options: Reach1DOptions = {}) {
    this.action =
      options.actions === "continuous"
        ? { kind: "continuous", dim: 1, low: [-1], high: [1] }
        : { kind: "discrete", n: 3 };
    this.maxSteps = options.maxSteps ?? 30;
  }

  reset(seed: number): SlotReset {
    const rng = new Rng(seed);
    this.x = rng.range(-0.5, 0.5);
    this.target = rng.chance(0.5) ? 0.7 : -0.7;
    this.steps = 0;
    this.agents = ["agent"];
    return { observations: { agent: this.observe() } };
  }

  step(actions: ReadonlyMap<string, SlotAction>): SlotStepResult {
    const a = actions.get("agent");
    if (a === undefined) throw new Error("Reach1D: no action for agent");
    const move =
      typeof a === "number" ? (this.action.kind === "discrete" ? a - 1 : a) : Math.max(-1, Math.min(1, a[0]));
    this.x = Math.max(-1, Math.min(1, this.x + 0.1 * move));
    this.steps++;
    const reached = Math.abs(this.x - this.target) < 0.1;
    const truncated = !reached && this.steps >= this.maxSteps;
    this.agents = reached || truncated ? [] : ["agent"];
    return {
      observations: { agent: this.observe() },
      rewards: { agent: -0.05 + (reached ? 1 : 0) },
      terminations: { agent: reached },
      truncations: { agent: truncated },
      reasons: { agent: reached ? ["goal"] : truncated ? ["maxSteps"] : [] },
    };
  }

  writeState(out: Float32Array, offset: number): void {
    out[offset] = this.x;
    out[offset + 1] = this.target;
  }

  close(): void {}

  private observe(): Float32Array {
    return Float32Array.of(this.x, this.target);
  }
}
