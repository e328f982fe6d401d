import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRoadNetwork } from "../../core/road/RoadNetwork.js";
import { loadSumoNet } from "../../core/road/sumo/loadSumoNet.js";
import { Occupant } from "./LaneOccupancy.js";
import { leaderAlong, leaderBeyondEnd, neighbour } from "./LeaderSearch.js";
import { LocalNetwork } from "./LocalNetwork.js";
import { pointOn } from "./TrafficVehicle.js";
import { passengerCar } from "./testing.js";

const net = buildRoadNetwork(loadSumoNet(join(import.meta.dirname, "../../maps/smarts/minicity/map.net.xml")));

const car = passengerCar;

describe("leader search", () => {
  /**
   * 216568140#0 overshoots minicity's pedestrian crossing 390539247: its end lies 1.9 m beyond the
   * next road's start, and the crossing's internal lane runs those 1.9 m backwards. A path across it
   * is 3.8 m longer than the ground it covers; the gap to a leader beyond it is the ground's.
   */
  it("measures the gap across a fold on the ground, not along the folded path", () => {
    const ln = new LocalNetwork(net);
    const road = ln.byId("216568140#0_0")!;
    const fold = ln.byId(":390539247_1_0")!;
    const next = ln.byId("216568140#1_0")!;
    expect(fold.foldM).toBeCloseTo(fold.lengthM, 12);
    expect(road.foldM).toBe(0);
    expect(next.foldM).toBe(0);

    const follower = car("f", 1);
    follower.lane = road;
    follower.s = road.lengthM - 8;
    follower.path[0] = road;
    follower.path[1] = fold;
    follower.path[2] = next;
    follower.pathLen = 3;
    // The leader stands with its centre just past the fold's end, its rear back over the fold.
    const leader = new Occupant();
    leader.seq = 2;
    leader.s = fold.lengthM - 0.2;
    leader.halfLength = 1.84;
    fold.occupants.insert(leader);

    const lead = leaderAlong(follower, follower.s, follower.path, follower.pathLen, 100, neighbour());
    expect(lead.occ).toBe(leader);
    // On the ground, along the road: the follower's front and the leader's rear.
    const dir = { x: 0, y: 0 };
    pointOn(road, road.lengthM, 0, dir);
    const end = { ...dir };
    pointOn(road, road.lengthM - 1, 0, dir);
    const ux = end.x - dir.x,
      uy = end.y - dir.y;
    const front = { x: 0, y: 0 };
    pointOn(road, follower.s + follower.halfLength, 0, front);
    const centre = { x: 0, y: 0 };
    pointOn(fold, leader.s, 0, centre);
    const ground = (centre.x - front.x) * ux + (centre.y - front.y) * uy - leader.halfLength;
    expect(lead.gapM).toBeCloseTo(ground, 0);
    // Along the folded path it would be twice the leader's way along the fold longer.
    const alongPath = road.lengthM - follower.s - follower.halfLength + leader.s - leader.halfLength;
    expect(alongPath - lead.gapM).toBeCloseTo(2 * leader.s, 9);
  });

  /**
   * A trip ending at the end of -124690744#1 (minicity): a car standing just past that line, at the
   * next junction's stop line 3 m on, hangs its rear back over the end — its tail is registered on
   * the crossing's 0.21 m internal lane only. The arriving car must stop behind it.
   */
  it("sees, for a vehicle arriving at its route's end, a body beyond the end that hangs back over it", () => {
    const ln = new LocalNetwork(net);
    const road = ln.byId("-124690744#1_0")!;
    const crossing = ln.byId(":389689103_0_0")!;
    expect(road.successors).toContain(crossing);
    const arriving = car("a", 1);
    const toEnd = 6;
    const tail = new Occupant();
    tail.seq = 2;
    tail.halfLength = 1.84;
    tail.s = crossing.lengthM + 0.2; // its centre 0.2 m into the road after the crossing
    crossing.occupants.insert(tail);
    const lead = neighbour();
    leaderBeyondEnd(arriving, road, toEnd, lead);
    expect(lead.occ).toBe(tail);
    expect(lead.gapM).toBeCloseTo(toEnd + (tail.s - tail.halfLength) - arriving.halfLength, 12);
    // Once its rear is past the end, it is no concern of a vehicle leaving there.
    tail.s = crossing.lengthM + 2;
    crossing.occupants.sort();
    const none = neighbour();
    leaderBeyondEnd(arriving, road, toEnd, none);
    expect(none.occ).toBeNull();
    expect(none.gapM).toBe(Infinity);
  });
});
