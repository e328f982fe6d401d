import type { RoadNetworkSpec } from "./RoadNetworkSpec.js";

/**
 * Size figures of a road network, counted the way SUMO's sumolib counts a `.net.xml`
 * (see `scripts/sumoMapCounts.py`, which writes the golden figures these are tested against).
 */
export interface MapStats {
  /** Normal roads (SUMO edges without a `function`); excludes internal, crossing, walkingarea, connector. */
  edges: number;
  /** Lanes of the roads counted in `edges`. */
  lanes: number;
  /** Lanes of internal (junction connector) roads; crossing and walkingarea lanes are not counted. */
  internalLanes: number;
  /** Junctions, excluding SUMO's `internal` junction nodes (the `:J_0_0` waiting points inside a junction). */
  junctions: number;
  /** Summed `lengthM` of the lanes counted in `lanes`, in metres, rounded to 0.01 m. */
  laneLengthM: number;
  /** Distinct traffic-light ids, from signal programs and from connections' `tlId`. */
  tls: number;
}

/** Counts a network's edges, lanes, junctions and traffic lights as SUMO does (see {@link MapStats}). */
export function mapStats(spec: RoadNetworkSpec): MapStats {
  let edges = 0;
  let lanes = 0;
  let internalLanes = 0;
  let laneLengthM = 0;
  for (const road of spec.roads) {
    if (road.kind === "normal") {
      edges++;
      lanes += road.lanes.length;
      for (const lane of road.lanes) laneLengthM += lane.lengthM;
    } else if (road.kind === "internal") {
      internalLanes += road.lanes.length;
    }
  }
  const junctions = spec.junctions.filter((j) => j.type !== "internal").length;
  const tlIds = new Set<string>(spec.signals.map((s) => s.id));
  for (const c of spec.connections) if (c.tlId !== undefined) tlIds.add(c.tlId);
  return {
    edges,
    lanes,
    internalLanes,
    junctions,
    laneLengthM: Math.round(laneLengthM * 100) / 100,
    tls: tlIds.size,
  };
}
