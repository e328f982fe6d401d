/**
 * Everything needed to continue a simulation bit-identically (`Simulation.snapshot()` /
 * `restore()`): the clock, seed and RNG, the physics world, the vehicle table (owners by name), the
 * scenario agents, every provider's state, the collision tracker, the social agents and bubbles, and
 * the last frame. Plain structured-cloneable data, kept in memory.
 */
import type { CollisionTrackerState } from "../events/CollisionTracker.js";
import type { PhysicsSnapshot } from "../physics/PhysicsSnapshot.js";
import type { RngState } from "../random/Rng.js";
import type { SocialAgentsSnapshot } from "../agents/SocialAgentManager.js";
import type { ScenarioAgentsSnapshot } from "./ScenarioAgents.js";
import type { SimFrame } from "./SimFrame.js";
import type { VehicleRecordData } from "./VehicleTable.js";

/** A simulation's whole state. */
export interface SimulationSnapshot {
  tick: number;
  seed: number;
  /** The episode's variation (−1 without variations). */
  variationIndex: number;
  rng: RngState;
  physics: PhysicsSnapshot;
  vehicles: { vehicles: VehicleRecordData[]; nextBoxId: number; generation: number };
  agents: ScenarioAgentsSnapshot;
  providers: { name: string; state: unknown }[];
  collisions: CollisionTrackerState<number>;
  episodeOver: boolean;
  social: SocialAgentsSnapshot | null;
  bubbles: unknown;
  frame: SimFrame;
}
