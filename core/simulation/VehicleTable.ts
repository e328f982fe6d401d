/**
 * Every vehicle of a simulation and who drives it (DESIGN.md §5): one record per vehicle, in
 * creation order (the deterministic order of frames and collision boxes), holding its owner — a
 * traffic provider, or an agent's {@link AgentVehicle} — once. Vehicles come in with {@link add},
 * leave with {@link remove}, and change owner only through {@link transfer}, the one function that
 * hands a vehicle from one owner to another (an agent lets a vehicle go to traffic, an agent or a
 * bubble takes one from a provider, a bubble moves one between providers). Each of the three emits
 * its event (`vehicleAdded`, `vehicleRemoved`, `ownerChanged`) and keeps the physics body in step:
 * provider-driven vehicles have kinematic bodies, agents their own.
 */
import type { PhysicsWorld } from "../physics/PhysicsWorld.js";
import { VehicleRoleCode } from "../sensors/VehicleRoleCode.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import type { AgentVehicle } from "./AgentVehicle.js";
import type { SimEvent } from "./SimEvent.js";
import type { HandoverVehicle, ProviderVehicleState, TrafficProvider } from "./TrafficProvider.js";

/** Who drives a vehicle. */
export type VehicleOwner =
  | { readonly kind: "provider"; readonly provider: TrafficProvider }
  | {
      readonly kind: "agent";
      /** Owner name: `agent:<id>` (learning agents, learners of bubbles) or `social:<id>`. */
      readonly name: string;
      readonly agent: AgentVehicle;
      /** How frames show it. */
      readonly role: "learning" | "social";
    };

/** Where {@link VehicleTable.transfer} hands a vehicle. */
export type TransferTarget =
  /** The first provider that accepts it, with its remaining route; removed (reason `released`) when none does. */
  | { readonly kind: "traffic"; readonly routeRoadIds: readonly string[] }
  /** Provider `name`, if it accepts it; otherwise nothing changes. */
  | { readonly kind: "provider"; readonly name: string }
  /** An agent takes it from its provider: `agent` is spawned at its pose and speed and drives it. */
  | {
      readonly kind: "agent";
      readonly agent: AgentVehicle;
      readonly owner: string;
      readonly role: "learning" | "social";
    };

/** The motion a vehicle record keeps: pose, speed and acceleration (world frame, SI units). */
export interface Motion {
  x: number;
  y: number;
  headingRad: number;
  speedMps: number;
  accelerationMps2: number;
}

/** One vehicle: its type, owner, physics and collision handles, and this tick's motion and lane. */
export class VehicleRecord implements Motion {
  /** Generation mark for spotting vehicles a provider stopped reporting. */
  seen: number;

  constructor(
    readonly id: string,
    readonly type: VehicleType,
    /** Its owner, the one place it is stored. */
    public ownedBy: VehicleOwner,
    /** Physics handle of its body. */
    public handle: number,
    /** Collision box id (per-simulation counter). */
    readonly boxId: number,
    public x: number,
    public y: number,
    public headingRad: number,
    public speedMps: number,
    public accelerationMps2: number,
    /** Lane the vehicle is on ('' when unknown). */
    public laneId: string,
    seen: number,
  ) {
    this.seen = seen;
  }

  /** Owner name in frames and events: a provider's name, `agent:<id>` or `social:<id>`. */
  get owner(): string {
    const o = this.ownedBy;
    return o.kind === "provider" ? o.provider.name : o.name;
  }

  /** The provider that drives it, or null. */
  get provider(): TrafficProvider | null {
    return this.ownedBy.kind === "provider" ? this.ownedBy.provider : null;
  }

  /** The agent vehicle that drives it, or null. */
  get agent(): AgentVehicle | null {
    return this.ownedBy.kind === "agent" ? this.ownedBy.agent : null;
  }

  /** Its role code in frames (traffic, social agent, learning agent). */
  get role(): number {
    const o = this.ownedBy;
    if (o.kind === "provider") return VehicleRoleCode.traffic;
    return o.role === "learning" ? VehicleRoleCode.learningAgent : VehicleRoleCode.socialAgent;
  }
}

/** A vehicle record as plain data (simulation snapshots); the owner by name. */
export interface VehicleRecordData extends Motion {
  id: string;
  typeId: string;
  /** Owner name (a provider's, `agent:<id>`, `social:<id>`). */
  owner: string;
  /** How an agent-driven vehicle shows (null: a provider drives it). */
  agentRole: "learning" | "social" | null;
  handle: number;
  boxId: number;
  laneId: string;
  seen: number;
}

/** What the table needs of its simulation. */
export interface VehicleTableHost {
  /** The physics world of this episode. */
  world(): PhysicsWorld;
  /** The current tick. */
  tick(): number;
  /** The traffic providers, in order of preference for vehicles handed back. */
  readonly providers: readonly TrafficProvider[];
  /** Records an event in this tick's frame. */
  pushEvent(event: SimEvent): void;
}

/** Copies `src`'s pose, speed and acceleration into `dst` (agent state or provider state → record). */
export function copyMotion(dst: Motion, src: Readonly<Motion>): void {
  dst.x = src.x;
  dst.y = src.y;
  dst.headingRad = src.headingRad;
  dst.speedMps = src.speedMps;
  dst.accelerationMps2 = src.accelerationMps2;
}

/** The vehicles of one simulation; see the file comment. */
export class VehicleTable {
  private records: VehicleRecord[] = [];
  private readonly byId = new Map<string, VehicleRecord>();
  private readonly byBoxId = new Map<number, VehicleRecord>();
  private nextBoxId = 0;
  /** Incremented per provider sync; records seen in the latest sync carry it. */
  generation = 0;

  constructor(private readonly host: VehicleTableHost) {}

  /** Every vehicle, in creation order. Read-only; valid until the table changes. */
  get list(): readonly VehicleRecord[] {
    return this.records;
  }

  /** The vehicle `id`, if it exists. */
  get(id: string): VehicleRecord | undefined {
    return this.byId.get(id);
  }

  /** The vehicle `id`; throws naming it when it does not exist. */
  require(id: string): VehicleRecord {
    const r = this.byId.get(id);
    if (!r) throw new Error(`vehicle "${id}" does not exist`);
    return r;
  }

  /** The vehicle of collision box `boxId`. */
  byBox(boxId: number): VehicleRecord | undefined {
    return this.byBoxId.get(boxId);
  }

  /** The owner name of vehicle `id`, or undefined when it does not exist. */
  ownerOf(id: string): string | undefined {
    return this.byId.get(id)?.owner;
  }

  /** Forgets every vehicle (episode reset; the physics world is new). */
  clear(): void {
    this.records = [];
    this.byId.clear();
    this.byBoxId.clear();
    this.nextBoxId = 0;
  }

  /**
   * Adds vehicle `id` owned by `owner` with motion `s` (event `vehicleAdded`). A provider's vehicle
   * gets a kinematic body; an agent's comes with the agent's (already spawned) body.
   * @throws Error naming the vehicle and both owners when `id` exists already
   */
  add(
    id: string,
    type: VehicleType,
    owner: VehicleOwner,
    s: Readonly<Omit<ProviderVehicleState, "id" | "typeId">>,
  ): VehicleRecord {
    const had = this.byId.get(id);
    if (had)
      throw new Error(`vehicle "${id}" is already owned by "${had.owner}"; "${ownerName(owner)}" cannot own it too`);
    const handle =
      owner.kind === "agent"
        ? owner.agent.handle
        : this.host
            .world()
            .addKinematic(
              { xM: s.x, yM: s.y, headingRad: s.headingRad },
              { lengthM: type.lengthM, widthM: type.widthM, heightM: type.heightM },
            );
    const rec = new VehicleRecord(
      id,
      type,
      owner,
      handle,
      this.nextBoxId++,
      s.x,
      s.y,
      s.headingRad,
      s.speedMps,
      s.accelerationMps2,
      s.laneId,
      this.generation,
    );
    this.records.push(rec);
    this.byId.set(id, rec);
    this.byBoxId.set(rec.boxId, rec);
    this.host.pushEvent({ kind: "vehicleAdded", vehicleId: id, owner: rec.owner });
    return rec;
  }

  /** Removes `rec` and its body (event `vehicleRemoved` with `reason`). */
  remove(rec: VehicleRecord, reason: string): void {
    if (this.byId.get(rec.id) !== rec) throw new Error(`vehicle "${rec.id}" is not in this simulation`);
    this.host.world().remove(rec.handle);
    this.records.splice(this.records.indexOf(rec), 1);
    this.byId.delete(rec.id);
    this.byBoxId.delete(rec.boxId);
    this.host.pushEvent({ kind: "vehicleRemoved", vehicleId: rec.id, owner: rec.owner, reason });
  }

  /**
   * Hands `rec` to another owner (see {@link TransferTarget}): the old owner lets it go (a provider
   * releases it), the new one takes it over from the vehicle's pose, speed and lane (a provider adds
   * it, an agent is spawned there), the body follows (kinematic for providers, the agent's own), and
   * an `ownerChanged` event is recorded. Returns false when no owner took it (a provider that refused,
   * or — for `traffic` — none that accepted; the vehicle is then removed).
   * @throws Error naming the vehicle when a provider or agent target needs a provider-driven vehicle and it is not one, or provider `name` does not exist
   */
  async transfer(rec: VehicleRecord, target: TransferTarget): Promise<boolean> {
    const from = rec.ownedBy;
    let to: VehicleOwner;
    let handover: HandoverVehicle | undefined;
    if (target.kind === "agent") {
      requireProvider(rec, `an agent cannot take it`);
      to = { kind: "agent", name: target.owner, agent: target.agent, role: target.role };
    } else {
      handover = handoverOf(rec, target.kind === "traffic" ? target.routeRoadIds : []);
      let taker: TrafficProvider | undefined;
      if (target.kind === "provider") {
        requireProvider(rec, `it cannot be handed to "${target.name}"`);
        taker = this.host.providers.find((p) => p.name === target.name);
        if (!taker) throw new Error(`no traffic provider "${target.name}" in this simulation`);
        if (taker === rec.provider) return true;
        if (!taker.canAccept(handover)) return false;
      } else {
        taker = this.host.providers.find((p) => p.canAccept(handover!));
        if (!taker) {
          this.remove(rec, "released");
          return false;
        }
      }
      to = { kind: "provider", provider: taker };
    }
    if (from.kind === "provider") await from.provider.release(rec.id);
    const world = this.host.world();
    if (to.kind === "provider") {
      await to.provider.add(handover!);
      if (from.kind === "agent") {
        world.remove(rec.handle);
        rec.handle = world.addKinematic(
          { xM: rec.x, yM: rec.y, headingRad: rec.headingRad },
          { lengthM: rec.type.lengthM, widthM: rec.type.widthM, heightM: rec.type.heightM },
        );
      }
      rec.seen = this.generation;
    } else {
      world.remove(rec.handle);
      to.agent.spawn(world, rec.x, rec.y, rec.headingRad, rec.speedMps, this.host.tick());
      rec.handle = to.agent.handle;
    }
    const fromName = rec.owner;
    rec.ownedBy = to;
    this.host.pushEvent({ kind: "ownerChanged", vehicleId: rec.id, from: fromName, to: rec.owner });
    return true;
  }

  /** Every vehicle as plain data (creation order). */
  snapshot(): { vehicles: VehicleRecordData[]; nextBoxId: number; generation: number } {
    return {
      vehicles: this.records.map((r) => ({
        id: r.id,
        typeId: r.type.id,
        owner: r.owner,
        agentRole: r.ownedBy.kind === "agent" ? r.ownedBy.role : null,
        handle: r.handle,
        boxId: r.boxId,
        x: r.x,
        y: r.y,
        headingRad: r.headingRad,
        speedMps: r.speedMps,
        accelerationMps2: r.accelerationMps2,
        laneId: r.laneId,
        seen: r.seen,
      })),
      nextBoxId: this.nextBoxId,
      generation: this.generation,
    };
  }

  /**
   * Replaces every vehicle with `data`'s (the physics world is restored separately); `resolve` finds
   * each vehicle's type and owner again.
   */
  restore(
    data: { vehicles: readonly VehicleRecordData[]; nextBoxId: number; generation: number },
    resolve: { type(v: VehicleRecordData): VehicleType; owner(v: VehicleRecordData): VehicleOwner },
  ): void {
    this.clear();
    for (const v of data.vehicles) {
      const rec = new VehicleRecord(
        v.id,
        resolve.type(v),
        resolve.owner(v),
        v.handle,
        v.boxId,
        v.x,
        v.y,
        v.headingRad,
        v.speedMps,
        v.accelerationMps2,
        v.laneId,
        v.seen,
      );
      this.records.push(rec);
      this.byId.set(rec.id, rec);
      this.byBoxId.set(rec.boxId, rec);
    }
    this.nextBoxId = data.nextBoxId;
    this.generation = data.generation;
  }
}

/** The owner name `owner` shows in frames and events. */
export function ownerName(owner: VehicleOwner): string {
  return owner.kind === "provider" ? owner.provider.name : owner.name;
}

function requireProvider(rec: VehicleRecord, what: string): void {
  if (!rec.provider)
    throw new Error(`vehicle "${rec.id}" is driven by "${rec.owner}", not a traffic provider: ${what}`);
}

/** `rec` as a provider takes it over: its state and what is left of its route. */
function handoverOf(rec: VehicleRecord, routeRoadIds: readonly string[]): HandoverVehicle {
  return {
    id: rec.id,
    typeId: rec.type.id,
    x: rec.x,
    y: rec.y,
    headingRad: rec.headingRad,
    speedMps: rec.speedMps,
    accelerationMps2: rec.accelerationMps2,
    laneId: rec.laneId,
    routeRoadIds,
  };
}
