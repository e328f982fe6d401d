import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRoadNetwork } from "../../../core/road/RoadNetwork.js";
import { loadSumoNet } from "../../../core/road/sumo/loadSumoNet.js";
import { LocalNetwork } from "../LocalNetwork.js";
import { found, leaderAlong, leaderBeyondEnd } from "./leaders.js";
import { pointOn } from "./poses.js";
import { TrafficState } from "./TrafficState.js";
import { PATH_CAPACITY, SlotKind } from "./VehicleColumns.js";

const net = buildRoadNetwork(loadSumoNet(join(import.meta.dirname, "../../../maps/smarts/minicity/map.net.xml")));
const ln = new LocalNetwork(net);

/** An engine state with a car in a fresh slot: its slot. */
function car(st: TrafficState, seq: number, halfLength = 1.84): number {
  const v = st.allocate(SlotKind.Driven);
  st.cols.seq[v] = seq;
  st.cols.halfLengthM[v] = halfLength;
  st.cols.lengthM[v] = 2 * halfLength;
  return v;
}

describe("leader search", () => {
  /**
   * 216568140#0 overshoots minicity's pedestrian crossing 390539247: its end lies 1.9 m beyond the
   * next road's start, and the crossing's internal lane runs those 1.9 m backwards. A path across it
   * is 3.8 m longer than the ground it covers; the gap to a leader beyond it is the ground's.
   */
  it("measures the gap across a fold on the ground, not along the folded path", () => {
    const st = new TrafficState(ln, 0.1, [1, 2], false);
    const road = ln.byId("216568140#0_0")!;
    const fold = ln.byId(":390539247_1_0")!;
    const next = ln.byId("216568140#1_0")!;
    expect(fold.foldM).toBeCloseTo(fold.lengthM, 12);
    expect(road.foldM).toBe(0);
    expect(next.foldM).toBe(0);

    const c = st.cols;
    const follower = car(st, 1);
    c.lane[follower] = road.ordinal;
    const followerS = road.lengthM - 8;
    c.s[follower] = followerS;
    const base = follower * PATH_CAPACITY;
    c.pathLane.set([road.ordinal, fold.ordinal, next.ordinal], base);
    c.pathLen[follower] = 3;
    // The leader stands with its centre just past the fold's end, its rear back over the fold.
    const leader = car(st, 2);
    const leaderS = fold.lengthM - 0.2;
    st.lists.insert(3 * leader, fold.ordinal, leaderS);

    const lead = leaderAlong(st, follower, followerS, c.pathLane, base, 3, 100, false, found());
    expect(lead.occ).toBe(3 * leader);
    // On the ground, along the road: the follower's front and the leader's rear.
    const dir = { x: 0, y: 0 };
    pointOn(road, road.lengthM, 0, dir);
    const end = { ...dir };
    pointOn(road, road.lengthM - 1, 0, dir);
    const ux = end.x - dir.x,
      uy = end.y - dir.y;
    const front = { x: 0, y: 0 };
    pointOn(road, followerS + 1.84, 0, front);
    const centre = { x: 0, y: 0 };
    pointOn(fold, leaderS, 0, centre);
    const ground = (centre.x - front.x) * ux + (centre.y - front.y) * uy - 1.84;
    expect(lead.gapM).toBeCloseTo(ground, 0);
    // Along the folded path it would be twice the leader's way along the fold longer.
    const alongPath = road.lengthM - followerS - 1.84 + leaderS - 1.84;
    expect(alongPath - lead.gapM).toBeCloseTo(2 * leaderS, 9);
  });

  /**
   * A trip ending at the end of -124690744#1 (minicity): a car standing just past that line, at the
   * next junction's stop line 3 m on, hangs its rear back over the end — its tail is registered on
   * the crossing's 0.21 m internal lane only. The arriving car must stop behind it.
   */
  it("sees, for a vehicle arriving at its route's end, a body beyond the end that hangs back over it", () => {
    const st = new TrafficState(ln, 0.1, [1, 2], false);
    const road = ln.byId("-124690744#1_0")!;
    const crossing = ln.byId(":389689103_0_0")!;
    expect(road.successors).toContain(crossing);
    const arriving = car(st, 1);
    const toEnd = 6;
    const other = car(st, 2);
    const tail = 3 * other + 1;
    const tailS = crossing.lengthM + 0.2; // its centre 0.2 m into the road after the crossing
    st.lists.insert(tail, crossing.ordinal, tailS);
    const lead = found();
    leaderBeyondEnd(st, arriving, road.ordinal, toEnd, lead);
    expect(lead.occ).toBe(tail);
    expect(lead.gapM).toBeCloseTo(toEnd + (tailS - 1.84) - 1.84, 12);
    // Once its rear is past the end, it is no concern of a vehicle leaving there.
    st.lists.moved(tail, crossing.lengthM + 2);
    const none = found();
    leaderBeyondEnd(st, arriving, road.ordinal, toEnd, none);
    expect(none.occ).toBe(-1);
    expect(none.gapM).toBe(Infinity);
  });
});
