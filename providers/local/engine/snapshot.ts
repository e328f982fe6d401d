/**
 * The engine's full state as JSON data, and back: every vehicle (route, planned path, lane change,
 * junction and strategic state, reported pose), the demand (source counters and queues, teleported
 * vehicles waiting), the sequence counter and the RNG state. The lane lists are rebuilt from the
 * vehicles (they are always in (s, sequence) order, so the rebuilt order is the kept one); per-step
 * perception is recomputed before it is read. Restoring, then stepping, gives exactly what stepping
 * on would have given. Infinity is written as null (JSON has no Infinity).
 */
import { z } from "zod";
import type { RngState } from "../../../core/random/Rng.js";
import { PendingVehicleSchema } from "../PendingVehicle.js";
import { driverOf } from "./jams.js";
import { CONTINUATION_CAP_M } from "./RoutePlanner.js";
import { OccKind } from "./LaneLists.js";
import type { TrafficEngine } from "./TrafficEngine.js";
import { CONT_LANES, PATH_CAPACITY, SIDE_PATH_CAPACITY, SlotKind } from "./VehicleColumns.js";

/** Version of the snapshot format (2: the column engine). */
export const LOCAL_TRAFFIC_SNAPSHOT_FORMAT = 2;

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
  contM: z.array(nullableNum),
  bestContM: num,
  stuckS: num,
  jamS: num,
  blockedBySeq: num,
  passLink: z.number().int(),
  /** The vehicle that asked this one to let it in (cooperative lane changing), by id. */
  yieldTo: z.string().nullable(),
  yieldUntilTick: z.number().int(),
  curLink: z.number().int().nullable(),
  sinceLinkM: num,
  waitS: num,
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
  dropped: z.number().int().nonnegative(),
  /** Queue indices whose heads wait, grouped per insertion key in the order they joined (TrafficEngine.insertDue). */
  waitingHeads: z.array(z.array(z.number().int())),
  vehicles: z.array(VehicleSnapshotSchema),
  /** Teleported vehicles waiting to go back on, and the episode's teleports (engine/jams.ts). */
  teleporting: z.array(PendingVehicleSchema),
  teleports: z.array(
    z.object({ id: z.string(), timeS: num, laneId: z.string(), standS: num, toRoadId: z.string().nullable() }),
  ),
});
export type LocalTrafficSnapshot = z.infer<typeof LocalTrafficSnapshotSchema>;

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
const infinite = (x: number | null): number => (x === null ? Infinity : x);

/** The engine's state as JSON-compatible data. */
export function saveEngine(e: TrafficEngine): LocalTrafficSnapshot {
  const st = e.st;
  const vehicles: VehicleSnapshot[] = [];
  for (let i = 0; i < st.count; i++) vehicles.push(saveVehicle(e, st.order[i]));
  return {
    format: LOCAL_TRAFFIC_SNAPSHOT_FORMAT,
    tick: st.tick,
    nextSeq: st.nextSeq,
    rng: e.rng.getState(),
    sources: e.demand.sources.map((s) => s.state()),
    queues: e.demand.queues.map((q) => q.map((p) => structuredClone(p))),
    dropped: e.demand.dropped,
    waitingHeads: [...e.heads.values()].map((fifo) => [...fifo]),
    vehicles,
    teleporting: e.teleporting.map((p) => structuredClone(p)),
    teleports: e.teleports.map((t) => ({ ...t })),
  };
}

function saveVehicle(e: TrafficEngine, v: number): VehicleSnapshot {
  const st = e.st;
  const c = st.cols;
  const idx = st.index;
  const laneId = (ord: number) => idx.lane(ord).id;
  const base = v * PATH_CAPACITY;
  const path: string[] = [];
  const links: (number | null)[] = [];
  for (let k = 0; k < c.pathLen[v]; k++) {
    path.push(laneId(c.pathLane[base + k]));
    const l = c.pathLink[base + k];
    links.push(l < 0 ? null : l);
  }
  const sb = v * SIDE_PATH_CAPACITY;
  const sidePath: string[] = [];
  for (let k = 0; k < c.sidePathLen[v]; k++) sidePath.push(laneId(c.sidePath[sb + k]));
  const contM: (number | null)[] = [];
  for (let k = 0; k < CONT_LANES; k++) contM.push(finite(c.contM[v * CONT_LANES + k]));
  return {
    id: st.ids[v],
    seq: c.seq[v],
    typeId: st.typeIds[v],
    vClass: st.vClasses[v],
    lengthM: c.lengthM[v],
    widthM: c.widthM[v],
    maxSpeedMps: c.maxSpeedMps[v],
    maxDecelMps2: c.maxDecelMps2[v],
    driver: driverOf(st, v),
    route: st.routes[v].map((r) => r.id),
    routeIndex: c.routeIndex[v],
    endless: c.endless[v] === 1,
    arrivalS: finite(c.arrivalS[v]),
    lane: laneId(c.lane[v]),
    s: c.s[v],
    t: c.t[v],
    speedMps: c.speedMps[v],
    lastAccelMps2: c.lastAccelMps2[v],
    prevLane: c.prevLane[v] < 0 ? null : laneId(c.prevLane[v]),
    path,
    pathLinks: links,
    pathDistM: c.pathDistM[v],
    pathEnd: c.pathEnd[v] as 0 | 1 | 2,
    lcFrom: c.lcFrom[v] < 0 ? null : laneId(c.lcFrom[v]),
    lcT0: c.lcT0[v],
    lcProgress: c.lcProgress[v],
    lcAngleRad: c.lcAngleRad[v],
    lcDistM: c.lcDistM[v],
    sidePath,
    sidePathDead: c.sidePathDead[v] === 1,
    sideOffsetM: c.sideOffsetM[v],
    contM,
    bestContM: c.bestContM[v],
    stuckS: c.stuckS[v],
    jamS: c.jamS[v],
    blockedBySeq: c.blockedBySeq[v],
    passLink: c.passLink[v],
    yieldTo: c.yieldTo[v] < 0 || c.yieldUntilTick[v] < st.tick ? null : st.ids[c.yieldTo[v]],
    yieldUntilTick: c.yieldUntilTick[v],
    curLink: c.curLink[v] < 0 ? null : c.curLink[v],
    sinceLinkM: c.sinceLinkM[v],
    waitS: c.waitS[v],
  };
}

/**
 * Replaces the engine's vehicles, demand state, counters and RNG state with those of `data`.
 * @throws Error naming the problem when `data` is not a snapshot of this provider on this network
 */
export function restoreEngine(e: TrafficEngine, data: unknown): void {
  const parsed = LocalTrafficSnapshotSchema.safeParse(data);
  if (!parsed.success) throw new Error(`local traffic: not a snapshot of this provider: ${parsed.error.message}`);
  const snap = parsed.data;
  if (snap.sources.length !== e.demand.sources.length)
    throw new Error(
      `local traffic: the snapshot has ${snap.sources.length} demand sources, this episode ${e.demand.sources.length}`,
    );
  e.clear();
  const st = e.st;
  st.tick = snap.tick;
  st.nextSeq = snap.nextSeq;
  e.rng.setState(snap.rng as RngState);
  snap.sources.forEach((s, i) => e.demand.sources[i].restore(s));
  snap.queues.forEach((q, i) => (e.demand.queues[i] = q));
  e.demand.dropped = snap.dropped;
  e.demand.reindex();
  for (const fifo of snap.waitingHeads) for (const q of fifo) e.enqueueHead(q);
  e.teleporting = snap.teleporting;
  e.teleports.push(...snap.teleports);
  // Inserting every occupant where it is rebuilds each lane's list in its (s, sequence) order.
  for (const vs of snap.vehicles) restoreVehicle(e, vs);
  snap.vehicles.forEach((vs, i) => {
    st.cols.yieldTo[st.order[i]] = vs.yieldTo === null ? -1 : (e.slotOf.get(vs.yieldTo) ?? -1);
  });
  e.runner.publish(st);
}

function restoreVehicle(e: TrafficEngine, vs: VehicleSnapshot): void {
  const st = e.st;
  const net = st.net;
  const lane = (id: string) => {
    const d = net.byId(id);
    if (!d) throw new Error(`local traffic: snapshot vehicle "${vs.id}" names unknown lane "${id}"`);
    return d.ordinal;
  };
  const link = (i: number) => {
    if (!net.links[i]) throw new Error(`local traffic: snapshot vehicle "${vs.id}" names unknown junction link ${i}`);
    return i;
  };
  const v = st.allocate(SlotKind.Driven);
  const c = st.cols;
  st.ids[v] = vs.id;
  st.typeIds[v] = vs.typeId;
  st.vClasses[v] = vs.vClass;
  st.routes[v] = vs.route.map((id) => {
    const r = net.net.road(id);
    if (!r) throw new Error(`local traffic: snapshot vehicle "${vs.id}" names unknown road "${id}"`);
    return r;
  });
  c.seq[v] = vs.seq;
  c.lengthM[v] = vs.lengthM;
  c.halfLengthM[v] = vs.lengthM / 2;
  c.widthM[v] = vs.widthM;
  c.maxSpeedMps[v] = vs.maxSpeedMps;
  c.maxDecelMps2[v] = vs.maxDecelMps2;
  st.setDriver(v, vs.driver);
  c.routeIndex[v] = vs.routeIndex;
  c.endless[v] = vs.endless ? 1 : 0;
  c.arrivalS[v] = infinite(vs.arrivalS);
  c.lane[v] = lane(vs.lane);
  c.s[v] = vs.s;
  c.t[v] = vs.t;
  c.speedMps[v] = vs.speedMps;
  c.lastAccelMps2[v] = vs.lastAccelMps2;
  c.prevLane[v] = vs.prevLane === null ? -1 : lane(vs.prevLane);
  const base = v * PATH_CAPACITY;
  vs.path.forEach((id, k) => {
    c.pathLane[base + k] = lane(id);
    const l = vs.pathLinks[k];
    c.pathLink[base + k] = l === null || l === undefined ? -1 : link(l);
  });
  c.pathLen[v] = vs.path.length;
  c.pathDistM[v] = vs.pathDistM;
  c.pathEnd[v] = vs.pathEnd;
  c.lcFrom[v] = vs.lcFrom === null ? -1 : lane(vs.lcFrom);
  c.lcT0[v] = vs.lcT0;
  c.lcProgress[v] = vs.lcProgress;
  c.lcAngleRad[v] = vs.lcAngleRad;
  c.lcDistM[v] = vs.lcDistM;
  const sb = v * SIDE_PATH_CAPACITY;
  vs.sidePath.forEach((id, k) => (c.sidePath[sb + k] = lane(id)));
  c.sidePathLen[v] = vs.sidePath.length;
  c.sidePathDead[v] = vs.sidePathDead ? 1 : 0;
  c.sideOffsetM[v] = vs.sideOffsetM;
  vs.contM.forEach((x, k) => (c.contM[v * CONT_LANES + k] = infinite(x)));
  c.bestContM[v] = vs.bestContM;
  const laneIndex = net.lanes[c.lane[v]].lane.index;
  c.contHereM[v] = laneIndex < CONT_LANES ? c.contM[v * CONT_LANES + laneIndex] : CONTINUATION_CAP_M;
  c.stuckS[v] = vs.stuckS;
  c.jamS[v] = vs.jamS;
  c.blockedBySeq[v] = vs.blockedBySeq;
  c.passLink[v] = vs.passLink;
  c.yieldUntilTick[v] = vs.yieldUntilTick;
  c.curLink[v] = vs.curLink === null ? -1 : link(vs.curLink);
  c.sinceLinkM[v] = vs.sinceLinkM;
  c.waitS[v] = vs.waitS;
  e.admit(v);
  if (c.lcFrom[v] >= 0) st.lists.insert(3 * v + OccKind.Side, c.lcFrom[v], c.s[v] + c.sideOffsetM[v]);
}
