/**
 * Traffic only, the way SUMO runs it: the local provider drives a network's demand for a given time
 * and the run reports SUMO's end-of-run statistics (`--duration-log.statistics`): vehicles inserted,
 * running, waiting to be inserted and arrived; over the arrived trips the mean route length, duration
 * and speed (route length ÷ duration, averaged per trip, as SUMO does); collisions between traffic
 * vehicles; vehicles stuck for good; wall time and vehicle updates per wall-clock second (`ups`).
 *
 * The timed loop is everything a run does per step — signal states, the engine's step (the
 * provider's, less the reported state objects nobody reads here: the bookkeeping reads the engine's
 * columns), trip bookkeeping and collision detection — so `ups` compares with SUMO's UPS, which also
 * covers its whole step. Network loading and demand parsing come before the clock starts, as in SUMO.
 *
 * No agents take part, so the provider is handed an empty frame each step (a frame only tells a
 * provider about the vehicles it does not drive).
 */
import { CollisionPairs } from "../../core/events/CollisionPairs.js";
import { CollisionTracker } from "../../core/events/CollisionTracker.js";
import { CollisionScratch, detectCollisions } from "../../core/events/detectCollisions.js";
import { Rng } from "../../core/random/Rng.js";
import { GradeSeparation } from "../../core/road/GradeSeparation.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import { SignalSchedule } from "../../core/road/SignalSchedule.js";
import { VehicleBoxes } from "../../core/vehicles/VehicleBoxes.js";
import {
  BUILT_IN_VEHICLE_TYPES,
  SCENARIO_DEFAULTS,
  type Traffic,
  type VehicleType,
} from "../../spec/CompiledScenario.js";
import { ENGINE_PHASES } from "./engine/TrafficEngine.js";
import { FrameBuilder } from "./FrameBuilder.js";
import { LocalTrafficProvider } from "./LocalTrafficProvider.js";
import type { LocalTrafficOptions } from "./LocalTrafficOptions.js";

/** What to run. */
export interface TrafficRunOptions {
  network: RoadNetwork;
  /** Flows, trips and SUMO demand (missing lists are empty). */
  traffic: Partial<Traffic>;
  /** Simulated time to run (s); the run stops there whoever is still driving, as SUMO's `--end`. */
  endS: number;
  /**
   * Step length (s).
   * @default 0.1
   */
  dtS?: number;
  /**
   * Seed of the provider's RNG.
   * @default 1
   */
  seed?: number;
  /**
   * A vehicle standing (below 0.1 m/s) this long is counted as stuck — SUMO's `time-to-teleport`,
   * except that nothing is teleported: the vehicle is reported, so deadlocks show (s).
   * @default 300
   */
  stuckAfterS?: number;
  /**
   * Detect collisions between traffic vehicles every step (part of the timed loop).
   * @default true
   */
  collisions?: boolean;
  /**
   * Simulated time run before the clock starts (s): `wallSeconds` and `ups` cover only the rest;
   * the trip statistics cover the whole run.
   * @default 0
   */
  warmupS?: number;
  /** Provider settings. */
  provider?: LocalTrafficOptions;
  /** @default the built-in vehicle types */
  vehicleTypes?: readonly VehicleType[];
  /**
   * Time the engine's step phases and the run's own work (collision detection, trip bookkeeping):
   * {@link TrafficStatistics.phaseMs}.
   * @default false
   */
  profile?: boolean;
  /** Called every `progressEveryS` simulated seconds with the time reached (s). */
  onProgress?: (timeS: number, running: number) => void;
  /** @default 10 */
  progressEveryS?: number;
}

/** SUMO-style end-of-run statistics of a traffic-only run. */
export interface TrafficStatistics {
  /** Simulated time at the end (s). */
  endS: number;
  steps: number;
  /** Vehicles that entered the network. */
  inserted: number;
  /** Vehicles still driving at the end. */
  running: number;
  /** Vehicles due but not yet inserted at the end (no room). */
  waiting: number;
  /**
   * Vehicles dropped without entering because their source's insertion backlog was full (the
   * provider's `maxBacklog`; SUMO drops vehicles after `--max-depart-delay` the same way).
   */
  dropped: number;
  /** Vehicles that reached the end of their route. */
  arrived: number;
  /** Mean over arrived trips of route length ÷ duration (m/s). */
  meanSpeedMps: number;
  /** Mean duration of arrived trips, insertion to arrival (s). */
  meanDurationS: number;
  /** Mean distance driven by arrived trips (m). */
  meanRouteLengthM: number;
  /** Mean time arrived trips spent below 0.1 m/s (s; SUMO's WaitingTime). */
  meanWaitingTimeS: number;
  /** Collisions between traffic vehicles (each contact counted once, when it begins). */
  collisions: number;
  /** Vehicle ids of the first collisions, "a|b" (at most 10). */
  collisionPairs: string[];
  /** Vehicles that stood still for `stuckAfterS` or longer at some point (deadlock detection). */
  stuck: number;
  /** Ids of the first stuck vehicles (at most 10). */
  stuckIds: string[];
  /**
   * Vehicles teleported off the head of a jam and put back further along their routes, as SUMO's
   * `teleports` (the provider's `teleportAfterS`; see Jams.ts) — deadlocks met and resolved.
   */
  teleports: number;
  /** The first teleports (at most 10): "id@time s on lane". */
  teleportList: string[];
  /** Teleported vehicles whose routes had no road left to go back onto: removed, not counted as arrived. */
  removed: number;
  /** Longest time any vehicle stood still in one stretch (s). */
  longestStandS: number;
  /** Wall-clock time of the timed step loop (s). */
  wallSeconds: number;
  /**
   * CPU time the process spent in the timed step loop (s): on a machine shared with other jobs the
   * steadier measure of the engine's own cost.
   */
  cpuSeconds: number;
  /** Vehicle updates (vehicles moved, summed over steps) per wall-clock second. */
  ups: number;
  /** Simulated seconds per wall-clock second over the timed steps. */
  realTimeFactor: number;
  /** Mean number of vehicles per timed step. */
  meanRunning: number;
  /** Most vehicles at once. */
  maxRunning: number;
  /**
   * With `profile`: wall time per phase over the timed steps (ms) — the engine's (ENGINE_PHASES),
   * then `trips` (bookkeeping) and `collisions` (detection).
   */
  phaseMs?: Record<string, number>;
}

/** What the run keeps of each vehicle it has seen. */
interface Trip {
  readonly id: string;
  /** The engine's slot and sequence number of the vehicle (new ones after a teleport). */
  slot: number;
  seq: number;
  /** Collision box id (a per-run integer). */
  readonly box: number;
  readonly lengthM: number;
  readonly widthM: number;
  readonly departS: number;
  distanceM: number;
  waitingS: number;
  standS: number;
  stuck: boolean;
  lastX: number;
  lastY: number;
}

const STANDING_MPS = 0.1;

/** Runs the demand of `options.traffic` on `options.network` with the local provider alone. */
export function runTraffic(options: TrafficRunOptions): TrafficStatistics {
  const dtS = options.dtS ?? 0.1;
  if (!(dtS > 0)) throw new Error(`runTraffic: step length must be positive, got ${dtS}`);
  const steps = Math.round(options.endS / dtS);
  const stuckAfterS = options.stuckAfterS ?? 300;
  const vehicleTypes = options.vehicleTypes ?? BUILT_IN_VEHICLE_TYPES;
  const provider = new LocalTrafficProvider(options.provider);
  provider.setup({
    network: options.network,
    rng: new Rng(options.seed ?? 1).fork(`traffic:${provider.name}`),
    dtS,
    traffic: { name: null, flows: [], trips: [], sumoDemand: [], history: null, ...options.traffic },
    vehicleTypes,
    drivers: [SCENARIO_DEFAULTS.driver],
    durationS: options.endS,
    scenarioDir: ".",
  });
  const engine = provider.engineForTests;
  const profile = options.profile ?? false;
  const runMs = { signals: 0, trips: 0, collisions: 0 };
  const schedule = SignalSchedule.of(options.network);
  // No agents: every step's frame is empty (it only tells a provider about vehicles it does not
  // drive, and the signal states go with the step), so one frame serves the whole run.
  const emptyFrame = new FrameBuilder(vehicleTypes, provider.name).build(0, dtS, [], new Map());
  const levels = new GradeSeparation(options.network);
  const detect = options.collisions ?? true;
  const boxes = new VehicleBoxes();
  const pairs = new CollisionPairs();
  const scratch = new CollisionScratch();
  const tracker = new CollisionTracker<number>();
  let contactsOpen = false;
  const contacts: [number, number][] = [];
  const progressEvery = Math.max(1, Math.round((options.progressEveryS ?? 10) / dtS));

  // Trips of the vehicles driving, in the engine's step order (creation order: arrivals dropped,
  // newcomers appended), read straight from its columns; a vehicle keeps its slot and sequence number
  // while it drives, so one merge walk over last step's list pairs them, no lookups by id.
  const st = engine.st;
  let live: Trip[] = [];
  let nextLive: Trip[] = [];
  const liveIds = new Set<string>();
  const boxTrip: Trip[] = [];
  let inserted = 0,
    arrived = 0,
    sumDistance = 0,
    sumDuration = 0,
    sumSpeed = 0,
    sumWaiting = 0;
  let collisions = 0,
    stuck = 0,
    longestStand = 0,
    updates = 0,
    maxRunning = 0;
  const collisionPairs: string[] = [];
  const stuckIds: string[] = [];
  // Teleports: a vehicle taken off waits off the road and comes back under its id — its trip goes on.
  const offRoad = new Map<string, Trip>();
  let teleportsSeen = 0,
    removed = 0;
  const teleportList: string[] = [];

  const arrive = (t: Trip, timeS: number): void => {
    liveIds.delete(t.id);
    arrived++;
    const durationS = timeS - t.departS;
    sumDistance += t.distanceM;
    sumDuration += durationS;
    sumWaiting += t.waitingS;
    if (durationS > 0) sumSpeed += t.distanceM / durationS;
  };

  /** Vehicles teleported in the current step: whether each has a road to go back onto. */
  const teleportedNow = new Map<string, boolean>();
  /** A vehicle of the last step missing now: arrived, teleported (off the road, or back already) or removed. */
  const gone = (t: Trip, timeS: number): void => {
    const landing = teleportedNow.get(t.id);
    if (landing === undefined) arrive(t, timeS);
    else {
      liveIds.delete(t.id);
      if (landing) offRoad.set(t.id, t);
      else removed++;
    }
  };

  const see = (step: number): void => {
    const timeS = step * dtS;
    const log = provider.teleports;
    teleportedNow.clear();
    for (; teleportsSeen < log.length; teleportsSeen++) {
      const e = log[teleportsSeen];
      teleportedNow.set(e.id, e.toRoadId !== null);
      if (teleportList.length < 10) teleportList.push(`${e.id}@${e.timeS.toFixed(1)} s on ${e.laneId}`);
    }
    const c = st.cols;
    const n = st.count;
    const prevN = live.length;
    nextLive.length = n;
    let j = 0;
    for (let i = 0; i < n; i++) {
      const v = st.order[i];
      const seq = c.seq[v];
      // Vehicles of the last step missing now have arrived, been teleported or removed.
      while (j < prevN && live[j].seq !== seq) gone(live[j++], timeS);
      const x = c.x[v],
        y = c.y[v];
      if (j === prevN) {
        const id = st.ids[v];
        if (liveIds.has(id)) throw new Error(`runTraffic: vehicle ${id} was reported out of creation order`);
        liveIds.add(id);
        const back = offRoad.get(id);
        if (back !== undefined) {
          // Back from a teleport: the same trip, from where it lands.
          offRoad.delete(id);
          back.slot = v;
          back.seq = seq;
          back.lastX = x;
          back.lastY = y;
          back.standS = 0;
          nextLive[i] = back;
          continue;
        }
        const t: Trip = {
          id,
          slot: v,
          seq,
          box: boxTrip.length,
          lengthM: c.lengthM[v],
          widthM: c.widthM[v],
          departS: timeS,
          distanceM: 0,
          waitingS: 0,
          standS: 0,
          stuck: false,
          lastX: x,
          lastY: y,
        };
        boxTrip.push(t);
        nextLive[i] = t;
        inserted++;
        continue;
      }
      const t = live[j++];
      nextLive[i] = t;
      t.slot = v; // slots move when the engine closes the holes arrivals leave
      const dx = x - t.lastX;
      const dy = y - t.lastY;
      if (dx !== 0 || dy !== 0) {
        t.distanceM += Math.sqrt(dx * dx + dy * dy);
        t.lastX = x;
        t.lastY = y;
      }
      if (c.speedMps[v] < STANDING_MPS) {
        t.waitingS += dtS;
        t.standS += dtS;
        if (t.standS > longestStand) longestStand = t.standS;
        if (!t.stuck && t.standS >= stuckAfterS) {
          t.stuck = true;
          stuck++;
          if (stuckIds.length < 10) stuckIds.push(t.id);
        }
      } else t.standS = 0;
    }
    while (j < prevN) gone(live[j++], timeS);
    const swap = live;
    live = nextLive;
    nextLive = swap;
  };

  const laneIdOf = (t: Trip): string => st.index.lane(st.cols.lane[t.slot]).id;
  const collide = (tick: number): void => {
    boxes.clear();
    const c = st.cols;
    for (let i = 0; i < live.length; i++) {
      const t = live[i];
      const v = t.slot;
      boxes.add(t.box, c.x[v], c.y[v], c.headingRad[v], t.lengthM, t.widthM);
    }
    detectCollisions(boxes, pairs, scratch);
    if (pairs.count === 0 && !contactsOpen) return;
    contacts.length = 0;
    for (let k = 0; k < pairs.count; k++) {
      const a = boxes.ids[pairs.first(k)],
        b = boxes.ids[pairs.second(k)];
      if (!levels.separates(laneIdOf(boxTrip[a]), laneIdOf(boxTrip[b]))) contacts.push([a, b]);
    }
    for (const e of tracker.update(tick, contacts)) {
      collisions++;
      if (collisionPairs.length < 10) collisionPairs.push(`${boxTrip[e.a].id}|${boxTrip[e.b].id}`);
    }
    contactsOpen = contacts.length > 0;
  };

  let signals = schedule.update(0);
  see(0);
  let runningSum = 0;
  const warmupSteps = Math.min(steps, Math.round((options.warmupS ?? 0) / dtS));
  let t0 = performance.now();
  let cpu0 = process.cpuUsage();
  for (let tick = 1; tick <= steps; tick++) {
    if (tick === warmupSteps + 1) {
      t0 = performance.now();
      cpu0 = process.cpuUsage();
      engine.profile = profile;
      engine.phaseMs.fill(0);
    }
    const timed = profile && tick > warmupSteps;
    let tp = timed ? performance.now() : 0;
    signals = schedule.update(tick * dtS);
    if (timed) {
      const t = performance.now();
      runMs.signals += t - tp;
      tp = t;
    }
    if (tick > warmupSteps) updates += st.count;
    engine.step(tick, emptyFrame, provider.name, signals);
    if (timed) tp = performance.now();
    see(tick);
    const running = st.count;
    if (tick > warmupSteps) runningSum += running;
    if (running > maxRunning) maxRunning = running;
    if (timed) {
      const t = performance.now();
      runMs.trips += t - tp;
      tp = t;
    }
    if (detect) collide(tick);
    if (timed) runMs.collisions += performance.now() - tp;
    if (options.onProgress && tick % progressEvery === 0) options.onProgress(tick * dtS, running);
  }
  const wallSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const waiting = provider.waiting;
  const dropped = provider.dropped;
  const running = st.count;
  const teleports = provider.teleports.length;
  const phaseMs = profile
    ? { ...Object.fromEntries(ENGINE_PHASES.map((name, k) => [name, engine.phaseMs[k]])), ...runMs }
    : undefined;
  provider.teardown();
  return {
    endS: steps * dtS,
    steps,
    inserted,
    running,
    waiting,
    dropped,
    arrived,
    meanSpeedMps: arrived > 0 ? sumSpeed / arrived : 0,
    meanDurationS: arrived > 0 ? sumDuration / arrived : 0,
    meanRouteLengthM: arrived > 0 ? sumDistance / arrived : 0,
    meanWaitingTimeS: arrived > 0 ? sumWaiting / arrived : 0,
    collisions,
    collisionPairs,
    stuck,
    stuckIds,
    teleports,
    teleportList,
    removed,
    longestStandS: longestStand,
    wallSeconds,
    cpuSeconds,
    ups: wallSeconds > 0 ? updates / wallSeconds : 0,
    realTimeFactor: wallSeconds > 0 ? ((steps - warmupSteps) * dtS) / wallSeconds : 0,
    meanRunning: steps > warmupSteps ? runningSum / (steps - warmupSteps) : 0,
    maxRunning,
    ...(phaseMs ? { phaseMs } : {}),
  };
}
