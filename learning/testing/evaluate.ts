/**
 * Greedy evaluation of a policy on a vectorised env: runs until `episodes` agent-episodes have
 * finished and returns their completion, collision and return figures. Used by tests and `roadgym eval`.
 */
import type { EpisodeStat, VecEnv } from "../vecEnv/VecEnv.js";

/** Something that picks actions for every active slot. */
export interface Actor {
  act(obs: Float32Array, active: Uint8Array, out: Float32Array, deterministic?: boolean): void;
}

/** Summary of an evaluation. */
export interface EvalSummary {
  episodes: number;
  meanReturn: number;
  completionRate: number;
  collisionRate: number;
  offRoadRate: number;
  meanLength: number;
}

/** Summarises finished episodes. */
export function summarise(eps: readonly EpisodeStat[]): EvalSummary {
  const n = eps.length || 1;
  const mean = (f: (e: EpisodeStat) => number) => eps.reduce((s, e) => s + f(e), 0) / n;
  return {
    episodes: eps.length,
    meanReturn: mean((e) => e.return),
    completionRate: mean((e) => (e.completed ? 1 : 0)),
    collisionRate: mean((e) => (e.collided ? 1 : 0)),
    offRoadRate: mean((e) => (e.offRoad ? 1 : 0)),
    meanLength: mean((e) => e.length),
  };
}

/** Runs `actor` greedily on `env` (after `env.reset(seed)`) until `episodes` episodes finish. */
export async function evaluate(
  actor: Actor,
  env: VecEnv,
  seed: number,
  episodes: number,
  maxSteps = 1_000_000,
): Promise<EvalSummary & { finished: EpisodeStat[] }> {
  await env.reset(seed);
  const done: EpisodeStat[] = [];
  for (let t = 0; t < maxSteps && done.length < episodes; t++) {
    actor.act(env.buffers.obs, env.buffers.active, env.buffers.actions, true);
    done.push(...(await env.step()));
  }
  const finished = done.slice(0, episodes);
  return { ...summarise(finished), finished };
}
