/**
 * The chain MDP, a classic exploration test for value-based learners: states 0 … n−1, start at 1;
 * action 0 moves left, 1 moves right. State 0 pays 0.1 and ends the episode (the tempting nearby
 * reward); state n−1 pays 1 and ends it (reason `goal`). The step limit truncates. Observation: the
 * state one-hot. The optimal greedy policy always moves right.
 */
import type { SlotAction, SlotEnv, SlotReset, SlotStepResult } from "../vecEnv/SlotEnv.js";
import type { ActionSpec } from "../vecEnv/VecEnv.js";

/** The chain MDP (one agent, `"agent"`). */
export class ChainMdp implements SlotEnv {
  readonly possibleAgents = ["agent"] as const;
  readonly action: ActionSpec = { kind: "discrete", n: 2 };
  readonly obsDim: number;
  /** The state is the observation (the state one-hot). */
  readonly stateDim: number;
  agents: readonly string[] = [];
  private state = 1;
  private steps = 0;

  constructor(
    /** Number of states. */
    readonly n = 8,
    /** Step limit. */
    readonly maxSteps = 20,
  ) {
    if (n < 3) throw new Error(`ChainMdp: need at least 3 states, got ${n}`);
    this.obsDim = n;
    this.stateDim = n;
  }

  reset(_seed: number): SlotReset {
    this.state = 1;
    this.steps = 0;
    this.agents = ["agent"];
    return { observations: { agent: this.observe() } };
  }

  step(actions: ReadonlyMap<string, SlotAction>): SlotStepResult {
    const a = actions.get("agent");
    if (typeof a !== "number") throw new Error("ChainMdp: the action must be 0 (left) or 1 (right)");
    this.state += a === 1 ? 1 : -1;
    this.steps++;
    const left = this.state === 0,
      right = this.state === this.n - 1;
    const truncated = !left && !right && this.steps >= this.maxSteps;
    this.agents = left || right || truncated ? [] : ["agent"];
    return {
      observations: { agent: this.observe() },
      rewards: { agent: right ? 1 : left ? 0.1 : 0 },
      terminations: { agent: left || right },
      truncations: { agent: truncated },
      reasons: { agent: right ? ["goal"] : left ? ["left"] : truncated ? ["maxSteps"] : [] },
    };
  }

  writeState(out: Float32Array, offset: number): void {
    out.fill(0, offset, offset + this.n);
    out[offset + this.state] = 1;
  }

  close(): void {}

  private observe(): Float32Array {
    const o = new Float32Array(this.n);
    o[this.state] = 1;
    return o;
  }
}
