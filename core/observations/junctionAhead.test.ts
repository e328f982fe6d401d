import { describe, expect, it } from "vitest";
import { makeEnv } from "../../compose/makeEnv.js";
import { defaultDriverObservation } from "../../agent-zoo/defaultDriver.js";
import type { AgentObservation } from "./AgentObservation.js";
import { JUNCTION_FOE_FEATURES, columns, junctionFeatures } from "./observationFeatures.js";

const J = columns(junctionFeatures(1));
const F = columns(JUNCTION_FOE_FEATURES);
const FN = JUNCTION_FOE_FEATURES.length;

describe("the junction part", () => {
  it("describes the stem's link of a T junction and the through traffic it must yield to", async () => {
    // t_junction: one-lane arms of 80 m, the through road has priority; the agent starts 20 m up the stem.
    const env = makeEnv("roadgym/t_junction", { observation: defaultDriverObservation() });
    try {
      let { observations } = await env.reset({ seed: 1 });
      let o = observations.merger as AgentObservation;
      const link = o.junction!.link;
      expect(link[J.present]).toBe(1);
      expect(link[J.inside]).toBe(0);
      expect(link[J.mustYield]).toBe(1);
      expect(link[J.mustStop]).toBe(0);
      expect(link[J.entryDistanceM]).toBeGreaterThan(55);
      expect(link[J.entryDistanceM]).toBeLessThan(62);
      expect(link[J.exitDistanceM]).toBeGreaterThan(link[J.entryDistanceM]);
      expect(link[J.routeLaneOffset]).toBe(0);
      // Standing still, the agent sees through traffic approach: rows it must yield to, soonest first.
      let rows: { dist: number; yields: number; inside: number }[] = [];
      for (let k = 0; k < 300 && rows.length === 0; k++) {
        ({ observations } = await env.step({ merger: "slow_down" }));
        o = observations.merger as AgentObservation;
        const f = o.junction!.foes;
        rows = [];
        for (let i = 0; i < f.mask.length; i++)
          if (f.mask[i])
            rows.push({
              dist: f.features[i * FN + F.entryDistanceM],
              yields: f.features[i * FN + F.egoYields],
              inside: f.features[i * FN + F.inside],
            });
      }
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.yields === 1)).toBe(true);
      const approaching = rows.filter((r) => r.inside === 0);
      for (const r of approaching) expect(r.dist).toBeLessThanOrEqual(100);
    } finally {
      await env.close();
    }
  });
});
