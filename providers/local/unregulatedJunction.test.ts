/**
 * SUMO's unregulated junctions (netgenerate's spider centre, where every arm meets) have no
 * `<request>` table: nobody has right of way, and SUMO drives through them regardless of foes. The
 * geometric table (core/road/junctionConflicts.ts) gave them right before left and oncoming-turn
 * yields over six arms, and the centre passed so few vehicles that the queues backed up around the
 * ring into it — the bench's spider case gridlocked from about 460 s. Now they keep the conflicts
 * (claims keep bodies apart) without yields: first come, first served.
 *
 * The fixture: `netgenerate --spider --spider.arm-number 6 --spider.circle-number 1
 * --spider.space-radius 100` (SUMO 1.15). Under one random trip every 1.25 s the right-before-left
 * centre left 8 vehicles standing over 300 s (126 arrived); now none stands a minute.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRoadNetwork } from "../../core/road/RoadNetwork.js";
import { loadSumoNet } from "../../core/road/sumo/loadSumoNet.js";
import { LocalNetwork } from "./LocalNetwork.js";
import { runTraffic } from "./runTraffic.js";
import { randomTrips } from "./testing.js";

const net = buildRoadNetwork(loadSumoNet(join(import.meta.dirname, "../../test/fixtures/sumo-nets/spider6.net.xml")));

describe("unregulated junctions", () => {
  it("keep their conflicts but yield to nobody", () => {
    const links = new LocalNetwork(net).links;
    const centre = links.filter((l) => l.junction === "A1");
    const ring = links.filter((l) => l.junction === "B1");
    expect(centre.length).toBe(36);
    for (const l of centre) expect(l.response).toEqual([]);
    expect(centre.filter((l) => l.foes.length > 0).length).toBeGreaterThan(24);
    // A priority junction keeps its yields.
    expect(ring.some((l) => l.response.length > 0)).toBe(true);
  });

  it("a spider's centre does not gridlock under a random trip every 1.25 s for 600 s", () => {
    const s = runTraffic({
      network: net,
      traffic: { trips: randomTrips(net, 1.25, 600, 7) },
      endS: 600,
      dtS: 0.1,
      seed: 1,
      provider: { teleportAfterS: 0 },
    });
    expect(s.collisions).toBe(0);
    expect(s.stuck).toBe(0);
    expect(s.longestStandS).toBeLessThan(60);
    expect(s.arrived).toBeGreaterThan(400);
  });
});
