/**
 * What every demand source (scenario flow or trip, SUMO vehicle or flow) provides, and the shared
 * timing helpers. Times come from the integer tick (`tick · dtS`), never from an accumulated float.
 */
import type { PendingVehicle } from "./PendingVehicle.js";

/** Floating-point slack when comparing due times with the clock (s). */
export const TIME_EPS_S = 1e-9;

/** A producer of vehicles. */
export interface DemandSource {
  /**
   * For a source that produces one vehicle at a fixed time (a trip, a SUMO vehicle): that time (s;
   * Infinity for never). The demand then calls `generate` only from that time on, instead of every
   * step — thousands of single trips would otherwise cost a call each per step.
   */
  readonly departS?: number;
  /** Appends the vehicles due at tick `tick` (time `tick · dtS`) to `queue`. */
  generate(tick: number, dtS: number, queue: PendingVehicle[]): void;
  /** The source's counters as JSON data. */
  state(): number[];
  restore(state: number[]): void;
}

/** Whether a new whole second of simulated time begins at `tick` (tick 0 counts): the second, or −1. */
export function secondStartingAt(tick: number, dtS: number): number {
  const now = Math.floor(tick * dtS + TIME_EPS_S);
  if (tick === 0) return now;
  return now !== Math.floor((tick - 1) * dtS + TIME_EPS_S) ? now : -1;
}
