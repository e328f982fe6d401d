/**
 * The runtime road network: roads, lanes and junctions by id, the lane graph, and spatial queries.
 * Built once from a {@link RoadNetworkSpec} (`buildRoadNetwork`) and never changed afterwards; the
 * spec stays the single source of truth (replays carry the spec, not this object).
 */
import { Lane } from "./Lane.js";
import { LaneSpatialIndex, type NearestLane } from "./LaneSpatialIndex.js";
import { Road } from "./Road.js";
import { JunctionLinks } from "./JunctionLinks.js";
import type { JunctionSpec, RoadNetworkSpec, SignalProgramSpec } from "./RoadNetworkSpec.js";
import type { ConnectionSpec } from "./RoadNetworkSpec.js";

/** Options for nearest-lane queries. */
export interface NearestLaneOptions {
  /**
   * Also consider junction connector lanes.
   * @default true
   */
  includeInternal?: boolean;
  /**
   * Ignore lanes farther than this (metres).
   * @default Infinity
   */
  maxDistM?: number;
}

export class RoadNetwork {
  readonly spec: RoadNetworkSpec;
  /** All roads by id, normal and internal. */
  readonly roads: ReadonlyMap<string, Road>;
  /** All lanes by id. */
  readonly lanes: ReadonlyMap<string, Lane>;
  /** All lanes in a fixed order (`lane.ordinal` indexes this). */
  readonly laneList: readonly Lane[];
  readonly junctions: ReadonlyMap<string, JunctionSpec>;
  readonly signals: ReadonlyMap<string, SignalProgramSpec>;
  /** Connections leaving each lane id. */
  readonly connectionsFrom: ReadonlyMap<string, readonly ConnectionSpec[]>;
  private readonly allIndex: LaneSpatialIndex;
  private readonly normalIndex: LaneSpatialIndex;
  /**
   * The roadside strips that count as shoulder (`spec.roadside`), as lanes outside the lane graph
   * (their `road` is unset), indexed for {@link onShoulder}; undefined when there are none.
   */
  private readonly shoulderIndex: LaneSpatialIndex | undefined;
  private readonly maxShoulderHalfWidthM: number;
  private linkTable: JunctionLinks | undefined;

  /** Use {@link buildRoadNetwork}. Throws if the spec is internally inconsistent (names the id). */
  constructor(spec: RoadNetworkSpec) {
    this.spec = spec;
    const roads = new Map<string, Road>();
    const lanes = new Map<string, Lane>();
    const laneList: Lane[] = [];
    for (const roadSpec of spec.roads) {
      if (roads.has(roadSpec.id)) throw new Error(`road network: duplicate road id "${roadSpec.id}"`);
      const roadLanes = [...roadSpec.lanes]
        .sort((a, b) => a.index - b.index)
        .map((laneSpec, i) => {
          if (laneSpec.index !== i)
            throw new Error(
              `road network: road "${roadSpec.id}" lane indices must be 0..n-1, lane "${laneSpec.id}" has ${laneSpec.index}`,
            );
          if (lanes.has(laneSpec.id)) throw new Error(`road network: duplicate lane id "${laneSpec.id}"`);
          const lane = new Lane(laneSpec, laneList.length);
          lanes.set(lane.id, lane);
          laneList.push(lane);
          return lane;
        });
      const road = new Road(roadSpec, roadLanes);
      for (const lane of roadLanes) lane.road = road;
      roads.set(road.id, road);
    }
    this.roads = roads;
    this.lanes = lanes;
    this.laneList = laneList;
    this.junctions = new Map(spec.junctions.map((j) => [j.id, j]));
    this.signals = new Map(spec.signals.map((s) => [s.id, s]));

    const from = new Map<string, ConnectionSpec[]>();
    const laneOf = (id: string, what: string): Lane => {
      const lane = lanes.get(id);
      if (!lane) throw new Error(`road network: connection ${what} lane "${id}" does not exist`);
      return lane;
    };
    const link = (a: Lane, b: Lane) => {
      if (!a.successors.includes(b)) {
        a.successors.push(b);
        b.predecessors.push(a);
      }
    };
    for (const c of spec.connections) {
      const a = laneOf(c.fromLane, "from");
      const b = laneOf(c.toLane, "to");
      const list = from.get(c.fromLane);
      if (list) list.push(c);
      else from.set(c.fromLane, [c]);
      link(a, c.via ? laneOf(c.via, "via") : b);
      // Road-level graph over normal roads only: internal chains are collapsed.
      if (a.road.kind === "normal" && b.road.kind === "normal" && !a.road.successors.includes(b.road)) {
        a.road.successors.push(b.road);
        b.road.predecessors.push(a.road);
      }
    }
    this.connectionsFrom = from;
    this.allIndex = new LaneSpatialIndex(laneList);
    this.normalIndex = new LaneSpatialIndex(laneList.filter((l) => l.road.kind === "normal"));
    const shoulders = (spec.roadside ?? [])
      .filter((r) => r.shoulder)
      .map(
        (r, i) =>
          new Lane(
            {
              id: r.id,
              roadId: r.roadId,
              index: 0,
              shape: r.shape,
              widthM: r.widthM,
              speedLimitMps: 1,
              lengthM: 0,
            },
            i,
          ),
      );
    this.shoulderIndex = shoulders.length > 0 ? new LaneSpatialIndex(shoulders) : undefined;
    this.maxShoulderHalfWidthM = shoulders.reduce((m, l) => Math.max(m, l.widthM / 2), 0);
  }

  /**
   * Whether `(x, y)` lies on shoulder surface: within half its width of the centreline of the
   * nearest roadside strip that counts as shoulder. Allocation-free.
   */
  onShoulder(x: number, y: number): boolean {
    const index = this.shoulderIndex;
    if (!index) return false;
    const seg = index.nearestSegment(x, y, this.maxShoulderHalfWidthM);
    return seg >= 0 && index.segmentDistance(seg, x, y) <= index.laneOfSegment(seg).widthM / 2;
  }

  /** Road by id, or undefined. */
  road(id: string): Road | undefined {
    return this.roads.get(id);
  }

  /** Lane by id, or undefined. */
  lane(id: string): Lane | undefined {
    return this.lanes.get(id);
  }

  /** Normal (non-junction) roads in spec order. */
  normalRoads(): Road[] {
    return [...this.roads.values()].filter((r) => r.kind === "normal");
  }

  /** The lane whose centreline is nearest to `(x, y)`, with lane coordinates; undefined if none within `maxDistM`. */
  nearestLane(x: number, y: number, options: NearestLaneOptions = {}): NearestLane | undefined {
    const index = options.includeInternal === false ? this.normalIndex : this.allIndex;
    return index.nearest(x, y, options.maxDistM ?? Infinity);
  }

  /** The spatial index behind {@link nearestLane}, for allocation-free hot loops. */
  spatialIndex(includeInternal = true): LaneSpatialIndex {
    return includeInternal ? this.allIndex : this.normalIndex;
  }

  /**
   * Internal lanes traversed from `from` (a lane) to reach lane `to` on the next road, following
   * connector chains; empty when the lanes meet directly; undefined when `to` is not reachable
   * through this junction.
   */
  connectorPath(from: Lane, to: Lane, depth = 0): Lane[] | undefined {
    // SUMO splits a connector into at most a few internal lanes; the bound guards malformed cycles.
    if (depth > 16) return undefined;
    for (const next of from.successors) {
      if (next === to) return [];
      if (next.isInternal) {
        const rest = this.connectorPath(next, to, depth + 1);
        if (rest) return [next, ...rest];
      }
    }
    return undefined;
  }

  /** The junction right-of-way table (links, foes, responses), built on first use. */
  junctionLinks(): JunctionLinks {
    return (this.linkTable ??= new JunctionLinks(this));
  }

  /** Axis-aligned bounds of all lane centrelines `[minX, minY, maxX, maxY]` (metres). */
  bounds(): [number, number, number, number] {
    let b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const lane of this.laneList) {
      const [x0, y0, x1, y1] = lane.centreline.bounds();
      b = [Math.min(b[0], x0), Math.min(b[1], y0), Math.max(b[2], x1), Math.max(b[3], y1)];
    }
    return b;
  }
}

/** Builds the runtime network from its spec. */
export function buildRoadNetwork(spec: RoadNetworkSpec): RoadNetwork {
  return new RoadNetwork(spec);
}
