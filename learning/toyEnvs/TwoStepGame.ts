/**
 * The two-step game of the QMIX paper (Rashid et al. 2018, §5): agent 1's first action picks the
 * second step's matrix game, 2A (action 0) or 2B (action 1); agent 2's first action does nothing.
 * In 2A every joint action pays 7; in 2B the payoffs are `[[0, 1], [1, 8]]` (row: agent 1's action).
 * Both agents see the state (`[step 1, in 2A, in 2B]`) and get the team reward. Optimal: 2B, then
 * both take action 1 — return 8. An additive decomposition `Q1 + Q2` cannot represent 2B's payoffs,
 * underestimates it and settles for 2A's 7 (VDN); a monotonic mixing conditioned on the state can
 * (QMIX). Agents `a1` and `a2`; the global state is the observation.
 */
import type { SlotAction, SlotEnv, SlotReset, SlotStepResult } from "../vecEnv/SlotEnv.js";
import type { ActionSpec } from "../vecEnv/VecEnv.js";

const PAYOFF_2B = [
  [0, 1],
  [1, 8],
];

/** The two-step game. */
export class TwoStepGame implements SlotEnv {
  readonly possibleAgents = ["a1", "a2"] as const;
  readonly obsDim = 3;
  readonly stateDim = 3;
  readonly action: ActionSpec = { kind: "discrete", n: 2 };
  agents: readonly string[] = [];
  /** 0: step 1; 1: game 2A; 2: game 2B. */
  private stage = 0;

  reset(_seed: number): SlotReset {
    this.stage = 0;
    this.agents = [...this.possibleAgents];
    return { observations: this.observe() };
  }

  step(actions: ReadonlyMap<string, SlotAction>): SlotStepResult {
    const a1 = actions.get("a1"),
      a2 = actions.get("a2");
    if ((a1 !== 0 && a1 !== 1) || (a2 !== 0 && a2 !== 1)) throw new Error("TwoStepGame: each agent's action is 0 or 1");
    const done = this.stage !== 0;
    const reward = this.stage === 0 ? 0 : this.stage === 1 ? 7 : PAYOFF_2B[a1][a2];
    if (this.stage === 0) this.stage = a1 === 0 ? 1 : 2;
    this.agents = done ? [] : [...this.possibleAgents];
    const both = <T>(v: T) => ({ a1: v, a2: v });
    return {
      observations: this.observe(),
      rewards: both(reward),
      terminations: both(done),
      truncations: both(false),
      reasons: both(done ? ["end"] : []),
    };
  }

  writeState(out: Float32Array, offset: number): void {
    out.fill(0, offset, offset + 3);
    out[offset + this.stage] = 1;
  }

  close(): void {}

  private observe(): Record<string, Float32Array> {
    const v = new Float32Array(3);
    v[this.stage] = 1;
    return { a1: v, a2: Float32Array.from(v) };
  }
}
