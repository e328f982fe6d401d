/**
 * The playground's shipped files read from the repository (Node), for the tests that run the
 * playground's worker code under Node and compare it with Node's own entry points: the same
 * virtual paths the page uses (`/scenarios/…`, `/maps/…`, `/learning/paper/policies/…`).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { makeDrivenEnv } from "../../compose/policyEnv.js";
import { Sha256 } from "../../core/hash/sha256Hex.js";
import type { EpisodeSummary } from "./sim/PlaygroundEpisode.js";
import { PlaygroundSession, type PlaygroundAssets } from "./sim/PlaygroundSession.js";
import type { TfjsPolicyFiles } from "./sim/MemoryTfjsPolicies.js";

/** The repository root. */
export const REPO_ROOT = join(import.meta.dirname, "..", "..");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** The text files and policies the page ships, from the repository. */
export function diskAssets(): PlaygroundAssets {
  const texts = new Map<string, () => Promise<string>>();
  const shipped = [...walk(join(REPO_ROOT, "scenarios")), ...walk(join(REPO_ROOT, "maps"))].filter((p) =>
    /\.(scn|xodr|xml|csv)$/.test(p),
  );
  for (const p of shipped) texts.set(`/${relative(REPO_ROOT, p)}`, async () => readFileSync(p, "utf8"));
  const policies = new Map<string, () => Promise<TfjsPolicyFiles>>();
  const root = join(REPO_ROOT, "learning", "paper", "policies");
  for (const algorithm of readdirSync(root))
    for (const column of readdirSync(join(root, algorithm))) {
      const dir = join(root, algorithm, column);
      policies.set(`/${relative(REPO_ROOT, dir)}`, async () => {
        const weights = new Map<string, ArrayBuffer>();
        for (const f of readdirSync(dir).filter((n) => n.endsWith(".bin"))) {
          const b = readFileSync(join(dir, f));
          weights.set(f, b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
        }
        return {
          metadata: JSON.parse(readFileSync(join(dir, "policy.json"), "utf8")),
          model: JSON.parse(readFileSync(join(dir, "model.json"), "utf8")),
          weights,
        };
      });
    }
  return { texts, policies };
}

/**
 * Node's own run of an episode (makeDrivenEnv, as `roadgym run --policy`): the hash of every
 * frame's state, reset frame first, over at most `steps` steps — what the playground's summary
 * shows as its state hash for the same scenario, policy and seed.
 * @param scenario a file name in scenarios/
 * @param policyDir a trained policy's folder relative to the repository, or undefined for keep-lane
 */
export async function nodeHash(
  scenario: string,
  policyDir: string | undefined,
  seed: number,
  steps: number,
): Promise<string> {
  const built = await makeDrivenEnv(
    join(REPO_ROOT, "scenarios", scenario),
    policyDir ? { locator: `file:${policyDir}`, baseDir: REPO_ROOT } : undefined,
  );
  const chain = new Sha256();
  try {
    await built.driver.reset({ seed });
    chain.update(built.env.sim.stateHash());
    for (let i = 0; i < steps && !built.env.sim.episodeOver; i++) {
      await built.driver.step();
      chain.update(built.env.sim.stateHash());
    }
  } finally {
    await built.close();
  }
  return chain.hex();
}

/**
 * The playground's own code run under Node on the shipped files: the summary of an episode of
 * `scenarios/<scenario>` to its end, as the page would show it.
 * @param policyDir a shipped policy's folder (`/learning/…`), or undefined for keep-lane
 */
export async function nodeSummary(
  scenario: string,
  policyDir: string | undefined,
  seed: number,
): Promise<EpisodeSummary> {
  const session = new PlaygroundSession(diskAssets());
  const text = readFileSync(join(REPO_ROOT, "scenarios", scenario), "utf8");
  const policy = policyDir ? { kind: "zoo" as const, locator: `file:${policyDir}` } : { kind: "keep-lane" as const };
  const r = await session.start(text, `/scenarios/${scenario}`, policy, { seed });
  if (!r.ok) throw new Error(`${scenario} does not compile: ${r.diagnostics.map((d) => d.message).join("; ")}`);
  try {
    while (!r.episode.ended) await r.episode.step();
    return r.episode.summary();
  } finally {
    await r.episode.close();
  }
}
