/**
 * `LocalTrafficProvider`: background traffic computed in-process (DESIGN.md §5, §8) — IDM car
 * following, MOBIL lane changes, junction right of way and signals — behind the provider contract of
 * core/simulation/TrafficProvider.ts. The work is the engine's (engine/TrafficEngine.ts: vehicles as
 * columns, one step as a list of phases); this class hands it the frame and the signals, reports its
 * vehicles, and takes vehicles over from agents and bubbles (`canAccept`, `add`) or lets them go
 * (`release`).
 */
import type {
  HandoverVehicle,
  ProviderSetup,
  ProviderStep,
  ProviderVehicleState,
  TrafficProvider,
} from "../../core/simulation/TrafficProvider.js";
import type { Road } from "../../core/road/Road.js";
import { writePose } from "./engine/poses.js";
import { restoreEngine, saveEngine } from "./engine/snapshot.js";
import { TrafficEngine } from "./engine/TrafficEngine.js";
import { SlotKind } from "./engine/VehicleColumns.js";
import type { Teleport } from "./engine/jams.js";
import { resetMotion } from "./engine/insertion.js";
import { LocalNetwork, type LaneData } from "./LocalNetwork.js";
import {
  LOCAL_TRAFFIC_DEFAULTS,
  type LocalTrafficOptions,
  type ResolvedLocalTrafficOptions,
} from "./LocalTrafficOptions.js";

/** A handed-over vehicle must be this close to a lane centreline (m)… */
export const ACCEPT_DISTANCE_M = 2;
/** …and heading within this of the lane direction (rad). */
export const ACCEPT_HEADING_RAD = Math.PI / 3;
/** Corrections of a handed-over vehicle's lane coordinates towards its pose (each halves the error many times over). */
const HANDOVER_POSE_ITERATIONS = 3;
/** A handed-over vehicle's pose is corrected only where its lane coordinates would show it further off than this (m). */
const HANDOVER_POSE_TOLERANCE_M = 0.2;

export class LocalTrafficProvider implements TrafficProvider {
  readonly name: string;
  private readonly options: ResolvedLocalTrafficOptions;
  private engine: TrafficEngine | null = null;
  private tables: LocalNetwork | null = null;
  /** Reported states, one object per slot (reused), listed in step order. */
  private readonly stateOf: ProviderVehicleState[] = [];
  private readonly states: ProviderVehicleState[] = [];

  constructor(options: LocalTrafficOptions = {}) {
    this.options = { ...LOCAL_TRAFFIC_DEFAULTS, ...options };
    this.name = this.options.name;
  }

  setup(setup: ProviderSetup): void {
    if (this.tables === null || this.tables.net !== setup.network) {
      this.tables = new LocalNetwork(setup.network);
    }
    this.engine = new TrafficEngine(setup, this.options, this.tables, false);
    const e = this.engine;
    e.st.tick = 0;
    if (setup.placed) e.placeForeign(setup.placed, this.name);
    e.insertDue(0);
    e.runner.publish(e.st);
    this.publish();
  }

  step(step: ProviderStep): void {
    const e = this.live();
    e.step(step.tick, step.frame, this.name, step.signals);
    this.publish();
  }

  vehicles(): readonly ProviderVehicleState[] {
    return this.states;
  }

  canAccept(vehicle: HandoverVehicle): boolean {
    if (this.engine === null) return false;
    return this.locate(vehicle) !== null;
  }

  add(vehicle: HandoverVehicle): void {
    const e = this.live();
    if (e.slotOf.has(vehicle.id))
      throw new Error(`local traffic: vehicle "${vehicle.id}" is already driven by "${this.name}"`);
    const at = this.locate(vehicle);
    if (at === null)
      throw new Error(
        `local traffic: cannot take over vehicle "${vehicle.id}": no drivable lane within ${ACCEPT_DISTANCE_M} m in its direction`,
      );
    const st = e.st;
    const type = e.factory.type(vehicle.typeId);
    const driver = e.factory.profile(e.factory.defaultDriver, type);
    const v = st.allocate(SlotKind.Driven);
    const c = st.cols;
    const { lane, s, t } = at;
    // Its route: what is left of the one it had, from the road it is on (inside a junction: the road it leaves).
    const link = lane.internal ? lane.link : null;
    const here: Road = link !== null ? link.to.road : lane.road;
    const route = e.routeFrom(here, link !== null ? link.from.road : null, vehicle.routeRoadIds);
    e.inserter.fill(
      st,
      v,
      {
        id: vehicle.id,
        typeId: vehicle.typeId,
        vClass: type.vClass,
        lengthM: type.lengthM,
        widthM: type.widthM,
        maxSpeedMps: type.maxSpeedMps,
        maxDecelMps2: type.decelMps2,
        driver,
        route: route.roads.map((r) => r.id),
        endless: !route.fixed,
        lane: 0,
        pos: { kind: "centre", sM: s },
        speed: 0,
        arrivalS: null,
      },
      st.nextSeq++,
    );
    resetMotion(st, v);
    c.lane[v] = lane.ordinal;
    c.s[v] = s;
    c.t[v] = t;
    c.speedMps[v] = Math.max(0, vehicle.speedMps);
    c.lastAccelMps2[v] = vehicle.accelerationMps2;
    if (link !== null) {
      c.curLink[v] = link.index;
      let before = 0;
      for (const via of link.vias) {
        if (via === lane) break;
        before += via.lengthM;
      }
      c.sinceLinkM[v] = before + s;
    }
    e.planner.plan(st, v, true);
    if (!lane.internal) e.planner.updateStrategy(st, v);
    // Round a bend the body posed from (s, t) — bumpers on the path — lies inside the point at (s, t):
    // where that is more than a little (a bus in a turn), move (s, t) by the difference (lane frame at
    // s), so the vehicle is shown where it was. A car on a gentle curve is left where its lane
    // coordinates put it: evenly spaced vehicles stay evenly spaced.
    writePose(st, v);
    let ex = vehicle.x - c.x[v],
      ey = vehicle.y - c.y[v];
    if (ex * ex + ey * ey < HANDOVER_POSE_TOLERANCE_M * HANDOVER_POSE_TOLERANCE_M) ex = ey = 0;
    for (let k = 0; k < HANDOVER_POSE_ITERATIONS && ex * ex + ey * ey >= 1e-6; k++) {
      const h = lane.segHeading[lane.lane.centreline.segmentAt(c.s[v])];
      const cos = Math.cos(h),
        sin = Math.sin(h);
      c.s[v] = Math.min(Math.max(c.s[v] + ex * cos + ey * sin, 0), Math.max(lane.lengthM - 1e-6, 0));
      c.t[v] += -ex * sin + ey * cos;
      writePose(st, v);
      ex = vehicle.x - c.x[v];
      ey = vehicle.y - c.y[v];
    }
    if (Math.abs(c.t[v]) > 1e-3) {
      c.lcT0[v] = c.t[v];
      c.lcProgress[v] = 0;
      c.lcDistM[v] = e.changer.lateralDistance(c.speedMps[v]);
    }
    e.admit(v);
    c.poseDirty[v] = 0;
    // The others' states are as published: only the newcomer's joins them (at the end, as in `vehicles`).
    this.states.push(this.stateFor(v));
  }

  routeOf(id: string): readonly string[] {
    const e = this.engine;
    const v = e?.slotOf.get(id);
    if (e === null || v === undefined) return [];
    const st = e.st;
    const c = st.cols;
    if (c.endless[v] === 1) return [];
    // Inside a junction the route index is still the road it left.
    const from = c.routeIndex[v] + (st.index.laneInternal[c.lane[v]] === 1 ? 1 : 0);
    return st.routes[v].slice(from).map((r) => r.id);
  }

  release(id: string): void {
    const e = this.live();
    const v = e.slotOf.get(id);
    if (v === undefined) return;
    const state = this.stateOf[v];
    e.release(id);
    const k = this.states.indexOf(state);
    if (k >= 0) this.states.splice(k, 1);
  }

  snapshot(): unknown {
    return saveEngine(this.live());
  }

  restore(state: unknown): void {
    restoreEngine(this.live(), state);
    this.publish();
  }

  teardown(): void {
    this.engine?.clear();
    this.engine = null;
    this.states.length = 0;
  }

  /** Vehicles waiting in insertion queues (for tests and benchmarks). */
  get waiting(): number {
    return this.engine?.demand.waiting ?? 0;
  }

  /** Vehicles dropped so far because their demand source's insertion backlog was full (see `maxBacklog`). */
  get dropped(): number {
    return this.engine?.demand.dropped ?? 0;
  }

  /** Every teleport of the episode so far, in order (see engine/jams.ts). */
  get teleports(): readonly Teleport[] {
    return this.engine?.teleports ?? [];
  }

  /** The engine (for runTraffic, benchmarks and tests). */
  get engineForTests(): TrafficEngine {
    return this.live();
  }

  private live(): TrafficEngine {
    if (this.engine === null) throw new Error(`local traffic provider "${this.name}": setup() must come first`);
    return this.engine;
  }

  /** The reported state object of slot `v`, refreshed from the columns. */
  private stateFor(v: number): ProviderVehicleState {
    const st = this.engine!.st;
    const c = st.cols;
    let s = this.stateOf[v];
    const id = st.ids[v];
    if (s === undefined || s.id !== id) {
      s = this.stateOf[v] = {
        id,
        typeId: st.typeIds[v],
        x: 0,
        y: 0,
        headingRad: 0,
        speedMps: 0,
        accelerationMps2: 0,
        laneId: "",
      };
    }
    s.x = c.x[v];
    s.y = c.y[v];
    s.headingRad = c.headingRad[v];
    s.speedMps = c.speedMps[v];
    s.accelerationMps2 = c.lastAccelMps2[v];
    s.laneId = st.index.lane(c.lane[v]).id;
    return s;
  }

  /** Refreshes the reported states, in step order. */
  private publish(): void {
    const states = this.states;
    states.length = 0;
    const e = this.engine;
    if (e === null) return;
    const st = e.st;
    for (let i = 0; i < st.count; i++) states.push(this.stateFor(st.order[i]));
  }

  /** The lane a handed-over vehicle would continue on, with its lane coordinates, or null. */
  private locate(h: HandoverVehicle): { lane: LaneData; s: number; t: number } | null {
    const e = this.live();
    const net = e.net;
    const near = net.net.nearestLane(h.x, h.y, { maxDistM: ACCEPT_DISTANCE_M });
    if (!near) return null;
    const lane = net.of(near.lane);
    const type = e.factory.type(h.typeId);
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
}
