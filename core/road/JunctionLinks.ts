/**
 * The junction right-of-way table of a network as runtime objects: every junction link (a
 * connection entering a junction from a normal road, with its `junction` and `junctionLinkIndex`)
 * with the lanes it crosses, the links it conflicts with (`foes`) and the ones it must yield to
 * (`response`) — the table SUMO writes as `<request>` and `junctionConflicts.ts` computes for the
 * procedural and OpenDRIVE maps.
 *
 * Observations read it to tell an agent about the next junction on its path and the vehicles it
 * must watch there (`junctionAhead.ts`): for that, each link also knows its *approach*, the lanes
 * upstream of its entry within a distance, each with the distance from the lane's end to the entry.
 * Built once per network ({@link RoadNetwork.junctionLinks}); approaches are built per link on
 * first use.
 */
import type { ConnectionSpec } from "./RoadNetworkSpec.js";
import type { Lane } from "./Lane.js";
import type { RoadNetwork } from "./RoadNetwork.js";

/** One lane a vehicle can be on while it approaches or crosses a link. */
export interface LinkLane {
  readonly lane: Lane;
  /** Distance from the end of `lane` to the link's entry (m); for lanes inside the link, minus the length of the link walked before `lane` starts. */
  readonly toEntryM: number;
  /** True for the link's own connector lanes (a vehicle on one is inside the junction). */
  readonly inside: boolean;
}

/** A junction link with its conflicts. */
export interface JunctionLink {
  readonly connection: ConnectionSpec;
  readonly junction: string;
  /** `junctionLinkIndex`. */
  readonly index: number;
  /** The incoming normal lane (its end is the stop line). */
  readonly fromLane: Lane;
  /** Connector lanes inside the junction, in driving order (empty when the link has none). */
  readonly via: readonly Lane[];
  readonly toLane: Lane;
  /** Length across the junction: the connector lanes' total (m; 0 without connectors). */
  readonly lengthM: number;
  /** Links whose paths cross or merge with this one. */
  readonly foes: readonly JunctionLink[];
  /** The foes this link must yield to. */
  readonly yieldsTo: ReadonlySet<JunctionLink>;
  /** Whether a vehicle must stop at the stop line before entering (SUMO link state `s` stop, `w` all-way stop). */
  readonly mustStop: boolean;
}

/** Link states that mean "stop first" (SUMO: s stop sign, w all-way stop). */
const STOP_STATES: ReadonlySet<string> = new Set(["s", "w"]);

/** The right-of-way table of one network; see the file comment. */
export class JunctionLinks {
  private readonly byConnection = new Map<ConnectionSpec, JunctionLink>();
  private readonly byInsideLane = new Map<string, JunctionLink>();
  private readonly approaches = new Map<JunctionLink, { reachM: number; lanes: Map<string, LinkLane> }>();

  constructor(readonly network: RoadNetwork) {
    type Mutable = JunctionLink & { foes: JunctionLink[]; yieldsTo: Set<JunctionLink> };
    const byKey = new Map<string, Mutable>();
    const viaNext = new Map<string, string>();
    for (const c of network.spec.connections) if (c.via !== undefined) viaNext.set(c.fromLane, c.via);
    for (const c of network.spec.connections) {
      if (c.junction === undefined || c.junctionLinkIndex === undefined) continue;
      const fromLane = network.lane(c.fromLane);
      const toLane = network.lane(c.toLane);
      if (!fromLane || !toLane || fromLane.isInternal) continue;
      const via: Lane[] = [];
      const seen = new Set<string>();
      for (let id = c.via; id !== undefined && !seen.has(id); id = viaNext.get(id)) {
        seen.add(id);
        const l = network.lane(id);
        if (!l) break;
        via.push(l);
      }
      const junction = network.junctions.get(c.junction);
      const link: Mutable = {
        connection: c,
        junction: c.junction,
        index: c.junctionLinkIndex,
        fromLane,
        via,
        toLane,
        lengthM: via.reduce((sum, l) => sum + l.centreline.length, 0),
        foes: [],
        yieldsTo: new Set(),
        mustStop: (c.state !== undefined && STOP_STATES.has(c.state)) || junction?.type === "allway_stop",
      };
      byKey.set(`${c.junction}\u0000${c.junctionLinkIndex}`, link);
      this.byConnection.set(c, link);
      for (const l of via) if (!this.byInsideLane.has(l.id)) this.byInsideLane.set(l.id, link);
    }
    for (const link of byKey.values()) {
      const c = link.connection;
      const response = new Set(c.response ?? []);
      for (const i of c.foes ?? []) {
        const foe = byKey.get(`${link.junction}\u0000${i}`);
        if (!foe || foe === link) continue;
        link.foes.push(foe);
        if (response.has(i)) link.yieldsTo.add(foe);
      }
    }
  }

  /** The link of a connection, if it is a junction link. */
  ofConnection(c: ConnectionSpec): JunctionLink | undefined {
    return this.byConnection.get(c);
  }

  /** The link whose connector lanes include `laneId`, if any. */
  ofInsideLane(laneId: string): JunctionLink | undefined {
    return this.byInsideLane.get(laneId);
  }

  /**
   * The lanes by id on which a vehicle is approaching or crossing `link`: its connector lanes
   * (inside) and, walking back from its incoming lane through predecessors, every lane that starts
   * within `reachM` of the entry. The walk takes the first distance at which it meets a lane.
   */
  approach(link: JunctionLink, reachM: number): ReadonlyMap<string, LinkLane> {
    const cached = this.approaches.get(link);
    if (cached && cached.reachM >= reachM) return cached.lanes;
    const lanes = new Map<string, LinkLane>();
    let before = 0;
    for (const l of link.via) {
      before += l.centreline.length;
      lanes.set(l.id, { lane: l, toEntryM: -before, inside: true });
    }
    // Breadth-first back from the stop line, nearest first.
    const queue: LinkLane[] = [{ lane: link.fromLane, toEntryM: 0, inside: false }];
    for (let q = 0; q < queue.length && lanes.size < 256; q++) {
      const item = queue[q];
      if (lanes.has(item.lane.id)) continue;
      lanes.set(item.lane.id, item);
      const startToEntry = item.toEntryM + item.lane.centreline.length;
      if (startToEntry >= reachM) continue;
      for (const p of item.lane.predecessors)
        if (!lanes.has(p.id)) queue.push({ lane: p, toEntryM: startToEntry, inside: false });
    }
    this.approaches.set(link, { reachM, lanes });
    return lanes;
  }
}
