import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GradeSeparation } from "./GradeSeparation.js";
import { buildRoadNetwork } from "./RoadNetwork.js";
import { loadSumoNet } from "./sumo/loadSumoNet.js";

const minicity = buildRoadNetwork(loadSumoNet(join(import.meta.dirname, "../../maps/smarts/minicity/map.net.xml")));

describe("GradeSeparation", () => {
  const levels = new GradeSeparation(minicity);

  it("finds minicity's bridge 4000038 over 8101705: their lanes cross with no junction in common", () => {
    expect(levels.separates("4000038_1", "8101705_0")).toBe(true);
    expect(levels.separates("8101705_0", "4000038_1")).toBe(true);
    expect(levels.separates("4000038_0", "8101705_0")).toBe(true);
  });

  it("extends a crossing through the junctions at its lanes' ends: the 0.1 m junction 60700642 right beside the bridge, and the road after it", () => {
    // 8101705 ends at 60700642 under the bridge's edge; a bus in that junction or just past it on
    // 8101706 reaches under 4000038 (a false collision in the minicity hour before).
    expect(levels.separates(":60700642_1_0", "4000038_1")).toBe(true);
    expect(levels.separates("8101706_0", "4000038_1")).toBe(true);
    expect(levels.separates("4000038_1", "8101706_0")).toBe(true);
  });

  it("never separates lanes that meet at a junction, nor lanes far from any bridge", () => {
    // Successive lanes of one road and a connector into the lane it leads to share a junction.
    expect(levels.separates("8101705_0", "8101706_0")).toBe(false);
    expect(levels.separates(":60700642_1_0", "8101706_0")).toBe(false);
    expect(levels.separates("216568140#0_1", "-216568140#0_0")).toBe(false);
    for (const key of levels.toKeys()) {
      const [a, b] = key.split("|");
      const ra = minicity.lane(a)!.road,
        rb = minicity.lane(b)!.road;
      expect([ra.fromJunction, ra.toJunction].some((j) => j === rb.fromJunction || j === rb.toJunction)).toBe(false);
    }
  });
});
