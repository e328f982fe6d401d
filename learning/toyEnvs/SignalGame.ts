/**
 * The signal game, a task that needs communication: each of two agents privately sees a random bit
 * and is paid 1 for naming the *other* agent's bit (0 otherwise), in one step. Without a channel an
 * agent can only guess (expected reward 0.5); agents that share what they see (CommNet's hidden
 * states) get 1 every time. Observations: `[bit, 1 − bit]`; the global state is both bits. Agents
 * `a0` and `a1`, actions 0 and 1 (the bit named).
 */
import { Rng } from "../../core/random/Rng.js";
import type { SlotAction, SlotEnv, SlotReset, SlotStepResult } from "../vecEnv/SlotEnv.js";
import type { ActionSpec } from "../vecEnv/VecEnv.js";

/** The signal game. */
export class SignalGame implements SlotEnv {
  readonly possibleAgents = ["a0", "a1"] as const;
  readonly obsDim = 2;
  readonly stateDim = 2;
  readonly action: ActionSpec = { kind: "discrete", n: 2 };
  agents: readonly string[] = [];
  private readonly bits = [0, 0];

  reset(seed: number): SlotReset {
    const rng = new Rng(seed);
    this.bits[0] = rng.int(2);
    this.bits[1] = rng.int(2);
    this.agents = [...this.possibleAgents];
    return { observations: this.observe() };
  }

  step(actions: ReadonlyMap<string, SlotAction>): SlotStepResult {
    const named = this.possibleAgents.map((id) => {
      const a = actions.get(id);
      if (a !== 0 && a !== 1) throw new Error(`SignalGame: agent ${id} names a bit, 0 or 1, got ${JSON.stringify(a)}`);
      return a;
    });
    this.agents = [];
    const r0 = named[0] === this.bits[1] ? 1 : 0,
      r1 = named[1] === this.bits[0] ? 1 : 0;
    return {
      observations: this.observe(),
      rewards: { a0: r0, a1: r1 },
      terminations: { a0: true, a1: true },
      truncations: { a0: false, a1: false },
      reasons: { a0: r0 ? ["goal"] : ["end"], a1: r1 ? ["goal"] : ["end"] },
    };
  }

  writeState(out: Float32Array, offset: number): void {
    out[offset] = this.bits[0];
    out[offset + 1] = this.bits[1];
  }

  close(): void {}

  private observe(): Record<string, Float32Array> {
    return { a0: Float32Array.of(this.bits[0], 1 - this.bits[0]), a1: Float32Array.of(this.bits[1], 1 - this.bits[1]) };
  }
}
