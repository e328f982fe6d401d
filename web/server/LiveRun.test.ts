/**
 * A live run whose SUMO dies (killed here, as a crash or an OOM kill would): the step that meets
 * the dead SUMO reports it, and every later play or step is answered with that cause — not with
 * the confusing "asked for tick 3 after tick 1" a half-stepped simulation gave before. Skipped
 * (with the reason) where `sumo` is not installed; CI installs it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EncodableFrame } from "../../replay/FrameEncoder.js";
import { LiveRun } from "./LiveRun.js";

const sumoMissing = spawnSync("sumo", ["--version"]).status !== 0;
if (sumoMissing) console.warn("live-run SUMO test skipped: `sumo` is not on the PATH");

/** The pids of this process's `sumo` children. */
function sumoChildren(): number[] {
  const r = spawnSync("pgrep", ["-P", String(process.pid), "-x", "sumo"], { encoding: "utf8" });
  return r.stdout.split("\n").filter(Boolean).map(Number);
}

describe.skipIf(sumoMissing)("a live run whose SUMO dies", () => {
  it("names the dead SUMO on the step that meets it and on every command after", async () => {
    const scenario = join(import.meta.dirname, "../../scenarios/paper-intersection.scn");
    const before = new Set(sumoChildren());
    const run = await LiveRun.start("paper-intersection.scn", scenario, { traffic: "sumo", seed: 1 });
    try {
      const frames: EncodableFrame[] = [];
      const errors: string[] = [];
      run.subscribe({ frame: (f) => frames.push(f), status: () => {}, error: (m) => errors.push(m) });
      expect(run.handle({ type: "step" })).toBeUndefined();
      await expect.poll(() => frames.at(-1)?.tick).toBe(1);
      const sumo = sumoChildren().filter((pid) => !before.has(pid));
      expect(sumo).toHaveLength(1);
      execFileSync("kill", ["-KILL", String(sumo[0])]);
      await expect.poll(() => spawnSync("kill", ["-0", String(sumo[0])]).status).not.toBe(0);
      run.handle({ type: "step" });
      await expect.poll(() => errors.length, { timeout: 20_000 }).toBe(1);
      expect(errors[0]).toMatch(/^the simulation stopped at tick \d+: .*SUMO/);
      expect(run.status().ended).toBe(true);
      for (const cmd of [{ type: "step" }, { type: "play" }] as const) {
        const answer = run.handle(cmd);
        expect(answer).toBe(errors[0]);
        expect(answer).not.toMatch(/asked for tick/);
      }
    } finally {
      await run.close();
    }
  }, 60_000);
});
