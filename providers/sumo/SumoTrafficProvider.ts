/**
 * A traffic provider that runs Eclipse SUMO (`sumo`, 1.15+) on the scenario's SUMO network and
 * demand and drives it over TraCI (DESIGN.md §5).
 *
 * Setup writes the scenario's flows and trips as a route file (`writeSumoDemand`), starts SUMO on the
 * network with that file and the scenario's own SUMO route files, seeded from the provider's RNG, and
 * subscribes to departures, arrivals and every traffic light. Each step then:
 *
 *   1. resumes vehicles handed back one step ago (SUMO's models drive them again, on their route);
 *   2. mirrors the vehicles SUMO does not drive, from the previous frame: vehicles it let go follow
 *      their new driver (`moveToXY` anywhere, `setSpeed`, no safety checks or lane changes), and agent
 *      or other providers' vehicles appear as remote-controlled "ghosts" — so SUMO's traffic sees and
 *      reacts to them with the same one-step latency as every other mover;
 *   3. inserts the vehicles of flows SUMO cannot express itself (`FlowSpawner`);
 *   4. steps SUMO and reads the subscriptions: new vehicles are subscribed to their front-bumper
 *      position, angle, speed, acceleration, lane and type, converted to roadgym's box-centre pose.
 *
 * Handing over: `release` leaves the vehicle in SUMO, remote-controlled from the frames (step 2).
 * `add` places it where it will be after the coming step at its speed — so SUMO reports it there,
 * with no jump — and SUMO's car-following and lane-change models take over from the step after, on the
 * route it was given (or its own, or a random continuation). A vehicle SUMO never had is inserted the
 * same way (its ghost goes).
 *
 * Tick k of the simulation is SUMO's time `k · dt` (k steps from 0): vehicles departing at time 0
 * appear at tick 1. `vehicles()` lists SUMO's vehicles in departure order (same step: by id).
 *
 * Traffic-light states come from SUMO (`signalStates()`). SUMO reports, after the step to time t,
 * the state its vehicles drove under during that step — the state at `t − dt` — so at the first tick
 * of each phase SUMO still shows the previous phase where `SignalSchedule` shows the new one.
 *
 * Snapshots are not supported: SUMO 1.15's saveState/loadState does not restore a simulation
 * bit-exactly (see docs/sumo-provider.md).
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { InputFileError, readInputText } from "../../spec/readInputFile.js";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Rng } from "../../core/random/Rng.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import type { SimFrame } from "../../core/simulation/SimFrame.js";
import type {
  HandoverVehicle,
  ProviderSetup,
  ProviderStep,
  ProviderVehicleState,
  TrafficProvider,
} from "../../core/simulation/TrafficProvider.js";
import type { CompiledScenario, Traffic } from "../../spec/CompiledScenario.js";
import { FlowSpawner } from "./FlowSpawner.js";
import { GhostMirror } from "./GhostMirror.js";
import { placeAsInFrame } from "./placeAsInFrame.js";
import { RandomRoutes } from "./RandomRoutes.js";
import { SumoRoads } from "./SumoRoads.js";
import { sumoNetFileOf } from "./sumoNetFile.js";
import {
  type ResolvedSumoTrafficProviderOptions,
  type SumoTrafficProviderOptions,
  SumoTrafficProviderOptionsSchema,
  sumoArgs,
} from "./SumoProviderOptions.js";
import { SumoTypeTable } from "./SumoTypeTable.js";
import { TraciClient } from "./traci/TraciClient.js";
import {
  SimulationVar,
  TRACI_INVALID_DOUBLE,
  TraciResponse,
  TrafficLightVar,
  VehicleVar,
} from "./traci/traciConstants.js";
import type { TraciPoint2D } from "./traci/TraciStorage.js";
import type { TraciVariables } from "./traci/readSubscriptionResponse.js";
import {
  centrePoseToSumoFront,
  headingRadToSumoAngle,
  type PlanarPose,
  sumoFrontToCentrePose,
} from "./traci/sumoPose.js";
import { sumoTypeId, writeSumoDemand } from "./writeSumoDemand.js";

/** Vehicle variables subscribed for every vehicle SUMO drives. */
const SUBSCRIBED_VARS = [
  VehicleVar.position,
  VehicleVar.angle,
  VehicleVar.speed,
  VehicleVar.acceleration,
  VehicleVar.laneId,
  VehicleVar.lanePosition,
  VehicleVar.typeId,
];

/** SUMO's default speed mode (all safety checks) and lane-change mode, restored on hand-back. */
const SUMO_DEFAULT_SPEED_MODE = 31;
const SUMO_DEFAULT_LANE_CHANGE_MODE = 1621;

/** `moveToXY` keepRoute values: map onto the route; place anywhere, even off the road. */
const KEEP_ROUTE = 1;
const PLACE_FREELY = 2;

/** How far beyond half its lane's width a vehicle's centre may be for `canAccept` (m). */
const ACCEPT_MARGIN_M = 1;

/**
 * Who moves a vehicle SUMO holds: SUMO (`driven`); its new driver, mirrored (`released`); roadgym for
 * one more step after a hand-back, placing it where it would be (`placing`, or `inserting` while a
 * vehicle new to SUMO waits for its departure); SUMO again from the next step (`resume`).
 */
type Mode = "driven" | "released" | "placing" | "inserting" | "resume";

interface SumoVehicle {
  /** What `vehicles()` reports (updated in place). */
  readonly state: ProviderVehicleState;
  /** SUMO's length of the vehicle (m): the centre is half of it behind SUMO's front-bumper position. */
  readonly lengthM: number;
  mode: Mode;
  /** Route to set when SUMO resumes driving (null: none to set; empty: keep SUMO's or drive on at random). */
  pendingRoute: readonly string[] | null;
  /** Last speed sent with `setSpeed` while mirrored (NaN: none). */
  sentSpeed: number;
  /** Tick of the last frame that showed it (mirrored vehicles). */
  seenTick: number;
  /**
   * The lane it was inserted or placed on while its rear still hangs before that lane's start ('' once
   * it has left the lane or is wholly on it). SUMO's angle is garbage then — it has no lane for the
   * rear — so the lane's direction at the front stands in.
   */
  entryLane: string;
}

/** Runs SUMO as a roadgym traffic provider. */
export class SumoTrafficProvider implements TrafficProvider {
  readonly name: string;
  private readonly options: ResolvedSumoTrafficProviderOptions;
  private client: TraciClient | null = null;
  private workDir: string | null = null;
  private network: RoadNetwork | null = null;
  private roads: SumoRoads | null = null;
  private ghosts: GhostMirror | null = null;
  private dtS = 0.1;
  private tick = 0;
  /** Agents were on the road at setup: the departures due at time 0 wait one step (see setup). */
  private deferStart = false;
  private routeRng: Rng | null = null;
  private routes: RandomRoutes | null = null;
  private spawner: FlowSpawner | null = null;
  private types: SumoTypeTable | null = null;
  private vClassOf = new Map<string, string>();
  private defaultDriver = "default";
  private readonly held = new Map<string, SumoVehicle>();
  private readonly reported: ProviderVehicleState[] = [];
  private reportedDirty = false;
  private trafficLightIds: string[] = [];
  private readonly signals = new Map<string, string>();
  private handbacks = 0;
  private failedSpawns = 0;
  private readonly _pose: PlanarPose = { x: 0, y: 0, headingRad: 0 };

  constructor(options: SumoTrafficProviderOptions) {
    const o = SumoTrafficProviderOptionsSchema.parse(options);
    this.options = { ...o, netFile: resolve(o.netFile) };
    this.name = o.name;
  }

  /**
   * A provider on the scenario's SUMO map.
   * @throws when the scenario's map is generated (SUMO needs a `.net.xml`)
   */
  static forScenario(
    scenario: Pick<CompiledScenario, "name" | "map" | "source">,
    options: Omit<SumoTrafficProviderOptions, "netFile"> = {},
  ): SumoTrafficProvider {
    return new SumoTrafficProvider({ ...options, netFile: sumoNetFileOf(scenario) });
  }

  /** The SUMO process id while an episode runs (for tests and diagnostics). */
  get pid(): number | undefined {
    return this.client?.process?.pid;
  }

  /** Vehicles of random-route flows that got no drivable route (or SUMO refused), this episode. */
  get skippedVehicles(): number {
    return (this.spawner?.skipped ?? 0) + this.failedSpawns;
  }

  /**
   * SUMO's view of a vehicle it holds — one it drives, or one it let go and now mirrors from the
   * frames — as of the last step; undefined for others (ghosts included).
   */
  sumoState(id: string): Readonly<ProviderVehicleState> | undefined {
    return this.held.get(id)?.state;
  }

  /** Traffic-light id → state string, as SUMO reported it after the last step (see the header on timing). */
  signalStates(): ReadonlyMap<string, string> {
    return this.signals;
  }

  async setup(s: ProviderSetup): Promise<void> {
    await this.teardown();
    const source = s.network.spec.source;
    if (source.kind === "generator") {
      throw new Error(
        `the sumo provider needs a SUMO map; this episode's network comes from the map generator "${source.generator}", which SUMO cannot load`,
      );
    }
    const o = this.options;
    this.network = s.network;
    this.roads = new SumoRoads(s.network);
    this.dtS = s.dtS;
    this.tick = 0;
    const seed = s.rng.int(0x80000000);
    this.routeRng = s.rng.fork("sumo:routes");
    this.routes = new RandomRoutes(s.network);
    this.vClassOf = new Map(s.vehicleTypes.map((t) => [t.name, t.vClass]));
    this.defaultDriver = s.drivers[0]?.name ?? "default";
    this.ghosts = new GhostMirror(o.ghostPrefix, this.roads, (type) => this.sumoTypeOf(type));
    // Agents on the road at setup: their ghosts go into SUMO in the first step, so the scenario's
    // departures due then wait one step — SUMO's insertion then sees them and keeps clear.
    this.deferStart = (s.placed?.count ?? 0) > 0;
    const plan = writeSumoDemand({
      traffic: s.traffic,
      vehicleTypes: s.vehicleTypes,
      drivers: s.drivers,
      network: s.network,
      durationS: s.durationS,
      carFollowModel: o.carFollowModel,
      earliestDepartS: this.deferStart ? s.dtS : 0,
    });
    this.spawner = new FlowSpawner(plan.spawnedFlows, {
      network: s.network,
      vehicleTypes: s.vehicleTypes,
      rng: s.rng.fork("sumo:flows"),
      dtS: s.dtS,
      durationS: s.durationS,
      routes: this.routes,
    });
    this.types = new SumoTypeTable(
      s.vehicleTypes,
      plan.scenarioTypeBySumoType,
      s.traffic.sumoDemand.map((d) => d.demand),
    );
    const routeFiles = routeFilesOf(s.traffic, s.scenarioDir);
    this.workDir = mkdtempSync(join(tmpdir(), "roadgym-sumo-"));
    const demandFile = join(this.workDir, "scenario.rou.xml");
    writeFileSync(demandFile, plan.xml);
    try {
      // TraciClient's own errors (SUMO missing, SUMO's start-up message) reach the caller as they are.
      this.client = await TraciClient.launch({
        netFile: o.netFile,
        routeFiles: [demandFile, ...routeFiles],
        stepLengthS: s.dtS,
        seed,
        sumoBinary: o.sumoBinary,
        extraArgs: sumoArgs(o.extraArgs),
        connectTimeoutS: o.connectTimeoutS,
        cwd: this.workDir,
      });
      await this.client.subscribeSimulation([SimulationVar.departedIds, SimulationVar.arrivedIds]);
      this.trafficLightIds = (await this.client.trafficLightIds()).sort();
      for (const id of this.trafficLightIds) {
        const vars = await this.client.subscribeTrafficLight(id);
        this.signals.set(id, String(vars[TrafficLightVar.redYellowGreenState]));
      }
    } catch (err) {
      await this.teardown();
      throw err;
    }
  }

  async step(st: ProviderStep): Promise<void> {
    const client = this.requireClient();
    if (st.tick !== this.tick + 1) {
      throw new Error(
        `sumo provider "${this.name}": asked for tick ${st.tick} after tick ${this.tick}; SUMO can only go forward one step at a time`,
      );
    }
    await this.resumeHandedBack(client);
    await this.mirror(client, st.frame, st.tick);
    if (this.deferStart && st.tick === 2) await this.spawnDue(client, 0);
    if (!(this.deferStart && st.tick === 1)) await this.spawnDue(client, st.tick - 1);
    const results = await client.simulationStep();
    this.tick = st.tick;

    const arrived = (results.simulation[SimulationVar.arrivedIds] ?? []) as string[];
    for (const id of arrived) this.forget(id);
    const departed = (results.simulation[SimulationVar.departedIds] ?? []) as string[];
    for (const id of departed.length > 1 ? [...departed].sort() : departed) {
      if (arrived.length > 0 && arrived.includes(id)) continue;
      await this.takeIn(client, id);
    }
    for (const [id, v] of this.held) {
      const vars = results.vehicles[id];
      if (vars) this.update(v, vars);
      if (v.mode === "placing") {
        v.mode = "resume";
        v.entryLane = v.state.laneId;
      }
    }
    const lights = results.other[TraciResponse.subscribeTrafficLightVariable];
    if (lights) {
      for (const id of this.trafficLightIds) {
        const state = lights[id]?.[TrafficLightVar.redYellowGreenState];
        if (state !== undefined) this.signals.set(id, String(state));
      }
    }
  }

  vehicles(): readonly ProviderVehicleState[] {
    if (this.reportedDirty) {
      this.reported.length = 0;
      for (const v of this.held.values()) if (v.mode !== "released") this.reported.push(v.state);
      this.reportedDirty = false;
    }
    return this.reported;
  }

  canAccept(h: HandoverVehicle): boolean {
    const net = this.network;
    if (!this.client || !net) return false;
    const held = this.held.get(h.id);
    if (held && held.mode !== "released") return false;
    const vClass = this.vClassOf.get(h.typeId) ?? "passenger";
    const lane = net.lane(h.laneId);
    if (lane) return lane.allows(vClass) && lane.toLane(h.x, h.y).distanceM <= lane.widthM / 2 + ACCEPT_MARGIN_M;
    const near = net.nearestLane(h.x, h.y, { maxDistM: 10 });
    return near !== undefined && near.distanceM <= near.lane.widthM / 2 + ACCEPT_MARGIN_M && near.lane.allows(vClass);
  }

  async add(h: HandoverVehicle): Promise<void> {
    const client = this.requireClient();
    const held = this.held.get(h.id);
    if (held) {
      if (held.mode !== "released")
        throw new Error(`sumo provider "${this.name}": cannot take over vehicle "${h.id}": it drives it already`);
      // SUMO still has it (it followed its driver): one more placed step, then SUMO's models again.
      await this.placeAhead(client, h.id, h, held.lengthM, PLACE_FREELY);
      await client.setSpeedMode(h.id, SUMO_DEFAULT_SPEED_MODE);
      await client.setLaneChangeMode(h.id, SUMO_DEFAULT_LANE_CHANGE_MODE);
      held.mode = "placing";
      held.pendingRoute = [...h.routeRoadIds];
      copyState(held.state, h);
      this.reportedDirty = true;
      return;
    }
    // New to SUMO: inserted at its pose (the ghost that stood in for it goes).
    await this.ghosts!.remove(client, h.id);
    const typeName = this.scenarioType(h.typeId);
    const vClass = this.vClassOf.get(typeName) ?? "passenger";
    const roads = this.roads!;
    const current = roads.currentRoad(h.laneId, h.x, h.y);
    const edges =
      (h.routeRoadIds.length > 0 ? roads.joinRoute(current, h.routeRoadIds) : undefined) ??
      this.routes!.continuation(current, vClass, this.routeRng!);
    const routeId = `roadgym:handback:${h.id}:${this.handbacks++}`;
    await client.addRoute(routeId, edges);
    const lane = this.network!.lane(h.laneId);
    const departLane = lane && lane.road.id === edges[0] ? lane.index : "best";
    await client.addVehicle(
      h.id,
      routeId,
      this.sumoTypeOf(typeName),
      "now",
      departLane,
      "base",
      Math.max(0, h.speedMps),
    );
    const info = this.types!.lengthOfScenarioType(typeName);
    await this.placeAhead(client, h.id, h, info, KEEP_ROUTE);
    const v: SumoVehicle = {
      state: { ...stateOf(h), typeId: typeName },
      lengthM: info,
      mode: "inserting",
      pendingRoute: null,
      sentSpeed: NaN,
      seenTick: this.tick,
      entryLane: "",
    };
    this.held.set(h.id, v);
    this.reportedDirty = true;
  }

  async release(id: string): Promise<void> {
    const client = this.requireClient();
    const v = this.held.get(id);
    if (!v || v.mode === "released")
      throw new Error(`sumo provider "${this.name}": cannot release vehicle "${id}": it does not drive it`);
    await client.setSpeedMode(id, 0);
    await client.setLaneChangeMode(id, 0);
    v.mode = "released";
    v.sentSpeed = NaN;
    v.seenTick = this.tick;
    this.reportedDirty = true;
  }

  snapshot(): unknown {
    throw new Error(SNAPSHOT_UNSUPPORTED);
  }

  restore(_state: unknown): void {
    throw new Error(SNAPSHOT_UNSUPPORTED);
  }

  /** Closes SUMO (waiting for it to exit, killing it if it does not) and removes the working files. */
  async teardown(): Promise<void> {
    const client = this.client;
    this.client = null;
    try {
      if (client) await client.close();
    } finally {
      if (this.workDir) rmSync(this.workDir, { recursive: true, force: true });
      this.workDir = null;
      this.held.clear();
      this.ghosts?.clear();
      this.reported.length = 0;
      this.reportedDirty = false;
      this.signals.clear();
      this.trafficLightIds = [];
      this.handbacks = 0;
      this.failedSpawns = 0;
    }
  }

  // ---- the step ---------------------------------------------------------------------------------

  /** Vehicles placed at their hand-back pose last step: SUMO's models drive them from now on. */
  private async resumeHandedBack(client: TraciClient): Promise<void> {
    for (const [id, v] of this.held) {
      if (v.mode !== "resume") continue;
      await client.setSpeed(id, -1);
      if (v.pendingRoute) await this.applyRoute(client, id, v);
      v.pendingRoute = null;
      v.mode = "driven";
    }
  }

  /** Released vehicles follow the frame; other owners' vehicles are mirrored as ghosts; vanished ones leave SUMO. */
  private async mirror(client: TraciClient, f: SimFrame, tick: number): Promise<void> {
    const ghosts = this.ghosts!;
    for (let i = 0; i < f.count; i++) {
      const held = this.held.get(f.ids[i]);
      if (held) {
        if (held.mode === "released") {
          held.seenTick = tick;
          await placeAsInFrame(client, this.roads!, f.ids[i], f, i, held.lengthM, held);
        }
      } else if (this.options.mirrorVehicles && f.owners[i] !== this.name) {
        await ghosts.follow(client, f, i, tick);
      }
    }
    for (const [id, v] of this.held) {
      if (v.mode === "released" && v.seenTick !== tick) {
        await client.removeVehicle(id);
        this.held.delete(id);
      }
    }
    await ghosts.dropUnseen(client, tick);
  }

  /**
   * Places a handed-over vehicle where it will be after the coming step at its speed (straight on),
   * so that SUMO continues it without a jump: SUMO reports the placed pose after that step.
   */
  private async placeAhead(
    client: TraciClient,
    sumoId: string,
    h: HandoverVehicle,
    lengthM: number,
    keepRoute: number,
  ): Promise<void> {
    const speed = Math.max(0, h.speedMps);
    const d = speed * this.dtS;
    const pose = this._pose;
    pose.x = h.x + d * Math.cos(h.headingRad);
    pose.y = h.y + d * Math.sin(h.headingRad);
    pose.headingRad = h.headingRad;
    const front = centrePoseToSumoFront(pose, lengthM);
    const hint = this.roads!.laneHint(h.laneId);
    await client.moveToXY(sumoId, hint.edge, hint.index, front.x, front.y, front.angleDeg, keepRoute);
    await client.setSpeed(sumoId, speed);
  }

  private async spawnDue(client: TraciClient, startTick: number): Promise<void> {
    const spawner = this.spawner!;
    if (spawner.empty) return;
    for (const r of spawner.due(startTick)) {
      const routeId = `roadgym:route:${r.vehicleId}`;
      const d = r.departure;
      try {
        await client.addRoute(routeId, r.edges);
        await client.addVehicle(
          r.vehicleId,
          routeId,
          r.sumoTypeId,
          "now",
          d.departLane,
          d.departPos,
          d.departSpeed,
          d.arrivalLane,
          d.arrivalPos,
        );
      } catch (err) {
        // A random route SUMO finds undrivable is skipped; a scenario route SUMO refuses is an error.
        if (!r.randomRoute) throw err;
        this.failedSpawns++;
      }
    }
  }

  /** A vehicle SUMO reports gone: no longer held (a vehicle still in the frame is mirrored as a ghost from the next step). */
  private forget(id: string): void {
    const v = this.held.get(id);
    if (v) {
      this.held.delete(id);
      if (v.mode !== "released") this.reportedDirty = true;
      return;
    }
    this.ghosts!.forget(id);
  }

  /** A vehicle SUMO inserted this step: subscribed and, unless it is a ghost or a hand-back, new. */
  private async takeIn(client: TraciClient, id: string): Promise<void> {
    if (this.ghosts!.isGhost(id)) return;
    const vars = await client.subscribeVehicle(id, SUBSCRIBED_VARS);
    const held = this.held.get(id);
    if (held) {
      this.update(held, vars);
      if (held.mode === "inserting") held.mode = "resume";
      held.entryLane = held.state.laneId;
      return;
    }
    const info = await this.types!.resolve(client, id, String(vars[VehicleVar.typeId]));
    const v: SumoVehicle = {
      state: { id, typeId: info.scenarioType, x: 0, y: 0, headingRad: 0, speedMps: 0, accelerationMps2: 0, laneId: "" },
      lengthM: info.lengthM,
      mode: "driven",
      pendingRoute: null,
      sentSpeed: NaN,
      seenTick: this.tick,
      entryLane: String(vars[VehicleVar.laneId] ?? ""),
    };
    this.update(v, vars);
    this.held.set(id, v);
    this.reportedDirty = true;
  }

  /** Copies SUMO's subscribed values into the reported state (front bumper → box centre). */
  private update(v: SumoVehicle, vars: TraciVariables): void {
    const front = vars[VehicleVar.position] as TraciPoint2D | undefined;
    // A vehicle off the network (being teleported) has no position: keep the last one.
    if (!front || front.x === TRACI_INVALID_DOUBLE) return;
    const laneId = (vars[VehicleVar.laneId] as string | undefined) ?? "";
    let angleDeg = vars[VehicleVar.angle] as number;
    if (v.entryLane !== "") {
      const lanePosM = vars[VehicleVar.lanePosition] as number;
      const lane = v.entryLane === laneId && lanePosM < v.lengthM ? this.network!.lane(laneId) : undefined;
      if (lane) angleDeg = headingRadToSumoAngle(lane.toWorld(Math.max(0, lanePosM)).headingRad);
      else v.entryLane = "";
    }
    const pose = sumoFrontToCentrePose(front, angleDeg, v.lengthM);
    const s = v.state;
    s.x = pose.x;
    s.y = pose.y;
    s.headingRad = pose.headingRad;
    s.speedMps = vars[VehicleVar.speed] as number;
    const a = vars[VehicleVar.acceleration] as number | undefined;
    s.accelerationMps2 = a === undefined || a === TRACI_INVALID_DOUBLE ? 0 : a;
    s.laneId = laneId;
  }

  // ---- routes and lanes -------------------------------------------------------------------------

  /** Sets a handed-back vehicle's route from its current road (SUMO needs that first). */
  private async applyRoute(client: TraciClient, id: string, v: SumoVehicle): Promise<void> {
    const current = this.roads!.currentRoad(v.state.laneId, v.state.x, v.state.y);
    let edges = v.pendingRoute!.length > 0 ? this.roads!.joinRoute(current, v.pendingRoute!) : undefined;
    if (!edges) {
      // No usable route given: keep SUMO's own if it still leads on from here, else drive on at random.
      if ((await client.vehicleRouteEdges(id)).includes(current)) return;
      edges = this.routes!.continuation(current, this.vClassOf.get(v.state.typeId) ?? "passenger", this.routeRng!);
    }
    try {
      await client.setRoute(id, edges);
    } catch {
      // SUMO refused the route (not drivable from where it is): it keeps the one it has.
    }
  }

  /** A scenario vehicle type: `typeId` if the scenario has it, else its first type. */
  private scenarioType(typeId: string): string {
    return this.vClassOf.has(typeId) ? typeId : this.vClassOf.keys().next().value!;
  }

  /** The provider's SUMO vType for a vehicle of scenario type `typeId` (default driver). */
  private sumoTypeOf(typeId: string): string {
    return sumoTypeId(this.scenarioType(typeId), this.defaultDriver);
  }

  private requireClient(): TraciClient {
    if (!this.client) throw new Error(`sumo provider "${this.name}": not running; call setup() first`);
    return this.client;
  }
}

const SNAPSHOT_UNSUPPORTED =
  "snapshot is not supported by the sumo provider: SUMO 1.15's saveState/loadState does not restore a running " +
  "simulation bit-exactly (vehicle positions and speeds diverge from the original run within a few steps), " +
  "so a restored episode could not continue identically";

/** The scenario's SUMO route files, resolved; each must still be the file the scenario was compiled with. */
function routeFilesOf(traffic: Traffic, scenarioDir: string): string[] {
  return traffic.sumoDemand.map((ref) => {
    const path = resolve(scenarioDir, ref.path);
    let text: string;
    try {
      text = readInputText(path);
    } catch (err) {
      const why = err instanceof InputFileError ? err.reason : (err as Error).message;
      throw new Error(`sumo provider: cannot read route file "${path}": ${why}`, { cause: err });
    }
    if (createHash("sha256").update(text).digest("hex") !== ref.sha256) {
      throw new Error(
        `sumo provider: route file "${path}" changed since the scenario was compiled; compile the scenario again`,
      );
    }
    return path;
  });
}

function stateOf(h: HandoverVehicle): ProviderVehicleState {
  return {
    id: h.id,
    typeId: h.typeId,
    x: h.x,
    y: h.y,
    headingRad: h.headingRad,
    speedMps: h.speedMps,
    accelerationMps2: h.accelerationMps2,
    laneId: h.laneId,
  };
}

function copyState(to: ProviderVehicleState, h: HandoverVehicle): void {
  to.x = h.x;
  to.y = h.y;
  to.headingRad = h.headingRad;
  to.speedMps = h.speedMps;
  to.accelerationMps2 = h.accelerationMps2;
  to.laneId = h.laneId;
}
