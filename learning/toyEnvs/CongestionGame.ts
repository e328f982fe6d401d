/**
 * A congestion game, the mean-field setting in miniature: `n` agents each pick one of `roads` roads
 * at once; an agent's reward is minus the share of all agents on its road, so what matters to it is
 * the others' mean action, not who took which road. Every agent observes the same constant (one
 * number, 1): only a slot one-hot lets shared weights send different agents different ways. The
 * best joint choice spreads the agents evenly (4 agents, 2 roads: two each, every reward −0.5);
 * everyone on one road gives each −1. One step per episode. The global state is the road counts
 * before the step (zeros).
 */
import type { SlotAction, SlotEnv, SlotReset, SlotStepResult } from "../vecEnv/SlotEnv.js";
import type { ActionSpec } from "../vecEnv/VecEnv.js";

/** The congestion game with agents `a0 … a(n−1)`. */
export class CongestionGame implements SlotEnv {
  readonly possibleAgents: readonly string[];
  readonly obsDim = 1;
  readonly stateDim: number;
  readonly action: ActionSpec;
  agents: readonly string[] = [];

  constructor(
    /** Agents. */
    readonly n = 4,
    /** Roads (actions). */
    readonly roads = 2,
  ) {
    this.possibleAgents = Array.from({ length: n }, (_, i) => `a${i}`);
    this.stateDim = roads;
    this.action = { kind: "discrete", n: roads };
  }

  reset(_seed: number): SlotReset {
    this.agents = [...this.possibleAgents];
    return { observations: Object.fromEntries(this.possibleAgents.map((id) => [id, Float32Array.of(1)])) };
  }

  step(actions: ReadonlyMap<string, SlotAction>): SlotStepResult {
    const counts = new Array(this.roads).fill(0);
    const road = this.possibleAgents.map((id) => {
      const a = actions.get(id);
      if (typeof a !== "number" || !Number.isInteger(a) || a < 0 || a >= this.roads)
        throw new Error(`CongestionGame: agent ${id} needs a road 0…${this.roads - 1}, got ${JSON.stringify(a)}`);
      counts[a]++;
      return a;
    });
    this.agents = [];
    const each = <T>(f: (i: number) => T) => Object.fromEntries(this.possibleAgents.map((id, i) => [id, f(i)]));
    return {
      observations: each(() => Float32Array.of(1)),
      rewards: each((i) => -counts[road[i]] / this.n),
      terminations: each(() => true),
      truncations: each(() => false),
      reasons: each(() => ["end"]),
    };
  }

  writeState(out: Float32Array, offset: number): void {
    out.fill(0, offset, offset + this.roads);
  }

  close(): void {}
}
