/**
 * Steps a block of environment copies and writes their results into a vectorised env's buffers.
 * Both the in-process vec env and each worker thread run one `EnvHost`; only where the buffers live
 * differs (ordinary or shared memory).
 */
import { Rng } from "../../core/random/Rng.js";
import { FrameStack } from "../adapters/FrameStack.js";
import type { SlotAction, SlotEnv, SlotStepResult } from "./SlotEnv.js";
import { actionDim, type ActionSpec, type EpisodeStat, type VecBuffers } from "./VecEnv.js";

/** Environment copies `first … first + envs.length` of a vec env of `numAgents` slots each. */
export class EnvHost {
  readonly numAgents: number;
  readonly obsDim: number;
  readonly action: ActionSpec;
  readonly stateDim: number;
  private readonly stack: FrameStack;
  private readonly seedStreams: Rng[] = [];
  private readonly slotIndex: Map<string, number>[];
  private readonly returns: Float64Array;
  private readonly lengths: Int32Array;

  constructor(
    private readonly envs: SlotEnv[],
    /** Global index of `envs[0]`. */
    private readonly first: number,
    private readonly buffers: VecBuffers,
    frameStack: number,
  ) {
    const e0 = envs[0];
    if (!e0) throw new Error("env host: no environments");
    this.numAgents = e0.possibleAgents.length;
    for (const e of envs) {
      if (e.possibleAgents.join(",") !== e0.possibleAgents.join(","))
        throw new Error(
          `env host: environment copies differ in their agents (${e.possibleAgents.join(",")} vs ${e0.possibleAgents.join(",")})`,
        );
    }
    this.action = e0.action;
    this.stateDim = e0.stateDim;
    this.stack = new FrameStack(envs.length * this.numAgents, e0.obsDim, frameStack);
    this.obsDim = this.stack.stackedDim;
    this.slotIndex = envs.map((e) => new Map(e.possibleAgents.map((id, i) => [id, i])));
    this.returns = new Float64Array(envs.length * this.numAgents);
    this.lengths = new Int32Array(envs.length * this.numAgents);
  }

  /** Resets every copy; copy `e` draws its episode seeds from a stream seeded by `seed` and `e`. */
  async reset(seed: number): Promise<void> {
    this.seedStreams.length = 0;
    for (let i = 0; i < this.envs.length; i++) this.seedStreams.push(new Rng(seed).fork(`env${this.first + i}`));
    for (let i = 0; i < this.envs.length; i++) await this.resetOne(i);
    const b = this.buffers;
    const from = this.first * this.numAgents,
      to = from + this.envs.length * this.numAgents;
    b.rewards.fill(0, from, to);
    b.acted.fill(0, from, to);
    b.terminated.fill(0, from, to);
    b.truncated.fill(0, from, to);
    b.envDone.fill(0, this.first, this.first + this.envs.length);
  }

  /** Steps every copy with the actions in the buffers; auto-resets copies with no live agent left. */
  async step(): Promise<EpisodeStat[]> {
    const b = this.buffers;
    const A = this.numAgents,
      D = this.obsDim,
      adim = actionDim(this.action);
    const finished: EpisodeStat[] = [];
    for (let i = 0; i < this.envs.length; i++) {
      const env = this.envs[i];
      const g0 = (this.first + i) * A;
      const actions = new Map<string, SlotAction>();
      for (const id of env.agents) {
        const slot = g0 + this.slotIndex[i].get(id)!;
        actions.set(
          id,
          this.action.kind === "discrete"
            ? Math.round(b.actions[slot])
            : Array.from(b.actions.subarray(slot * adim, slot * adim + adim)),
        );
      }
      for (let a = 0; a < A; a++) {
        b.acted[g0 + a] = b.active[g0 + a];
        b.rewards[g0 + a] = 0;
        b.terminated[g0 + a] = 0;
        b.truncated[g0 + a] = 0;
        b.active[g0 + a] = 0;
      }
      const r: SlotStepResult = await env.step(actions);
      for (const [id, o] of Object.entries(r.observations)) {
        const a = this.slotIndex[i].get(id)!;
        const slot = g0 + a,
          local = i * A + a;
        const ended = r.terminations[id] || r.truncations[id];
        if (b.acted[slot]) {
          this.stack.push(local, o);
          b.rewards[slot] = r.rewards[id];
          this.returns[local] += r.rewards[id];
          this.lengths[local] += 1;
        } else {
          this.stack.start(local, o);
        }
        if (ended) {
          b.terminated[slot] = r.terminations[id] ? 1 : 0;
          b.truncated[slot] = r.terminations[id] ? 0 : 1;
          this.stack.write(local, b.finalObs, slot * D);
          b.obs.fill(0, slot * D, slot * D + D);
          finished.push(this.episodeStat(i, a, r.reasons[id] ?? []));
        } else {
          this.stack.write(local, b.obs, slot * D);
          b.active[slot] = 1;
        }
      }
      const G = this.stateDim,
        e = this.first + i;
      b.envDone[e] = env.agents.length === 0 ? 1 : 0;
      if (b.envDone[e]) {
        env.writeState(b.finalState, e * G);
        await this.resetOne(i);
      } else env.writeState(b.state, e * G);
    }
    return finished;
  }

  /** Closes every copy. */
  async close(): Promise<void> {
    for (const e of this.envs) await e.close();
  }

  private async resetOne(i: number): Promise<void> {
    const b = this.buffers;
    const A = this.numAgents,
      D = this.obsDim;
    const g0 = (this.first + i) * A;
    const seed = this.seedStreams[i].uint32() >>> 1;
    const r = await this.envs[i].reset(seed);
    for (let a = 0; a < A; a++) {
      b.active[g0 + a] = 0;
      b.obs.fill(0, (g0 + a) * D, (g0 + a + 1) * D);
      this.returns[i * A + a] = 0;
      this.lengths[i * A + a] = 0;
    }
    for (const [id, o] of Object.entries(r.observations)) {
      const a = this.slotIndex[i].get(id)!;
      this.stack.start(i * A + a, o);
      this.stack.write(i * A + a, b.obs, (g0 + a) * D);
      b.active[g0 + a] = 1;
    }
    this.envs[i].writeState(b.state, (this.first + i) * this.stateDim);
  }

  private episodeStat(i: number, a: number, reasons: readonly string[]): EpisodeStat {
    const local = i * this.numAgents + a;
    return {
      env: this.first + i,
      agent: a,
      return: this.returns[local],
      length: this.lengths[local],
      // A learner of a bubble completes its episode when the bubble releases it: it drove through.
      completed: reasons.includes("goal") || reasons.includes("released"),
      collided: reasons.includes("collision"),
      offRoad: reasons.includes("offRoad"),
      reasons: [...reasons],
    };
  }
}
