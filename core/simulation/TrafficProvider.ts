/**
 * The traffic-provider contract (DESIGN.md §5, trimmed from SMARTS): a provider moves the vehicles it
 * owns, inserts new ones from its demand, and can take over vehicles that agents let go. `core`
 * defines the contract only; concrete providers live in `providers/` and are handed to the
 * simulation by the composition root (`compose/makeEnv`), never imported here.
 *
 * Life cycle, per episode: `setup` (after the simulation's reset) → `step` once per tick (phase 2)
 * → `teardown`. Between steps the simulation reads `vehicles()`: a vehicle id that appears there for
 * the first time is a new vehicle owned by this provider; an id that is gone has left the
 * simulation (arrived). `release` takes a vehicle away (an agent or bubble now drives it); `add`
 * gives one to the provider (hand-back), which must then report it in `vehicles()` from the next
 * step on, continuing from the pose and speed it was given.
 *
 * Determinism: a provider draws randomness only from the `rng` it is given, mints vehicle ids only
 * from its own counters (or scenario names), and reports vehicles in a deterministic order.
 */
import type { RoadNetwork } from "../road/RoadNetwork.js";
import type { Rng } from "../random/Rng.js";
import type { SimFrame } from "./SimFrame.js";
import type { Driver, Traffic, VehicleType } from "../../spec/CompiledScenario.js";

/** A vehicle as a provider reports it after a step (world frame, SI units). */
export interface ProviderVehicleState {
  /** Stable id, unique in the simulation (providers prefix their own, e.g. `flow-a-12`). */
  readonly id: string;
  /** A vehicle type id of the scenario (`passenger`, `truck`, …). */
  readonly typeId: string;
  /** Box centre, east (m). */
  x: number;
  /** Box centre, north (m). */
  y: number;
  /** Heading, counter-clockwise from east (rad). */
  headingRad: number;
  /** Speed along the heading (m/s). */
  speedMps: number;
  /** Longitudinal acceleration over the last step (m/s²). */
  accelerationMps2: number;
  /** Lane the vehicle is on, '' when unknown. */
  laneId: string;
}

/** A vehicle being handed to a provider: its state and what is left of its route. */
export interface HandoverVehicle extends ProviderVehicleState {
  /** Normal road ids still to drive, the current road first; empty when unknown (drive on at random). */
  readonly routeRoadIds: readonly string[];
}

/** What a provider gets at the start of an episode. */
export interface ProviderSetup {
  readonly network: RoadNetwork;
  /** This provider's own RNG, forked from the episode's (`rng.fork("traffic:<name>")`). */
  readonly rng: Rng;
  /** Step length (s). */
  readonly dtS: number;
  /** The episode's traffic (the scenario's, or its variation's). */
  readonly traffic: Traffic;
  /** The scenario's vehicle types, built-ins first. */
  readonly vehicleTypes: readonly VehicleType[];
  /** The scenario's drivers, `default` first (variation overrides applied). */
  readonly drivers: readonly Driver[];
  /** Episode length (s); null: open-ended. */
  readonly durationS: number | null;
  /** The scenario file's folder, for resolving relative paths (route files, maps, datasets). */
  readonly scenarioDir: string;
  /**
   * The vehicles already on the road when the provider is set up (the agents due at time 0), so that
   * vehicles inserted at setup are not placed on top of them. Absent: none.
   */
  readonly placed?: SimFrame;
  /**
   * Ids of vehicles the episode's agents take the place of (Agent.replaces: recorded vehicles an
   * agent drives instead): a provider that has one never reports it this episode. Absent: none.
   */
  readonly excludedIds?: readonly string[];
}

/** What a provider gets each tick. */
export interface ProviderStep {
  /** The tick being computed. */
  readonly tick: number;
  /** Step length (s). */
  readonly dtS: number;
  /** The previous tick's frame: every vehicle, the provider's own and everyone else's. */
  readonly frame: SimFrame;
  /** Current signal state per traffic-light id (SUMO state strings). */
  readonly signals: ReadonlyMap<string, string>;
}

/** A traffic provider. Methods may return promises (an external simulator); the step loop awaits them. */
export interface TrafficProvider {
  /** Owner name in ownership records and frames: `local`, `sumo`, `history`, … */
  readonly name: string;
  /** Starts an episode. Vehicles present at tick 0 are reported by `vehicles()` after this. */
  setup(setup: ProviderSetup): void | Promise<void>;
  /** Moves owned vehicles by one step and inserts / removes vehicles per the demand. */
  step(step: ProviderStep): void | Promise<void>;
  /** The vehicles this provider drives now, in a deterministic order. The array may be reused. */
  vehicles(): readonly ProviderVehicleState[];
  /** Whether the provider can take over this vehicle (e.g. it is on a lane the provider drives). */
  canAccept(vehicle: HandoverVehicle): boolean;
  /** Takes over a vehicle (only after `canAccept` said yes). */
  add(vehicle: HandoverVehicle): void | Promise<void>;
  /**
   * What is left of the route vehicle `id` drives on: normal road ids, the road it is on (inside a
   * junction: the road it enters) first; empty when it has no fixed route (random, endless) or is not
   * this provider's. Optional: a provider without it hands over no routes. A bubble's zoo actor keeps
   * it for the release, so the vehicle goes back to traffic going where it was going.
   */
  routeOf?(id: string): readonly string[];
  /** Stops driving vehicle `id`: someone else owns it from now on. */
  release(id: string): void | Promise<void>;
  /** The provider's full state as JSON-compatible data (for simulation snapshots). */
  snapshot(): unknown;
  /** Returns to a state from `snapshot`. */
  restore(state: unknown): void | Promise<void>;
  /** Ends the episode (closes external processes). */
  teardown(): void | Promise<void>;
}
