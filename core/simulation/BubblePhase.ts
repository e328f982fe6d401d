/**
 * The bubble phase's contract (DESIGN.md §4 phase 5, §6). `core` defines only this; the bubble
 * manager lives in `bubbles/` and the composition root (`compose/makeEnv`) hands it to the
 * simulation as `SimulationOptions.bubbles`. Phase 5 runs after collisions and events (so the
 * vehicles' poses are this tick's) and before the frame is built (so the frame shows the owners the
 * bubbles gave out). Every ownership change the bubbles make goes through the {@link BubbleHost},
 * whose calls are the simulation's own single-writer ownership functions.
 */
import type { RoadNetwork } from "../road/RoadNetwork.js";
import type { SocialAgentManager } from "../agents/SocialAgentManager.js";
import type { SimEvent } from "./SimEvent.js";

/** A vehicle as the bubble phase reads it (this tick, after physics and events). */
export interface BubbleVehicle {
  readonly id: string;
  /** Box centre, east (m). */
  readonly x: number;
  /** Box centre, north (m). */
  readonly y: number;
  /** Heading, counter-clockwise from east (rad). */
  readonly headingRad: number;
  /** Speed (m/s). */
  readonly speedMps: number;
  /** Owner: a provider name, `agent:<id>` or `social:<id>`. */
  readonly owner: string;
  /** Lane the vehicle is on ('' when unknown). */
  readonly laneId: string;
}

/** A bubble's outline at this tick, for frames and the viewer (the replay format's `bubbles`). */
export interface BubbleZoneView {
  /** The bubble's name. */
  readonly id: string;
  /** Zone outline, world metres. */
  readonly zone: [number, number][];
  /** Outer outline of the airlock margin (absent when the margin is 0). */
  readonly airlock?: [number, number][];
}

/** What the simulation lends its bubble phase. */
export interface BubbleHost {
  readonly network: RoadNetwork;
  /** Step length (s). */
  readonly dtS: number;
  /** The current tick. */
  tick(): number;
  /** Every vehicle now, in the simulation's (deterministic) order. Read-only; valid during the call. */
  vehicles(): readonly BubbleVehicle[];
  /** The vehicle with this id now, if any. */
  vehicle(id: string): BubbleVehicle | undefined;
  /** Names of the simulation's traffic providers, in order of preference. */
  providerNames(): readonly string[];
  /** The social agents (zoo and learning actors attach through it); null without `SimulationOptions.social`. */
  readonly social: SocialAgentManager | null;
  /**
   * Moves a provider-driven vehicle to provider `name` (it releases, `name` adds it with its pose,
   * speed and lane). Returns false, changing nothing, when `name` does not accept it.
   */
  handToProvider(vehicleId: string, name: string): Promise<boolean>;
  /** Records an event in this tick's frame. */
  pushEvent(event: SimEvent): void;
}

/** The bubble phase of a simulation. */
export interface SimulationBubbles {
  /** New episode: forget every cursor (called at the end of the simulation's reset, before frame 0). */
  reset(host: BubbleHost): void | Promise<void>;
  /** Phase 5: compute this tick's transitions and apply them. */
  step(host: BubbleHost): void | Promise<void>;
  /** The bubbles' outlines now (active bubbles only), for the frame. */
  zones(): readonly BubbleZoneView[];
  /** Every id a learning-agent bubble can give a captured vehicle (the env's possible agents). */
  learnerIds(): readonly string[];
  /** The phase's state as structured-cloneable data (simulation snapshots). */
  snapshot(): unknown;
  /** Returns to a state from `snapshot`. */
  restore(state: unknown): void;
}
