/**
 * Arc-length positions along a planned route: where a lane coordinate lies on the route, in metres
 * from the start of the route's first road, counting road lengths and the shortest junction
 * connector chain between consecutive roads, as {@link planRoute} does, but with geometric
 * (centreline) lengths: SUMO maps may state lane lengths that differ from their shapes (the paper
 * double-merge map states twice the drawn length), and progress must be metres actually driven.
 * A road's length is the mean of its lanes' centreline lengths.
 *
 * A position on a normal road is its fraction along the lane times the road's length, so every lane
 * of a road maps its start to the same route position and its end to the next: changing lanes does
 * not change the position (on curves, where lanes differ in length, it stays continuous). Inside a
 * junction, a connector chain that leads from a route road to the next one maps the same way onto
 * the route's connector length between those roads.
 */
import type { Lane } from "../../road/Lane.js";
import type { Road } from "../../road/Road.js";

/** Where an internal lane lies on a connector chain between route roads `gap` and `gap + 1`. */
interface ConnectorPlace {
  gap: number;
  /** Length of the chain before this lane (metres). */
  beforeM: number;
  /** Length of the whole chain (metres). */
  chainM: number;
}

export class RouteArcLength {
  /** Length of the whole route along centrelines (metres). */
  readonly lengthM: number;
  /** Route position of the start of road `i` (metres). */
  private readonly roadStartM: Float64Array;
  private readonly roadLengthM: Float64Array;
  /** Connector length between road `i` and `i + 1` (metres). */
  private readonly gapLengthM: Float64Array;
  /** Route indices at which each road occurs (a route may pass a road more than once). */
  private readonly occurrences = new Map<Road, number[]>();
  private readonly connectorPlaces = new Map<Lane, ConnectorPlace[]>();

  constructor(roads: readonly Road[]) {
    const n = roads.length;
    this.roadStartM = new Float64Array(n);
    this.roadLengthM = new Float64Array(n);
    this.gapLengthM = new Float64Array(n);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const road = roads[i];
      this.roadStartM[i] = at;
      let sum = 0;
      for (const lane of road.lanes) sum += lane.centreline.length;
      this.roadLengthM[i] = sum / road.lanes.length;
      at += this.roadLengthM[i];
      if (i + 1 < n) {
        const shortest = this.addConnectorChains(i, road, roads[i + 1]);
        this.gapLengthM[i] = Number.isFinite(shortest) ? shortest : 0;
        at += this.gapLengthM[i];
      }
      const list = this.occurrences.get(road);
      if (list) list.push(i);
      else this.occurrences.set(road, [i]);
    }
    this.lengthM = at;
  }

  /**
   * Records every internal lane on a chain from a lane of `from` to a lane of `to`; returns the
   * shortest chain's length (metres; 0 when the roads meet directly, Infinity when they do not meet).
   */
  private addConnectorChains(gap: number, from: Road, to: Road): number {
    let shortest = Infinity;
    const chain: Lane[] = [];
    const visit = (lane: Lane): void => {
      for (const next of lane.successors) {
        if (next.road === to) {
          let chainM = 0;
          for (const c of chain) chainM += c.centreline.length;
          shortest = Math.min(shortest, chainM);
          let beforeM = 0;
          for (const c of chain) {
            const places = this.connectorPlaces.get(c) ?? [];
            if (!places.some((p) => p.gap === gap)) places.push({ gap, beforeM, chainM });
            this.connectorPlaces.set(c, places);
            beforeM += c.centreline.length;
          }
        } else if (next.isInternal && !chain.includes(next)) {
          chain.push(next);
          visit(next);
          chain.pop();
        }
      }
    };
    for (const lane of from.lanes) visit(lane);
    return shortest;
  }

  /**
   * Route position (metres) of lane coordinate `s` (metres along `lane`'s centreline), or NaN when
   * the lane is not on the route. Where the route passes the lane more than once, the occurrence
   * nearest to `nearM` (the previous position; NaN: the first occurrence) wins. Allocation-free.
   */
  position(lane: Lane, s: number, nearM = Number.NaN): number {
    let best = Number.NaN;
    const fraction = lane.centreline.length > 0 ? s / lane.centreline.length : 0;
    if (!lane.isInternal) {
      const list = this.occurrences.get(lane.road);
      if (!list) return Number.NaN;
      for (let k = 0; k < list.length; k++) {
        const i = list[k];
        const p = this.roadStartM[i] + fraction * this.roadLengthM[i];
        if (Number.isNaN(best) || Math.abs(p - nearM) < Math.abs(best - nearM)) best = p;
      }
      return best;
    }
    const places = this.connectorPlaces.get(lane);
    if (!places) return Number.NaN;
    for (let k = 0; k < places.length; k++) {
      const { gap, beforeM, chainM } = places[k];
      const along = chainM > 0 ? (beforeM + s) / chainM : 0;
      const p = this.roadStartM[gap] + this.roadLengthM[gap] + along * this.gapLengthM[gap];
      if (Number.isNaN(best) || Math.abs(p - nearM) < Math.abs(best - nearM)) best = p;
    }
    return best;
  }
}
