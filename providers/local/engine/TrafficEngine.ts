/**
 * The local traffic engine: vehicles as columns (VehicleColumns), lanes as ordered lists (LaneLists),
 * and one step as a list of phases over them. The provider (LocalTrafficProvider) puts the contract
 * of core/simulation/TrafficProvider.ts on top.
 *
 * One step, in this order:
 * 1. foreign vehicles — the previous frame's vehicles the engine does not drive take slots, on lanes
 *    (everything below reacts to them);
 * 2. perceive (parallel) — leaders along each path, braking for slower lanes, junction registrations;
 *    each vehicle reads the state as it was at the start of the step and writes only its own slot;
 * 3. junctions (sequential) — right of way and signals from all registrations (a decision must see
 *    every vehicle approaching);
 * 4. lane changes (sequential, creation order: each sees the changes made before it) — after the
 *    decisions, which they do not affect, and before anyone moves, so safety is judged where the
 *    vehicles are;
 * 5. accelerate and move (parallel) — plan, then execute, from what was perceived; never past the
 *    leader or a closed line;
 * 6. commit (sequential, creation order) — lane transitions, arrivals, occupancy, lane order, stuck
 *    vehicles re-routed, jam heads teleported, paths topped up;
 * 7. demand — teleported vehicles go back on, due vehicles are generated and inserted where there is
 *    room (after movement: insertion sees everyone's new position);
 * 8. poses (parallel) — the reported pose of every vehicle that moved.
 * The parallel phases give the same result for any split of the vehicles (each vehicle reads the
 * state at the start of the phase and writes only its own slot), so a runner that splits them over
 * threads gives results bit-identical to this thread's. Randomness: the setup's RNG in the sequential phases
 * (demand, routes, re-routing), and for driver imperfection a hash of a key drawn from it, the tick
 * and the vehicle's sequence number.
 */
import { planRoute } from "../../../core/road/planRoute.js";
import type { Road } from "../../../core/road/Road.js";
import type { Rng } from "../../../core/random/Rng.js";
import type { SimFrame } from "../../../core/simulation/SimFrame.js";
import type { ProviderSetup } from "../../../core/simulation/TrafficProvider.js";
import { Demand } from "../Demand.js";
import type { LocalNetwork } from "../LocalNetwork.js";
import type { ResolvedLocalTrafficOptions } from "../LocalTrafficOptions.js";
import type { PendingVehicle } from "../PendingVehicle.js";
import { VehicleFactory } from "../VehicleFactory.js";
import { commitMove, moveOccupants, removeOccupants } from "./commit.js";
import { clearForeign, syncForeign } from "./foreign.js";
import { Inserter } from "./insertion.js";
import { integrate } from "./integrate.js";
import { headOfJam, landingOf, type Teleport } from "./jams.js";
import { Junctions } from "./junctions.js";
import { LaneChanger } from "./laneChanges.js";
import { perceive } from "./perceive.js";
import { publishPoses } from "./poses.js";
import { NO_CHANGE_ROAD_M, RoutePlanner } from "./RoutePlanner.js";
import { TrafficState } from "./TrafficState.js";
import { PATH_CAPACITY, PathEnd, SlotKind } from "./VehicleColumns.js";

/**
 * What decides where a pending vehicle goes in: its first road, lane rule and position rule. Once one
 * vehicle finds no room for a key in a step, the others with that key wait too (SUMO's default,
 * without `--eager-insert`).
 */
function insertionKey(p: PendingVehicle): string {
  const pos = p.pos;
  return `${p.route[0]}\u0000${p.lane}\u0000${pos.kind}\u0000${"sM" in pos ? pos.sM : ""}`;
}

/** A vehicle counts as standing at a dead lane end below this speed (m/s) and within this distance (m). */
const STUCK_SPEED_MPS = 0.1;
const STUCK_DISTANCE_M = 3;

/** Names of the timed phases, in step order. */
export const ENGINE_PHASES = [
  "foreign",
  "perceive",
  "junctions",
  "laneChanges",
  "move",
  "commit",
  "demand",
  "poses",
] as const;

/** Runs a parallel phase over the driven vehicles, split however it likes, or all on this thread. */
export interface PhaseRunner {
  perceive(st: TrafficState): void;
  integrate(st: TrafficState, tick: number): void;
  publish(st: TrafficState): void;
}

/** The single-threaded runner. */
export const SINGLE_THREAD: PhaseRunner = {
  perceive: (st) => perceive(st, 0, st.count),
  integrate: (st, tick) => integrate(st, tick, 0, st.count),
  publish: (st) => publishPoses(st, 0, st.count),
};

export class TrafficEngine {
  readonly st: TrafficState;
  readonly rng: Rng;
  readonly options: ResolvedLocalTrafficOptions;
  readonly planner: RoutePlanner;
  readonly changer: LaneChanger;
  readonly inserter: Inserter;
  readonly junctions: Junctions;
  readonly factory: VehicleFactory;
  readonly demand: Demand;
  /** Slot of each driven vehicle by id. */
  readonly slotOf = new Map<string, number>();
  /** Teleported vehicles waiting to go back on the road, in the order they were taken off. */
  teleporting: PendingVehicle[] = [];
  /** Every teleport of the episode, in order. */
  readonly teleports: Teleport[] = [];
  /** Wall time per phase (ms), summed since the last reset, when `profile` is on. */
  readonly phaseMs = new Float64Array(ENGINE_PHASES.length);
  profile = false;
  runner: PhaseRunner = SINGLE_THREAD;

  constructor(setup: ProviderSetup, options: ResolvedLocalTrafficOptions, net: LocalNetwork, shared: boolean) {
    this.rng = setup.rng;
    this.options = options;
    const key = setup.rng.fork("imperfection").getState().key;
    this.st = new TrafficState(net, setup.dtS, key, shared);
    this.st.bendLateralMps2 = options.bendLateralAccelMps2;
    this.planner = new RoutePlanner(net, this.rng);
    this.changer = new LaneChanger(this.planner, {
      safeDecelMps2: options.safeDecelMps2,
      keepRightBiasMps2: options.keepRightBiasMps2,
      durationS: options.laneChangeDurationS,
      intervalSteps: options.laneChangeIntervalSteps,
    });
    this.inserter = new Inserter(net, this.planner);
    this.junctions = new Junctions(this.st);
    this.factory = new VehicleFactory(net, this.rng, this.planner, setup.vehicleTypes, setup.drivers);
    this.demand = new Demand(setup, this.factory, options.maxBacklog);
  }

  get net(): LocalNetwork {
    return this.st.net;
  }

  /** One step at tick `tick` (see the module comment for the phases). */
  step(tick: number, frame: SimFrame | null, owner: string, signals: ReadonlyMap<string, string>): void {
    const st = this.st;
    st.tick = tick;
    const prof = this.profile;
    let t0 = prof ? performance.now() : 0;
    const lap = (k: number) => {
      if (!prof) return;
      const t = performance.now();
      this.phaseMs[k] += t - t0;
      t0 = t;
    };
    clearForeign(st);
    if (st.compactIfSparse()) this.afterCompaction();
    if (frame !== null) syncForeign(st, frame, owner, (id) => this.slotOf.has(id));
    lap(0);
    this.runner.perceive(st);
    lap(1);
    this.junctions.run(st, tick, signals);
    lap(2);
    this.changer.run(st, tick);
    lap(3);
    this.runner.integrate(st, tick);
    lap(4);
    this.commit();
    lap(5);
    this.insertDue(tick);
    lap(6);
    this.runner.publish(st);
    lap(7);
  }

  /** Phase 6 (see the module comment). */
  private commit(): void {
    const st = this.st;
    moveOccupants(st);
    let left = 0;
    for (let i = 0; i < st.count; i++) {
      const v = st.order[i];
      if (commitMove(st, this.planner, v)) {
        this.remove(v);
        left++;
        continue;
      }
      this.checkStuck(v);
      if (this.checkJam(v)) left++;
    }
    if (left > 0) st.compact();
  }

  /** Takes driven slot `v` off the road and frees it (the step order is compacted by the caller). */
  private remove(v: number): void {
    removeOccupants(this.st, v);
    this.slotOf.delete(this.st.ids[v]);
    this.junctions.sweeps.forget(v);
    this.st.release(v);
  }

  /** Counts the time `v` stands at a dead lane end; past the limit, it takes any way on from there. */
  private checkStuck(v: number): void {
    const st = this.st;
    const c = st.cols;
    if (
      c.pathEnd[v] !== PathEnd.Dead ||
      c.speedMps[v] > STUCK_SPEED_MPS ||
      c.pathDistM[v] - c.s[v] - c.halfLengthM[v] > STUCK_DISTANCE_M
    ) {
      c.stuckS[v] = 0;
      return;
    }
    c.stuckS[v] += st.dtS;
    const base = v * PATH_CAPACITY;
    const n = c.pathLen[v];
    const last = st.index.lane(c.pathLane[base + n - 1]);
    if (c.stuckS[v] < this.options.stuckRerouteS || last.internal || last.outLinks.length === 0) return;
    c.stuckS[v] = 0;
    // The route index of the path's last lane: one more per normal lane after the current one.
    let ri = c.routeIndex[v];
    for (let k = 1; k < n; k++) if (st.index.laneInternal[c.pathLane[base + k]] === 0) ri++;
    const vClass = st.vClasses[v];
    const endless = c.endless[v] === 1;
    // An endless route takes a way that can be driven on for ever, where the lane has one.
    const forever = endless ? last.outLinks.filter((l) => this.planner.drivesForever(l.to.road, vClass)) : [];
    const ways = forever.length > 0 ? forever : last.outLinks;
    const link = ways[ways.length === 1 ? 0 : this.rng.int(ways.length)];
    const route = st.routes[v];
    const dest = route[route.length - 1];
    const kept = route.slice(0, ri + 1);
    kept.push(link.to.road);
    // Onto a road too short to change lanes on, the way on is the one its lane leads to.
    let from = link.to;
    while (from.lengthM < NO_CHANGE_ROAD_M && from.outLinks.length > 0 && kept.length < route.length + 8) {
      const outs = from.outLinks;
      const out = outs[outs.length === 1 ? 0 : this.rng.int(outs.length)];
      kept.push(out.to.road);
      from = out.to;
    }
    const reached = kept[kept.length - 1];
    if (!endless && dest !== reached) {
      const rest = planRoute(this.net.net, reached.id, dest.id);
      if (rest) kept.push(...rest.roads.slice(1));
      else c.arrivalS[v] = Infinity;
    }
    st.routes[v] = kept;
    this.planner.plan(st, v, true);
    this.planner.updateStrategy(st, v);
  }

  /**
   * Counts the time `v` stands at the head of a jam; at `teleportAfterS` takes it off the road
   * (jams.ts) and returns true.
   */
  private checkJam(v: number): boolean {
    const st = this.st;
    const c = st.cols;
    const limit = this.options.teleportAfterS;
    if (limit <= 0 || !headOfJam(st, v)) {
      c.jamS[v] = 0;
      return false;
    }
    c.jamS[v] += st.dtS;
    if (c.jamS[v] < limit) return false;
    const landing = landingOf(st, v);
    this.teleports.push({
      id: st.ids[v],
      timeS: st.tick * st.dtS,
      laneId: st.index.lane(c.lane[v]).id,
      standS: c.jamS[v],
      toRoadId: landing?.route[0] ?? null,
    });
    this.remove(v);
    if (landing !== null) this.teleporting.push(landing);
    return true;
  }

  /**
   * Generates the demand due at `tick` and inserts waiting vehicles while there is room. Each demand
   * source's queue is served in order (its first vehicle first), and the queue heads wait per
   * insertion key — first road, lane rule, position rule — in the order they came: once one finds no
   * room, the others with its key wait too (SUMO's default, without `--eager-insert`). So a step tries
   * once per road where vehicles wait, however many wait there.
   */
  insertDue(tick: number): void {
    const pending = this.teleporting;
    if (pending.length > 0) {
      let kept = 0;
      for (let i = 0; i < pending.length; i++) {
        const p = pending[i];
        if (this.slotOf.has(p.id)) continue; // the id came back meanwhile (handed over): dropped
        if (!this.tryInsert(p)) pending[kept++] = p;
      }
      pending.length = kept;
    }
    const demand = this.demand;
    demand.generate(tick, this.st.dtS);
    for (const q of demand.fresh) this.enqueueHead(q);
    const queues = demand.queues;
    // Keys, not entries: the entry iterator allocates a pair per key and step.
    for (const key of this.heads.keys()) {
      const fifo = this.heads.get(key)!;
      while (fifo.length > 0) {
        const q = fifo[0];
        const queue = queues[q];
        const p = queue[0];
        if (!this.slotOf.has(p.id) && !this.tryInsert(p)) break;
        // In, or an id already on the road (a duplicate in the demand): dropped either way.
        queue.shift();
        fifo.shift();
        if (queue.length > 0) this.enqueueHead(q);
      }
      if (fifo.length === 0) this.heads.delete(key);
    }
    demand.dropEmptyQueues();
  }
  /** Queue heads waiting, per insertion key, in the order they joined (Map order: the order keys appeared). */
  readonly heads = new Map<string, number[]>();

  /** Puts the head of demand queue `q` behind the others waiting with its key. */
  enqueueHead(q: number): void {
    const key = insertionKey(this.demand.queues[q][0]);
    const fifo = this.heads.get(key);
    if (fifo === undefined) this.heads.set(key, [q]);
    else fifo.push(q);
  }

  /** Places `p` if there is room now, as the newest vehicle; false when it must wait. */
  private tryInsert(p: PendingVehicle): boolean {
    const st = this.st;
    if (this.inserter.spotTaken(st, p)) return false;
    const v = st.allocate(SlotKind.Driven);
    this.inserter.fill(st, v, p, st.nextSeq);
    if (!this.inserter.tryPlace(st, v, p)) {
      st.release(v);
      return false;
    }
    st.nextSeq++;
    this.admit(v);
    return true;
  }

  /** Puts a placed slot on the road: its occupant, the step order, the id map. */
  admit(v: number): void {
    const st = this.st;
    const c = st.cols;
    st.lists.insert(3 * v, c.lane[v], c.s[v]);
    const prev = c.prevLane[v];
    if (prev >= 0 && c.s[v] < c.halfLengthM[v]) st.lists.insert(3 * v + 1, prev, st.index.laneLength[prev] + c.s[v]);
    st.push(v);
    this.slotOf.set(st.ids[v], v);
    this.junctions.sweeps.forget(v);
    st.cols.poseDirty[v] = 1;
  }

  /** Frees every slot (the provider's teardown). */
  clear(): void {
    this.st.reset();
    this.slotOf.clear();
    this.teleporting = [];
    this.teleports.length = 0;
    this.heads.clear();
    this.junctions.reset();
  }

  /** Drops a driven vehicle at once (handed to someone else). */
  release(id: string): boolean {
    const v = this.slotOf.get(id);
    if (v === undefined) return false;
    this.remove(v);
    this.st.compact();
    return true;
  }

  /** Resolves a handed-over vehicle's route: what is left of `roadIds` from `here` on, gaps bridged (else endless). */
  routeFrom(here: Road, before: Road | null, roadIds: readonly string[]): { roads: Road[]; fixed: boolean } {
    const net = this.net.net;
    const roads: Road[] = before === null ? [] : [before];
    const start = roadIds.indexOf(here.id);
    roads.push(here);
    let fixed = start >= 0;
    if (fixed) {
      for (const id of roadIds.slice(start + 1)) {
        const next = net.road(id);
        const prev = roads[roads.length - 1];
        if (!next || next.kind !== "normal") {
          fixed = false;
          break;
        }
        if (prev.successors.includes(next)) roads.push(next);
        else {
          const leg = planRoute(net, prev.id, next.id);
          if (!leg) break;
          roads.push(...leg.roads.slice(1));
        }
      }
    }
    return { roads, fixed };
  }

  /** Slots moved (TrafficState.compactIfSparse): the id map and the sweep cache follow. */
  private afterCompaction(): void {
    const st = this.st;
    this.slotOf.clear();
    for (let i = 0; i < st.count; i++) this.slotOf.set(st.ids[st.order[i]], st.order[i]);
    this.junctions.sweeps.clear();
  }

  /** Places the vehicles of `frame` not driven here as foreign ones (agents already on the road at setup). */
  placeForeign(frame: SimFrame, owner: string): void {
    syncForeign(this.st, frame, owner, (id) => this.slotOf.has(id));
  }
}
