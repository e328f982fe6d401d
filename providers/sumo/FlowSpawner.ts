/**
 * The schedule of the flows the SUMO provider inserts itself ({@link SpawnedFlow}: random routes,
 * and probabilities with both a count and an end), with SUMO's flow semantics:
 * - a rate of r veh/h departs vehicle k at `begin + k · 3600 / r`;
 * - a probability p per second inserts a vehicle in each step with probability `p · dt`;
 * - no departures at or after `end` (the flow's, else the episode's), none after `count`.
 * Vehicle type, driver and random routes are drawn from the provider's RNG, so a seed fixes them.
 * Vehicle ids are SUMO's flow ids: `<flow>.<n>`, n counting from 0.
 */
import type { Rng } from "../../core/random/Rng.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import type { VehicleType } from "../../spec/CompiledScenario.js";
import { RandomRoutes } from "./RandomRoutes.js";
import {
  departureOf,
  randomRouteDeparture,
  type SpawnedFlow,
  type SumoDeparture,
  sumoTypeId,
} from "./writeSumoDemand.js";

/** One vehicle to insert now. */
export interface SpawnRequest {
  /** SUMO (and roadgym) vehicle id. */
  vehicleId: string;
  /** SUMO vType id. */
  sumoTypeId: string;
  /** Road ids to drive. */
  edges: string[];
  departure: SumoDeparture;
  /** Whether the route was drawn at random (SUMO may still refuse it; the provider skips it then). */
  randomRoute: boolean;
}

interface FlowState {
  readonly id: string;
  readonly spec: SpawnedFlow["flow"];
  /** Departure slots used (rate flows). */
  slot: number;
  /** Vehicles inserted. */
  spawned: number;
}

/** Decides, step by step, which vehicles of the spawned flows depart. */
export class FlowSpawner {
  private readonly flows: FlowState[];
  private readonly network: RoadNetwork;
  private readonly vClassOf: Map<string, string>;
  private readonly rng: Rng;
  private readonly dtS: number;
  private readonly endS: number;
  private readonly routes: RandomRoutes;
  /** Random-route vehicles that could not be given a drivable route. */
  skipped = 0;

  constructor(
    flows: readonly SpawnedFlow[],
    options: {
      network: RoadNetwork;
      vehicleTypes: readonly VehicleType[];
      rng: Rng;
      dtS: number;
      durationS: number | null;
      routes?: RandomRoutes;
    },
  ) {
    this.flows = flows.map((f) => ({ id: f.id, spec: f.flow, slot: 0, spawned: 0 }));
    this.network = options.network;
    this.vClassOf = new Map(options.vehicleTypes.map((t) => [t.name, t.vClass]));
    this.rng = options.rng;
    this.dtS = options.dtS;
    this.endS = options.durationS ?? Infinity;
    this.routes = options.routes ?? new RandomRoutes(options.network);
  }

  /** Whether there are flows at all. */
  get empty(): boolean {
    return this.flows.length === 0;
  }

  /**
   * The vehicles departing in the step that starts at tick `startTick` (time `startTick · dt`), flows
   * in scenario order. Call once per step, ticks in order.
   */
  due(startTick: number): SpawnRequest[] {
    const out: SpawnRequest[] = [];
    const t = startTick * this.dtS;
    // Departure times are computed, not accumulated; the tolerance absorbs their rounding.
    const tol = 1e-9;
    for (const f of this.flows) {
      const spec = f.spec;
      const endS = Math.min(spec.endS ?? Infinity, this.endS);
      if (t + tol < spec.beginS) continue;
      if (spec.spawn.kind === "rate") {
        const periodS = 3600 / spec.spawn.ratePerHour;
        for (;;) {
          if (spec.count !== null && f.slot >= spec.count) break;
          const departS = spec.beginS + f.slot * periodS;
          if (departS > t + tol || departS >= endS - tol) break;
          f.slot++;
          this.spawn(f, out);
        }
      } else {
        if (t >= endS - tol || (spec.count !== null && f.slot >= spec.count)) continue;
        if (this.rng.chance(spec.spawn.probabilityPerS * this.dtS)) {
          f.slot++;
          this.spawn(f, out);
        }
      }
    }
    return out;
  }

  private spawn(f: FlowState, out: SpawnRequest[]): void {
    const spec = f.spec;
    const vehicle = spec.vehicles[this.rng.choice(spec.vehicles.map((w) => w.weight))].name;
    const driver = spec.drivers[this.rng.choice(spec.drivers.map((w) => w.weight))].name;
    let edges: string[] | undefined;
    let departure: SumoDeparture;
    if (spec.route.kind === "random") {
      edges = this.routes.trip(this.vClassOf.get(vehicle) ?? "passenger", this.rng);
      departure = randomRouteDeparture(spec.departSpeedMps);
    } else {
      edges = [...spec.route.roadIds];
      departure = departureOf(spec.route, spec.departSpeedMps, this.network);
    }
    if (!edges) {
      this.skipped++;
      return;
    }
    out.push({
      vehicleId: `${f.id}.${f.spawned++}`,
      sumoTypeId: sumoTypeId(vehicle, driver),
      edges,
      departure,
      randomRoute: spec.route.kind === "random",
    });
  }
}
