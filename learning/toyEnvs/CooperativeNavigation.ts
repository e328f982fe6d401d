/**
 * Two-agent cooperative navigation (the multi-agent particle world's `simple_spread`, shrunk): two
 * agents on the plane and two landmarks at (−0.5, 0) and (0.5, 0). Each agent sees its position,
 * the other agent's offset and both landmarks' offsets (8 numbers); its action is a velocity in
 * [−1, 1]² (× 0.1 per step). Both get the same reward each step: minus the sum, over landmarks, of
 * the nearest agent's distance — so they must split up, one per landmark. Episodes last `maxSteps`
 * (truncated). Agents start at random in [−1, 1]².
 *
 * With `actions: "discrete"` (the particle world's discrete setting, which the MADDPG paper's
 * discrete experiments use) an action is one of 5 moves: 0 stay, 1 west, 2 east, 3 south, 4 north,
 * each 0.1 per step.
 */
import { Rng } from "../../core/random/Rng.js";
import type { SlotAction, SlotEnv, SlotReset, SlotStepResult } from "../vecEnv/SlotEnv.js";
import type { ActionSpec } from "../vecEnv/VecEnv.js";

const LANDMARKS: readonly [number, number][] = [
  [-0.5, 0],
  [0.5, 0],
];

/** The discrete moves (x, y velocity in [−1, 1]²), by action index. */
const MOVES: readonly [number, number][] = [
  [0, 0],
  [-1, 0],
  [1, 0],
  [0, -1],
  [0, 1],
];

/** Options of {@link CooperativeNavigation}. */
export interface CooperativeNavigationOptions {
  /** Episode length. @default 25 */
  maxSteps?: number;
  /** `continuous`: a velocity in [−1, 1]²; `discrete`: one of the 5 moves. @default "continuous" */
  actions?: "continuous" | "discrete";
}

/** Cooperative navigation with agents `a0` and `a1`. */
export class CooperativeNavigation implements SlotEnv {
  readonly possibleAgents = ["a0", "a1"] as const;
  readonly obsDim = 8;
  /** Both agents' positions `[x0, y0, x1, y1]` (the landmarks do not move). */
  readonly stateDim = 4;
  readonly action: ActionSpec;
  /** Episode length. */
  readonly maxSteps: number;
  agents: readonly string[] = [];
  private readonly pos = [new Float64Array(2), new Float64Array(2)];
  private steps = 0;

  constructor(options: CooperativeNavigationOptions = {}) {
    this.maxSteps = options.maxSteps ?? 25;
    this.action =
      options.actions === "discrete"
        ? { kind: "discrete", n: MOVES.length }
        : { kind: "continuous", dim: 2, low: [-1, -1], high: [1, 1] };
  }

  /** Sum over landmarks of the nearest agent's distance (the negative of the step reward). */
  coverageCost(): number {
    let cost = 0;
    for (const [lx, ly] of LANDMARKS) cost += Math.min(...this.pos.map((p) => Math.hypot(p[0] - lx, p[1] - ly)));
    return cost;
  }

  reset(seed: number): SlotReset {
    const rng = new Rng(seed);
    for (const p of this.pos) {
      p[0] = rng.range(-1, 1);
      p[1] = rng.range(-1, 1);
    }
    this.steps = 0;
    this.agents = ["a0", "a1"];
    return { observations: { a0: this.observe(0), a1: this.observe(1) } };
  }

  step(actions: ReadonlyMap<string, SlotAction>): SlotStepResult {
    this.possibleAgents.forEach((id, i) => {
      const given = actions.get(id);
      let a: readonly number[];
      if (this.action.kind === "discrete") {
        if (typeof given !== "number" || !Number.isInteger(given) || given < 0 || given >= MOVES.length)
          throw new Error(
            `CooperativeNavigation: agent ${id} needs a move 0…${MOVES.length - 1}, got ${JSON.stringify(given)}`,
          );
        a = MOVES[given];
      } else {
        if (!Array.isArray(given) || given.length !== 2)
          throw new Error(`CooperativeNavigation: agent ${id} needs a velocity [vx, vy]`);
        a = given;
      }
      for (let d = 0; d < 2; d++)
        this.pos[i][d] = Math.max(-1.5, Math.min(1.5, this.pos[i][d] + 0.1 * Math.max(-1, Math.min(1, a[d]))));
    });
    this.steps++;
    const reward = -this.coverageCost();
    const done = this.steps >= this.maxSteps;
    this.agents = done ? [] : ["a0", "a1"];
    return {
      observations: { a0: this.observe(0), a1: this.observe(1) },
      rewards: { a0: reward, a1: reward },
      terminations: { a0: false, a1: false },
      truncations: { a0: done, a1: done },
      reasons: { a0: done ? ["maxSteps"] : [], a1: done ? ["maxSteps"] : [] },
    };
  }

  writeState(out: Float32Array, offset: number): void {
    out.set([this.pos[0][0], this.pos[0][1], this.pos[1][0], this.pos[1][1]], offset);
  }

  close(): void {}

  private observe(i: number): Float32Array {
    const p = this.pos[i],
      q = this.pos[1 - i];
    return Float32Array.of(
      p[0],
      p[1],
      q[0] - p[0],
      q[1] - p[1],
      LANDMARKS[0][0] - p[0],
      LANDMARKS[0][1] - p[1],
      LANDMARKS[1][0] - p[0],
      LANDMARKS[1][1] - p[1],
    );
  }
}
