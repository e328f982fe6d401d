/**
 * What every demand source (scenario flow or trip, SUMO vehicle or flow) provides, and the shared
 * timing helpers. Times come from the integer tick (`tick · dtS`), never from an accumulated float.
 */
import type { PendingVehicle } from "./PendingVehicle.js";

/** Floating-point slack when comparing due times with the clock (s). */
export const TIME_EPS_S = 1e-9;

/**
 * The insertion backlog's bound: at most this many vehicles wait in one source's queue. A vehicle
 * that comes due while its queue is full is dropped, as SUMO drops the vehicles that waited longer
 * than `--max-depart-delay`: it draws nothing, uses up its id, and is counted
 * (`LocalTrafficProvider.dropped`). SUMO bounds the wait in seconds, which holds rate × delay
 * vehicles — unbounded for an absurd rate (`1e9 veh/h` is 27,778 vehicles a 0.1 s step). A count
 * bounds memory at any rate (a waiting vehicle is ~0.5 KB, so ~0.5 MB a flow). 1,000 vehicles is
 * far beyond any road's intake (one lane takes ~2,000 an hour): a queue that long only builds when
 * demand exceeds what the network can take in for the best part of an hour. The provider option
 * `maxBacklog` (`roadgym traffic --max-backlog`) changes it.
 */
export const DEFAULT_MAX_BACKLOG = 1000;

/** A producer of vehicles. */
export interface DemandSource {
  /**
   * For a source that produces one vehicle at a fixed time (a trip, a SUMO vehicle): that time (s;
   * Infinity for never). The demand then calls `generate` only from that time on, instead of every
   * step — thousands of single trips would otherwise cost a call each per step.
   */
  readonly departS?: number;
  /**
   * Appends the vehicles due at tick `tick` (time `tick · dtS`) to `queue`, while it holds fewer
   * than `capacity`; the vehicles due beyond that are dropped without drawing anything (ids used
   * up). Returns how many were dropped.
   */
  generate(tick: number, dtS: number, queue: PendingVehicle[], capacity: number): number;
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

/**
 * How many vehicles of an evenly spaced series (vehicle `n` due at `beginS + n · periodS`, s) are
 * due by time `t` (s): those due no later than `t`, before `endS` and, when `count` is not null,
 * among the first `count` — the test a series' generate loop applies one vehicle at a time,
 * answered at once so that a full queue can skip any number of them.
 */
export function evenlySpacedDue(
  beginS: number,
  periodS: number,
  t: number,
  endS: number,
  count: number | null,
): number {
  const isDue = (n: number) =>
    (count === null || n < count) && beginS + n * periodS < endS - TIME_EPS_S && beginS + n * periodS <= t + TIME_EPS_S;
  let n = Math.max(0, Math.floor((Math.min(t, endS) - beginS) / periodS)); // within one or two of the answer
  if (count !== null) n = Math.min(n, count);
  while (n > 0 && !isDue(n - 1)) n--;
  while (isDue(n)) n++;
  return n;
}
