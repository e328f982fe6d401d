/** Zoo entry `replay@v0`: {@link ReplayPolicy} — plays an actions file. */
import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { directSpec } from "../AgentSpec.js";
import { observationConfig } from "../observationConfig.js";
import { ReplayPolicy, readRecordedActions } from "../policies/ReplayPolicy.js";
import { zooEntry } from "../ZooEntry.js";

/** Parameters of replay. */
export const ReplayParams = z.object({
  file: z.string().min(1).describe("actions file (JSON, format roadgym-actions), relative to the scenario"),
  end: z.enum(["hold", "loop"]).default("hold").describe("after the last action: hold it, or start over"),
});

/** replay@v0. */
export const replayEntry = zooEntry({
  name: "replay",
  version: 0,
  summary: "plays recorded actions, one per step, in the file's action space",
  params: ReplayParams,
  actionSpace: "the file's actionSpace",
  observes: [],
  make(p, ctx) {
    const path = isAbsolute(p.file) ? p.file : resolve(ctx.baseDir, p.file);
    const recorded = readRecordedActions(path);
    if (Math.abs(recorded.dtS - ctx.dtS) > 1e-9)
      throw new Error(`${path}: recorded at dt ${recorded.dtS} s, the scenario steps ${ctx.dtS} s`);
    // The simulation needs some observation config; the ego part is the cheapest.
    return directSpec(
      "replay@v0",
      { action: recorded.actionSpace, observation: observationConfig({ ego: true }) },
      new ReplayPolicy(recorded, p.end),
    );
  },
});
