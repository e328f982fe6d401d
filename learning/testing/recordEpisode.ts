/**
 * One greedy episode of a trained learner, recorded as a replay (`roadgym eval --record`): a single
 * environment copy of the training's env spec, built with `record` (makeEnv writes the copy's first
 * episode), driven by the learner until that episode ends.
 */
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { makeSlotEnv, type EnvSpecInput } from "../vecEnv/EnvSpec.js";
import type { SlotEnv } from "../vecEnv/SlotEnv.js";
import { RoadgymSlotEnv } from "../adapters/RoadgymSlotEnv.js";
import type { Actor } from "./evaluate.js";

/** What was recorded: the env steps of the episode and the agent episodes that ended in it. */
export interface RecordedEpisode {
  steps: number;
  agentEpisodes: number;
}

/**
 * Runs `actor` greedily on one copy of `spec` from `seed` until the copy's first episode ends,
 * recording it to `path`.
 */
export async function recordEpisode(
  actor: Actor,
  spec: Extract<EnvSpecInput, { kind: "roadgym" }>,
  frameStack: number,
  seed: number,
  path: string,
  maxSteps = 1_000_000,
): Promise<RecordedEpisode> {
  let copy: RoadgymSlotEnv | undefined;
  const make = (): SlotEnv => {
    const made = makeSlotEnv({ ...spec, record: path });
    if (!(made instanceof RoadgymSlotEnv)) throw new Error("recordEpisode: the spec does not make a roadgym env");
    return (copy = made);
  };
  const env = new InProcessVecEnv(make, { numEnvs: 1, frameStack });
  let steps = 0;
  let agentEpisodes = 0;
  try {
    await env.reset(seed);
    const sim = () => copy!.env.sim;
    const first = { seed: sim().seed, tick: sim().tick };
    // The copy auto-resets within the step that ends its episode: a new seed, the clock back.
    let tick = first.tick;
    while (steps < maxSteps) {
      actor.act(env.buffers.obs, env.buffers.active, env.buffers.actions, true);
      agentEpisodes += (await env.step()).length;
      steps++;
      if (sim().seed !== first.seed || sim().tick < tick) break;
      tick = sim().tick;
    }
  } finally {
    await env.close();
  }
  return { steps, agentEpisodes };
}
