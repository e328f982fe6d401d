import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRoadNetwork } from "../../core/road/RoadNetwork.js";
import { loadSumoNet } from "../../core/road/sumo/loadSumoNet.js";
import { bodiesMeet } from "./BodySweep.js";
import { LocalNetwork, type LaneData } from "./LocalNetwork.js";
import type { TrafficVehicle } from "./TrafficVehicle.js";
import { passengerCar } from "./testing.js";

const net = buildRoadNetwork(loadSumoNet(join(import.meta.dirname, "../../maps/smarts/minicity/map.net.xml")));
const ln = new LocalNetwork(net);

function car(id: string, seq: number, lane: LaneData, s: number, path: LaneData[] = []): TrafficVehicle {
  const v = passengerCar(id, seq);
  v.lane = lane;
  v.s = s;
  v.path[0] = lane;
  path.forEach((l, k) => (v.path[k + 1] = l));
  v.pathLen = 1 + path.length;
  return v;
}

/** The same question asked of fresh vehicles: no poses kept from earlier questions. */
function fresh(v: TrafficVehicle): TrafficVehicle {
  return car(v.id, v.seq, v.lane, v.s, v.path.slice(1, v.pathLen));
}

describe("body poses and sweeps kept between questions", () => {
  // -60477583#0 forks at junction 24959506: :24959506_0_0 turns off (12.5 m), :24959506_1_0 goes on
  // (27.5 m); their ends lie 19 m apart.
  const road = ln.byId("-60477583#0_0")!;
  const turn = ln.byId(":24959506_0_0")!;
  const on = ln.byId(":24959506_1_0")!;

  it("answers for where a vehicle is now, not where it was when first asked", () => {
    const a = car("a", 1, road, 20, [on]);
    const b = car("b", 2, road, 26, [on]);
    // 6 m apart, centre to centre: 2.3 m between the bumpers, more than the two margins.
    expect(bodiesMeet(a, 0, b, 0)).toBe(false);
    // Either drives up until the boxes touch.
    expect(bodiesMeet(a, 3, b, 0)).toBe(true);
    a.s = 23;
    expect(bodiesMeet(a, 0, b, 0)).toBe(true);
    a.s = 20;
    expect(bodiesMeet(a, 0, b, 0)).toBe(false);
    b.s = 24;
    expect(bodiesMeet(a, 0, b, 0)).toBe(true);
  });

  it("answers for the path a vehicle has now", () => {
    const a = car("a", 1, road, road.lengthM - 4, [on]);
    // b stands near the end of the straight connector, where the turn is far away.
    const b = car("b", 2, on, on.lengthM - 2);
    const ahead = 4 + on.lengthM;
    expect(bodiesMeet(a, ahead, b, 0)).toBe(true);
    // Re-planned to turn off: its sweep no longer reaches b.
    a.path[1] = turn;
    expect(bodiesMeet(a, ahead, b, 0)).toBe(false);
    expect(bodiesMeet(fresh(a), ahead, fresh(b), 0)).toBe(false);
    a.path[1] = on;
    expect(bodiesMeet(a, ahead, b, 0)).toBe(true);
  });

  it("gives the answers of fresh vehicles through a run of moves and questions", () => {
    const a = car("a", 1, road, road.lengthM - 30, [on]);
    const b = car("b", 2, on, 5);
    for (let k = 0; k < 60; k++) {
      // a drives on 0.5 m a step; b stands, then creeps; the stretches asked about vary.
      a.s += 0.5;
      if (k > 30) b.s += 0.2;
      const aAhead = (k * 7) % 30,
        bAhead = (k * 3) % 6;
      expect(bodiesMeet(a, aAhead, b, bAhead)).toBe(bodiesMeet(fresh(a), aAhead, fresh(b), bAhead));
    }
  });

  it("reports a standing body's pose anew when its path grows under its front bumper", () => {
    // Path ends at the road's end with the front bumper beyond it: the body is posed on the road's
    // line carried on. Then the plan reaches into the turn: the bumper is on the turn's line.
    const v = car("v", 1, road, road.lengthM - 0.5);
    v.writeState();
    const straight = { ...v.state };
    v.path[1] = turn;
    v.pathLen = 2;
    v.writeState();
    const w = fresh(v);
    w.writeState();
    expect(v.state).toEqual(w.state);
    expect(Math.hypot(v.state.x - straight.x, v.state.y - straight.y)).toBeGreaterThan(1e-4);
  });
});
