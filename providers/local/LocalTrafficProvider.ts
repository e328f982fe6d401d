/**
 * `LocalTrafficProvider`: background traffic computed in-process (DESIGN.md §5, §8) — IDM car
 * following, MOBIL lane changes, junction right of way and signals — behind the provider contract of
 * core/simulation/TrafficProvider.ts.
 *
 * One step, in this order:
 * 1. foreign vehicles: the previous frame's vehicles the provider does not drive (agents) are placed
 *    on lanes, so everything below reacts to them;
 * 2. lane changes (MOBIL + strategic), vehicle by vehicle, each seeing the changes made before it —
 *    before perception, so that every leader found afterwards reflects this step's lane choices;
 * 3. perception: leaders along each path, braking for slower lanes, junction registrations;
 * 4. junction decisions (all registrations are in: decisions see every approaching vehicle);
 * 5. accelerations from what was perceived — all computed before anyone moves (plan, then execute);
 * 6. movement, lane transitions and arrivals; occupant lists re-sorted; stuck vehicles re-routed;
 *    heads of jams standing too long teleported (Jams.ts);
 * 7. demand: teleported vehicles go back on, due vehicles are generated into their queues and
 *    inserted where there is room — last, so insertion checks see everybody's new position;
 * 8. the reported states (box centre pose from lane + offset).
 * Vehicles are handled in creation order throughout; randomness comes only from the setup's RNG.
 */
import type {
  HandoverVehicle,
  ProviderSetup,
  ProviderStep,
  ProviderVehicleState,
  TrafficProvider,
} from "../../core/simulation/TrafficProvider.js";
import { planRoute } from "../../core/road/planRoute.js";
import type { Road } from "../../core/road/Road.js";
import { headOfJam, landingOf, type Teleport } from "./Jams.js";
import { LocalNetwork, type LaneData } from "./LocalNetwork.js";
import { addOccupants, removeOccupants, restoreWorld, saveWorld } from "./LocalTrafficSnapshot.js";
import { PathEnd, TrafficVehicle } from "./TrafficVehicle.js";
import {
  LOCAL_TRAFFIC_DEFAULTS,
  TrafficWorld,
  type LocalTrafficOptions,
  type ResolvedLocalTrafficOptions,
} from "./TrafficWorld.js";
import { accelerate, groupOf, move, perceive, sortListsOf, StepScratch, updateOccupancy } from "./VehicleStep.js";

/** A handed-over vehicle must be this close to a lane centreline (m)… */
export const ACCEPT_DISTANCE_M = 2;
/** …and heading within this of the lane direction (rad). */
export const ACCEPT_HEADING_RAD = Math.PI / 3;
/** Corrections of a handed-over vehicle's lane coordinates towards its pose (each halves the error many times over). */
const HANDOVER_POSE_ITERATIONS = 3;
/** A handed-over vehicle's pose is corrected only where its lane coordinates would show it further off than this (m). */
const HANDOVER_POSE_TOLERANCE_M = 0.2;
/** A vehicle counts as standing at a dead lane end below this speed (m/s) and within this distance (m). */
const STUCK_SPEED_MPS = 0.1;
const STUCK_DISTANCE_M = 3;

export class LocalTrafficProvider implements TrafficProvider {
  readonly name: string;
  private readonly options: ResolvedLocalTrafficOptions;
  private world: TrafficWorld | null = null;
  private tables: LocalNetwork | null = null;
  private readonly states: ProviderVehicleState[] = [];
  private readonly scratch = new StepScratch();
  private readonly group = (reg: Parameters<typeof groupOf>[1], out: Parameters<typeof groupOf>[2]) =>
    groupOf(this.scratch, reg, out);

  constructor(options: LocalTrafficOptions = {}) {
    this.options = { ...LOCAL_TRAFFIC_DEFAULTS, ...options };
    this.name = this.options.name;
  }

  setup(setup: ProviderSetup): void {
    if (this.tables === null || this.tables.net !== setup.network) this.tables = new LocalNetwork(setup.network);
    else this.tables.reset();
    this.world = new TrafficWorld(setup, this.options, this.tables);
    this.world.tick = 0;
    if (setup.placed) this.world.foreign.sync(setup.placed, this.name, this.world.byId);
    this.insertDue(0);
    this.publish();
  }

  step(step: ProviderStep): void {
    const w = this.live();
    w.tick = step.tick;
    const tick = step.tick;
    // 1. foreign vehicles
    w.foreign.sync(step.frame, this.name, w.byId);
    // 2. lane changes
    const list = w.vehicles;
    const n = list.length;
    const interval = this.options.laneChangeIntervalSteps;
    for (let i = 0; i < n; i++) {
      const v = list[i];
      w.changer.consider(v, (tick + v.seq) % interval === 0);
    }
    // 3. perception and registrations
    this.scratch.reserve(n);
    w.arbiter.begin(tick, step.signals);
    for (let i = 0; i < n; i++) {
      const v = list[i];
      v.stepIndex = i;
      perceive(w, i, v, this.scratch);
    }
    w.foreign.register(w.arbiter);
    // 4. junction decisions
    w.arbiter.decide(this.group);
    // 5. accelerations
    for (let i = 0; i < n; i++) accelerate(w, i, list[i], this.scratch);
    // 6. movement; the vehicles that stay move down over those that left (order kept; `i` stays each
    // vehicle's step index, and slot `kept` ≤ `i` has been handled already)
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const v = list[i];
      let leaves: boolean;
      if (move(w, i, v, this.scratch)) {
        removeOccupants(v);
        w.byId.delete(v.id);
        leaves = true;
      } else {
        updateOccupancy(v);
        this.checkStuck(v);
        leaves = this.checkJam(v);
      }
      if (!leaves) list[kept++] = v;
    }
    if (kept < n) w.vehicles = list.slice(0, kept);
    for (const v of w.vehicles) sortListsOf(v, tick);
    // 7. demand
    this.insertDue(tick);
    // 8. states
    this.publish();
  }

  vehicles(): readonly ProviderVehicleState[] {
    return this.states;
  }

  canAccept(vehicle: HandoverVehicle): boolean {
    const w = this.world;
    if (w === null) return false;
    return this.locate(vehicle) !== null;
  }

  add(vehicle: HandoverVehicle): void {
    const w = this.live();
    if (w.byId.has(vehicle.id))
      throw new Error(`local traffic: vehicle "${vehicle.id}" is already driven by "${this.name}"`);
    const at = this.locate(vehicle);
    if (at === null)
      throw new Error(
        `local traffic: cannot take over vehicle "${vehicle.id}": no drivable lane within ${ACCEPT_DISTANCE_M} m in its direction`,
      );
    const type = w.factory.type(vehicle.typeId);
    const v = new TrafficVehicle({
      id: vehicle.id,
      seq: w.nextSeq++,
      typeId: vehicle.typeId,
      vClass: type.vClass,
      lengthM: type.lengthM,
      widthM: type.widthM,
      maxSpeedMps: type.maxSpeedMps,
      maxDecelMps2: type.decelMps2,
      driver: w.factory.profile(w.factory.defaultDriver, type),
    });
    const { lane, s, t } = at;
    v.lane = lane;
    v.s = s;
    v.t = t;
    v.speedMps = Math.max(0, vehicle.speedMps);
    v.lastAccelMps2 = vehicle.accelerationMps2;
    this.routeForHandover(v, vehicle.routeRoadIds);
    w.planner.plan(v, true);
    if (!lane.internal) w.planner.updateStrategy(v);
    // Round a bend the body posed from (s, t) — bumpers on the path — lies inside the point at
    // (s, t): where that is more than a little (a bus in a turn), move (s, t) by the difference (lane
    // frame at s), so the vehicle is shown where it was. A car on a gentle curve is left where its
    // lane coordinates put it: evenly spaced vehicles stay evenly spaced.
    v.writeState();
    let ex = vehicle.x - v.state.x,
      ey = vehicle.y - v.state.y;
    if (ex * ex + ey * ey < HANDOVER_POSE_TOLERANCE_M * HANDOVER_POSE_TOLERANCE_M) ex = ey = 0;
    for (let k = 0; k < HANDOVER_POSE_ITERATIONS && ex * ex + ey * ey >= 1e-6; k++) {
      const h = lane.segHeading[lane.lane.centreline.segmentAt(v.s)];
      const c = Math.cos(h),
        sn = Math.sin(h);
      v.s = Math.min(Math.max(v.s + ex * c + ey * sn, 0), Math.max(lane.lengthM - 1e-6, 0));
      v.t += -ex * sn + ey * c;
      v.writeState();
      ex = vehicle.x - v.state.x;
      ey = vehicle.y - v.state.y;
    }
    if (Math.abs(v.t) > 1e-3) {
      v.lcT0 = v.t;
      v.lcProgress = 0;
      v.lcDistM = w.changer.lateralDistance(v.speedMps);
    }
    addOccupants(v);
    w.vehicles.push(v);
    w.byId.set(v.id, v);
    // The others' states are as published: only the newcomer's joins them (at the end, as in `vehicles`).
    this.states.push(v.state);
  }

  release(id: string): void {
    const w = this.live();
    const v = w.byId.get(id);
    if (!v) return;
    removeOccupants(v);
    w.byId.delete(id);
    w.vehicles = w.vehicles.filter((x) => x !== v);
    const k = this.states.indexOf(v.state);
    if (k >= 0) this.states.splice(k, 1);
  }

  snapshot(): unknown {
    return saveWorld(this.live());
  }

  restore(state: unknown): void {
    restoreWorld(this.live(), state);
    this.publish();
  }

  teardown(): void {
    if (this.world !== null) {
      this.world.foreign.clear();
      this.tables?.reset();
    }
    this.world = null;
    this.states.length = 0;
  }

  /** Vehicles waiting in insertion queues (for tests and benchmarks). */
  get waiting(): number {
    return this.world?.demand.waiting ?? 0;
  }

  /** Vehicles dropped so far because their demand source's insertion backlog was full (see `maxBacklog`). */
  get dropped(): number {
    return this.world?.demand.dropped ?? 0;
  }

  /** Every teleport of the episode so far, in order (see Jams.ts). */
  get teleports(): readonly Teleport[] {
    return this.world?.teleports ?? [];
  }

  private live(): TrafficWorld {
    if (this.world === null) throw new Error(`local traffic provider "${this.name}": setup() must come first`);
    return this.world;
  }

  /** Generates the demand due at `tick` and inserts queue heads while there is room. */
  private insertDue(tick: number): void {
    const w = this.live();
    // Teleported vehicles first, each as soon as its landing road has room.
    const pending = w.teleporting;
    if (pending.length > 0) {
      const made = w.teleportCandidates;
      let kept = 0;
      for (let i = 0; i < pending.length; i++) {
        const p = pending[i];
        if (w.byId.has(p.id)) continue; // the id came back meanwhile (handed over): dropped
        const v = made[i] ?? w.inserter.create(p, w.nextSeq);
        v.setSeq(w.nextSeq);
        if (!w.inserter.tryPlace(v, p)) {
          pending[kept] = p;
          made[kept++] = v;
          continue;
        }
        w.nextSeq++;
        addOccupants(v);
        v.writeState();
        w.vehicles.push(v);
        w.byId.set(v.id, v);
      }
      pending.length = kept;
      made.length = kept;
    }
    w.demand.generate(tick, w.dtS);
    const queues = w.demand.queues;
    for (const q of w.demand.busyQueues()) {
      const queue = queues[q];
      while (queue.length > 0) {
        const p = queue[0];
        if (w.byId.has(p.id)) {
          queue.shift(); // an id already on the road (duplicate in the demand): dropped
          w.candidates[q] = null;
          continue;
        }
        let v = w.candidates[q];
        if (v === null) {
          v = w.inserter.create(p, w.nextSeq);
          w.candidates[q] = v;
        }
        v.setSeq(w.nextSeq); // unique among everything placed so far, whichever queue placed last
        if (!w.inserter.tryPlace(v, p)) break;
        queue.shift();
        w.candidates[q] = null;
        w.nextSeq++;
        addOccupants(v);
        v.writeState();
        w.vehicles.push(v);
        w.byId.set(v.id, v);
      }
    }
    w.demand.dropEmptyQueues();
  }

  /** Refreshes the reported states. */
  private publish(): void {
    const w = this.world;
    const states = this.states;
    states.length = 0;
    if (w === null) return;
    for (const v of w.vehicles) {
      v.writeState();
      states.push(v.state);
    }
  }

  /** The lane a handed-over vehicle would continue on, with its lane coordinates, or null. */
  private locate(h: HandoverVehicle): { lane: LaneData; s: number; t: number } | null {
    const w = this.live();
    const near = w.net.net.nearestLane(h.x, h.y, { maxDistM: ACCEPT_DISTANCE_M });
    if (!near) return null;
    const lane = w.net.of(near.lane);
    const type = w.factory.type(h.typeId);
    // Normal lanes and junction connectors only (not pedestrian crossings or walking areas).
    if ((lane.internal && lane.link === null) || !near.lane.allows(type.vClass)) return null;
    const c = near.lane.centreline;
    const s = Math.min(Math.max(near.s, 0), Math.max(lane.lengthM - 1e-6, 0));
    const dh = Math.atan2(
      Math.sin(h.headingRad - c.segmentHeading(c.segmentAt(s))),
      Math.cos(h.headingRad - c.segmentHeading(c.segmentAt(s))),
    );
    if (Math.abs(dh) > ACCEPT_HEADING_RAD) return null;
    return { lane, s, t: near.t };
  }

  /** Sets the route of a handed-over vehicle from what is left of its route (or an endless one). */
  private routeForHandover(v: TrafficVehicle, roadIds: readonly string[]): void {
    const w = this.live();
    const net = w.net.net;
    let here: Road = v.lane.road;
    const roads: Road[] = [];
    if (v.lane.internal) {
      const link = v.lane.link;
      if (link !== null) {
        here = link.to.road;
        roads.push(link.from.road);
        v.curLink = link;
        let before = 0;
        for (const via of link.vias) {
          if (via === v.lane) break;
          before += via.lengthM;
        }
        v.sinceLinkM = before + v.s;
      }
    }
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
    v.route = roads;
    v.routeIndex = 0;
    v.endless = !fixed;
    v.arrivalS = Infinity;
  }

  /** Counts time standing at a dead lane end; past the limit, takes any way on from there. */
  /**
   * Counts the time `v` stands at the head of a jam; at `teleportAfterS` takes it off the road (see
   * Jams.ts) and returns true — the caller drops it from the vehicle list.
   */
  private checkJam(v: TrafficVehicle): boolean {
    const w = this.live();
    const limit = this.options.teleportAfterS;
    if (limit <= 0 || !headOfJam(v)) {
      v.jamS = 0;
      return false;
    }
    v.jamS += w.dtS;
    if (v.jamS < limit) return false;
    const landing = landingOf(v);
    w.teleports.push({
      id: v.id,
      timeS: w.tick * w.dtS,
      laneId: v.lane.id,
      standS: v.jamS,
      toRoadId: landing?.route[0] ?? null,
    });
    removeOccupants(v);
    w.byId.delete(v.id);
    if (landing !== null) {
      w.teleporting.push(landing);
      w.teleportCandidates.push(null);
    }
    return true;
  }

  private checkStuck(v: TrafficVehicle): void {
    const w = this.live();
    if (
      v.pathEnd !== PathEnd.Dead ||
      v.speedMps > STUCK_SPEED_MPS ||
      v.pathDistM - v.s - v.halfLength > STUCK_DISTANCE_M
    ) {
      v.stuckS = 0;
      return;
    }
    v.stuckS += w.dtS;
    const last = v.path[v.pathLen - 1];
    if (v.stuckS < this.options.stuckRerouteS || last.internal || last.outLinks.length === 0) return;
    v.stuckS = 0;
    // The route index of the path's last lane: one more per normal lane after the current one.
    let ri = v.routeIndex;
    for (let k = 1; k < v.pathLen; k++) if (!v.path[k].internal) ri++;
    // An endless route takes a way that can be driven on for ever, where the lane has one.
    const forever = v.endless ? last.outLinks.filter((l) => w.planner.drivesForever(l.to.road, v.vClass)) : [];
    const ways = forever.length > 0 ? forever : last.outLinks;
    const link = ways[ways.length === 1 ? 0 : w.rng.int(ways.length)];
    const dest = v.route[v.route.length - 1];
    const kept = v.route.slice(0, ri + 1);
    kept.push(link.to.road);
    if (!v.endless && dest !== link.to.road) {
      const rest = planRoute(w.net.net, link.to.road.id, dest.id);
      if (rest) kept.push(...rest.roads.slice(1));
      else v.arrivalS = Infinity;
    }
    v.route = kept;
    w.planner.plan(v, true);
    w.planner.updateStrategy(v);
  }
}
