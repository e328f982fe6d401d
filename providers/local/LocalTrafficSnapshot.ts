/**
 * The local provider's full state as JSON data, and back: every vehicle (route, planned path, lane
 * change, junction and strategic state, reported pose), the demand (source counters and queues), the
 * sequence counter and the RNG state. Occupancy is derived (rebuilt and sorted from the vehicles);
 * per-step perception is recomputed before it is read. Restoring, then stepping, gives exactly what
 * stepping on would have given. Infinity is written as null (JSON has no Infinity).
 */
import { z } from "zod";
import type { RngState } from "../../core/random/Rng.js";
import { PendingVehicleSchema } from "./PendingVehicle.js";
import type { LocalNetwork } from "./LocalNetwork.js";
import { TrafficVehicle, type PathEnd } from "./TrafficVehicle.js";
import type { TrafficWorld } from "./TrafficWorld.js";

/** Version of the snapshot format. */
export const LOCAL_TRAFFIC_SNAPSHOT_FORMAT = 1;

const num = z.number();
const nullableNum = z.number().nullable();

const VehicleSnapshotSchema = z.object({
  id: z.string(),
  seq: num,
  typeId: z.string(),
  vClass: z.string(),
  lengthM: num,
  widthM: num,
  maxSpeedMps: num,
  maxDecelMps2: num,
  driver: PendingVehicleSchema.shape.driver,
  route: z.array(z.string()),
  routeIndex: num,
  endless: z.boolean(),
  arrivalS: nullableNum,
  lane: z.string(),
  s: num,
  t: num,
  speedMps: num,
  lastAccelMps2: num,
  prevLane: z.string().nullable(),
  path: z.array(z.string()),
  pathLinks: z.array(z.number().int().nullable()),
  pathDistM: num,
  pathEnd: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  lcFrom: z.string().nullable(),
  lcT0: num,
  lcProgress: num,
  lcAngleRad: num,
  lcDistM: num,
  sidePath: z.array(z.string()),
  sidePathDead: z.boolean(),
  sideOffsetM: num,
  contM: z.array(num),
  bestContM: num,
  stuckS: num,
  jamS: num.default(0),
  curLink: z.number().int().nullable(),
  sinceLinkM: num,
  waitS: num,
  pose: z.tuple([num, num, num]),
});
type VehicleSnapshot = z.infer<typeof VehicleSnapshotSchema>;

export const LocalTrafficSnapshotSchema = z.object({
  format: z.literal(LOCAL_TRAFFIC_SNAPSHOT_FORMAT),
  tick: z.number().int(),
  nextSeq: z.number().int(),
  rng: z.object({
    key: z.tuple([num, num, num, num]),
    s: z.tuple([num, num, num, num]),
    spareNormal: nullableNum,
  }),
  sources: z.array(z.array(num)),
  queues: z.array(z.array(PendingVehicleSchema)),
  /** Vehicles dropped so far because their queue was full (Demand.ts). */
  dropped: z.number().int().nonnegative().default(0),
  vehicles: z.array(VehicleSnapshotSchema),
  /** Teleported vehicles waiting to go back on, and the episode's teleports (Jams.ts). */
  teleporting: z.array(PendingVehicleSchema).default([]),
  teleports: z
    .array(z.object({ id: z.string(), timeS: num, laneId: z.string(), standS: num, toRoadId: z.string().nullable() }))
    .default([]),
});
export type LocalTrafficSnapshot = z.infer<typeof LocalTrafficSnapshotSchema>;

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The world's state as JSON-compatible data. */
export function saveWorld(w: TrafficWorld): LocalTrafficSnapshot {
  return {
    format: LOCAL_TRAFFIC_SNAPSHOT_FORMAT,
    tick: w.tick,
    nextSeq: w.nextSeq,
    rng: w.rng.getState(),
    sources: w.demand.sources.map((s) => s.state()),
    queues: w.demand.queues.map((q) => q.map((p) => structuredClone(p))),
    dropped: w.demand.dropped,
    vehicles: w.vehicles.map(saveVehicle),
    teleporting: w.teleporting.map((p) => structuredClone(p)),
    teleports: w.teleports.map((t) => ({ ...t })),
  };
}

function saveVehicle(v: TrafficVehicle): VehicleSnapshot {
  const path: string[] = [];
  const links: (number | null)[] = [];
  for (let k = 0; k < v.pathLen; k++) {
    path.push(v.path[k].id);
    links.push(v.pathLinks[k]?.index ?? null);
  }
  return {
    ...v.made(),
    seq: v.seq,
    route: v.route.map((r) => r.id),
    routeIndex: v.routeIndex,
    endless: v.endless,
    arrivalS: finite(v.arrivalS),
    lane: v.lane.id,
    s: v.s,
    t: v.t,
    speedMps: v.speedMps,
    lastAccelMps2: v.lastAccelMps2,
    prevLane: v.prevLane?.id ?? null,
    path,
    pathLinks: links,
    pathDistM: v.pathDistM,
    pathEnd: v.pathEnd,
    lcFrom: v.lcFrom?.id ?? null,
    lcT0: v.lcT0,
    lcProgress: v.lcProgress,
    lcAngleRad: v.lcAngleRad,
    lcDistM: v.lcDistM,
    sidePath: v.sidePath.slice(0, v.sidePathLen).map((l) => l.id),
    sidePathDead: v.sidePathDead,
    sideOffsetM: v.sideOffsetM,
    contM: Array.from(v.contM),
    bestContM: v.bestContM,
    stuckS: v.stuckS,
    jamS: v.jamS,
    curLink: v.curLink?.index ?? null,
    sinceLinkM: v.sinceLinkM,
    waitS: v.waitS,
    pose: [v.state.x, v.state.y, v.state.headingRad],
  };
}

/**
 * Replaces the world's vehicles, demand state, counters and RNG state with those of `data`.
 * @throws Error naming the problem when `data` is not a snapshot of this provider on this network
 */
export function restoreWorld(w: TrafficWorld, data: unknown): void {
  const parsed = LocalTrafficSnapshotSchema.safeParse(data);
  if (!parsed.success) throw new Error(`local traffic: not a snapshot of this provider: ${parsed.error.message}`);
  const snap = parsed.data;
  if (snap.sources.length !== w.demand.sources.length)
    throw new Error(
      `local traffic: the snapshot has ${snap.sources.length} demand sources, this episode ${w.demand.sources.length}`,
    );
  w.foreign.clear();
  for (const v of w.vehicles) removeOccupants(v);
  w.vehicles = [];
  w.byId.clear();
  w.net.reset();
  w.tick = snap.tick;
  w.nextSeq = snap.nextSeq;
  w.rng.setState(snap.rng as RngState);
  snap.sources.forEach((s, i) => w.demand.sources[i].restore(s));
  snap.queues.forEach((q, i) => {
    w.demand.queues[i] = q;
    w.candidates[i] = null;
  });
  w.demand.dropped = snap.dropped;
  w.demand.reindex();
  w.teleporting = snap.teleporting;
  w.teleportCandidates.length = 0;
  w.teleports.length = 0;
  w.teleports.push(...snap.teleports);
  for (const vs of snap.vehicles) {
    const v = restoreVehicle(w.net, vs);
    w.vehicles.push(v);
    w.byId.set(v.id, v);
    addOccupants(v);
  }
  for (const d of w.net.lanes) d.occupants.sort();
}

function restoreVehicle(net: LocalNetwork, vs: VehicleSnapshot): TrafficVehicle {
  const lane = (id: string) => {
    const d = net.byId(id);
    if (!d) throw new Error(`local traffic: snapshot vehicle "${vs.id}" names unknown lane "${id}"`);
    return d;
  };
  const link = (i: number) => {
    const l = net.links[i];
    if (!l) throw new Error(`local traffic: snapshot vehicle "${vs.id}" names unknown junction link ${i}`);
    return l;
  };
  const v = new TrafficVehicle({
    id: vs.id,
    seq: vs.seq,
    typeId: vs.typeId,
    vClass: vs.vClass,
    lengthM: vs.lengthM,
    widthM: vs.widthM,
    maxSpeedMps: vs.maxSpeedMps,
    maxDecelMps2: vs.maxDecelMps2,
    driver: vs.driver,
  });
  v.route = vs.route.map((id) => {
    const r = net.net.road(id);
    if (!r) throw new Error(`local traffic: snapshot vehicle "${vs.id}" names unknown road "${id}"`);
    return r;
  });
  v.routeIndex = vs.routeIndex;
  v.endless = vs.endless;
  v.arrivalS = vs.arrivalS ?? Infinity;
  v.lane = lane(vs.lane);
  v.s = vs.s;
  v.t = vs.t;
  v.speedMps = vs.speedMps;
  v.lastAccelMps2 = vs.lastAccelMps2;
  v.prevLane = vs.prevLane === null ? null : lane(vs.prevLane);
  vs.path.forEach((id, k) => {
    v.path[k] = lane(id);
    const li = vs.pathLinks[k];
    v.pathLinks[k] = li === null || li === undefined ? null : link(li);
  });
  v.pathLen = vs.path.length;
  v.pathDistM = vs.pathDistM;
  v.pathEnd = vs.pathEnd as PathEnd;
  v.lcFrom = vs.lcFrom === null ? null : lane(vs.lcFrom);
  v.lcT0 = vs.lcT0;
  v.lcProgress = vs.lcProgress;
  v.lcAngleRad = vs.lcAngleRad;
  v.lcDistM = vs.lcDistM;
  vs.sidePath.forEach((id, k) => (v.sidePath[k] = lane(id)));
  v.sidePathLen = vs.sidePath.length;
  v.sidePathDead = vs.sidePathDead;
  v.sideOffsetM = vs.sideOffsetM;
  vs.contM.forEach((c, k) => (v.contM[k] = c));
  v.bestContM = vs.bestContM;
  v.stuckS = vs.stuckS;
  v.jamS = vs.jamS;
  v.curLink = vs.curLink === null ? null : link(vs.curLink);
  v.sinceLinkM = vs.sinceLinkM;
  v.waitS = vs.waitS;
  const st = v.state;
  [st.x, st.y, st.headingRad] = vs.pose;
  st.speedMps = v.speedMps;
  st.accelerationMps2 = v.lastAccelMps2;
  st.laneId = v.lane.id;
  return v;
}

/** Puts `v`'s occupants on their lanes (primary; tail while its rear is on the previous lane; side while changing). */
export function addOccupants(v: TrafficVehicle): void {
  v.occ.s = v.s;
  v.occ.speedMps = v.speedMps;
  v.lane.occupants.insert(v.occ);
  if (v.prevLane !== null && v.s < v.halfLength) {
    v.tailOcc.s = v.prevLane.lengthM + v.s;
    v.tailOcc.speedMps = v.speedMps;
    v.prevLane.occupants.insert(v.tailOcc);
  }
  if (v.lcFrom !== null) {
    v.sideOcc.s = v.s + v.sideOffsetM;
    v.sideOcc.speedMps = v.speedMps;
    v.lcFrom.occupants.insert(v.sideOcc);
  }
}

/** Takes all of `v`'s occupants off their lanes. */
export function removeOccupants(v: TrafficVehicle): void {
  v.occ.list?.remove(v.occ);
  v.tailOcc.list?.remove(v.tailOcc);
  v.sideOcc.list?.remove(v.sideOcc);
}
