/**
 * The relay game, a two-step cooperative task that independent learners cannot solve and value
 * decomposition can: the sender's first action picks a road (0 or 1) that only the receiver then
 * sees. Road 0 pays 1 whatever the receiver does; road 1 pays 3 if the receiver takes action 1 and
 * 0 otherwise; picking road 0 also pays a bonus of 0.1 at once. Both agents get every reward (a team
 * reward). Optimal: road 1, then action 1 — return 3.
 *
 * The sender never sees the road, so to an independent learner both of its first actions lead to
 * the same observation and the same value: only the 0.1 tells them apart, and it picks road 0
 * (return 1.1). A joint value `Q_sender + Q_receiver` credits the sender's choice through the
 * receiver's value of the road it made (VDN, QMIX).
 *
 * Observations (5 numbers): `[step 1, step 2, road 0 seen, road 1 seen, is the receiver]` (the last,
 * so that a network shared by both tells them apart); the global state is the first four with the
 * road filled in. Agents `sender` and `receiver`, actions 0 and 1.
 */
import type { SlotAction, SlotEnv, SlotReset, SlotStepResult } from "../vecEnv/SlotEnv.js";
import type { ActionSpec } from "../vecEnv/VecEnv.js";

/** The relay game. */
export class RelayGame implements SlotEnv {
  readonly possibleAgents = ["sender", "receiver"] as const;
  readonly obsDim = 5;
  readonly stateDim = 4;
  readonly action: ActionSpec = { kind: "discrete", n: 2 };
  agents: readonly string[] = [];
  private step2 = false;
  private road = 0;

  reset(_seed: number): SlotReset {
    this.step2 = false;
    this.road = 0;
    this.agents = [...this.possibleAgents];
    return { observations: this.observe() };
  }

  step(actions: ReadonlyMap<string, SlotAction>): SlotStepResult {
    const sender = actions.get("sender"),
      receiver = actions.get("receiver");
    if ((sender !== 0 && sender !== 1) || (receiver !== 0 && receiver !== 1))
      throw new Error("RelayGame: each agent's action is 0 or 1");
    let reward: number;
    const done = this.step2;
    if (!this.step2) {
      this.road = sender;
      reward = sender === 0 ? 0.1 : 0;
      this.step2 = true;
    } else reward = this.road === 0 ? 1 : receiver === 1 ? 3 : 0;
    this.agents = done ? [] : [...this.possibleAgents];
    const both = <T>(v: T) => ({ sender: v, receiver: v });
    return {
      observations: this.observe(),
      rewards: both(reward),
      terminations: both(done),
      truncations: both(false),
      reasons: both(done ? ["end"] : []),
    };
  }

  writeState(out: Float32Array, offset: number): void {
    out.set(this.vector(true).subarray(0, 4), offset);
  }

  close(): void {}

  private observe(): Record<string, Float32Array> {
    return { sender: this.vector(false), receiver: this.vector(true) };
  }

  private vector(receiver: boolean): Float32Array {
    const v = new Float32Array(5);
    v[this.step2 ? 1 : 0] = 1;
    if (this.step2 && receiver) v[2 + this.road] = 1;
    v[4] = receiver ? 1 : 0;
    return v;
  }
}
