/**
 * Ghosts: SUMO vehicles that stand in for vehicles SUMO does not drive and never had (learning and
 * social agents, other providers' traffic), so that SUMO's traffic sees them — follows, queues behind,
 * yields to them. Each step every such vehicle of the frame is placed where the frame has it
 * (`placeAsInFrame`); one that left the frame is removed from SUMO. Ghost ids are the vehicle's id
 * behind a prefix; ghosts are never reported as the provider's vehicles.
 */
import type { SimFrame } from "../../core/simulation/SimFrame.js";
import { placeAsInFrame } from "./placeAsInFrame.js";
import type { SumoRoads } from "./SumoRoads.js";
import type { TraciClient } from "./traci/TraciClient.js";

interface Ghost {
  readonly sumoId: string;
  /** SUMO length: the vType's, which is the frame box's. */
  readonly lengthM: number;
  sentSpeed: number;
  /** Tick of the last frame that showed its vehicle. */
  seenTick: number;
}

/** The ghosts of one SUMO run. */
export class GhostMirror {
  private readonly prefix: string;
  private readonly roads: SumoRoads;
  private readonly sumoTypeOf: (scenarioTypeId: string) => string;
  private readonly ghosts = new Map<string, Ghost>();
  private readonly edgeRoutes = new Set<string>();

  /**
   * @param prefix SUMO id prefix of ghosts
   * @param sumoTypeOf the SUMO vType for a frame vehicle's type id
   */
  constructor(prefix: string, roads: SumoRoads, sumoTypeOf: (scenarioTypeId: string) => string) {
    this.prefix = prefix;
    this.roads = roads;
    this.sumoTypeOf = sumoTypeOf;
  }

  /** Whether SUMO vehicle id `sumoId` is one of the live ghosts. */
  isGhost(sumoId: string): boolean {
    return sumoId.startsWith(this.prefix) && this.ghosts.has(sumoId.slice(this.prefix.length));
  }

  /** Places frame vehicle `i`'s ghost (adding it first if it has none) and marks it seen at `tick`. */
  async follow(client: TraciClient, f: SimFrame, i: number, tick: number): Promise<void> {
    const id = f.ids[i];
    const ghost = this.ghosts.get(id) ?? (await this.add(client, f, i));
    ghost.seenTick = tick;
    await placeAsInFrame(client, this.roads, ghost.sumoId, f, i, ghost.lengthM, ghost);
  }

  /** Removes the ghosts whose vehicles the frame of `tick` did not show. */
  async dropUnseen(client: TraciClient, tick: number): Promise<void> {
    for (const [id, g] of this.ghosts) {
      if (g.seenTick !== tick) {
        await client.removeVehicle(g.sumoId);
        this.ghosts.delete(id);
      }
    }
  }

  /** Removes vehicle `id`'s ghost, if it has one (it is about to become a SUMO vehicle of its own). */
  async remove(client: TraciClient, id: string): Promise<void> {
    const g = this.ghosts.get(id);
    if (!g) return;
    await client.removeVehicle(g.sumoId);
    this.ghosts.delete(id);
  }

  /** SUMO reported `sumoId` gone: if it was a ghost, forget it (it comes back next step if its vehicle is still there). */
  forget(sumoId: string): boolean {
    return sumoId.startsWith(this.prefix) && this.ghosts.delete(sumoId.slice(this.prefix.length));
  }

  /** Forgets every ghost (SUMO was closed). */
  clear(): void {
    this.ghosts.clear();
    this.edgeRoutes.clear();
  }

  private async add(client: TraciClient, f: SimFrame, i: number): Promise<Ghost> {
    const sumoId = this.prefix + f.ids[i];
    // Any route will do: the first placement maps the ghost onto whatever lane it is on (or none).
    const edge = this.roads.currentRoad(f.laneIds[i], f.x[i], f.y[i]);
    const routeId = `roadgym:edge:${edge}`;
    if (!this.edgeRoutes.has(routeId)) {
      await client.addRoute(routeId, [edge]);
      this.edgeRoutes.add(routeId);
    }
    await client.addVehicle(
      sumoId,
      routeId,
      this.sumoTypeOf(f.typeIds[i]),
      "now",
      "first",
      "base",
      Math.max(0, f.speedMps[i]),
    );
    await client.setSpeedMode(sumoId, 0);
    await client.setLaneChangeMode(sumoId, 0);
    const ghost: Ghost = { sumoId, lengthM: 2 * f.halfLength[i], sentSpeed: NaN, seenTick: 0 };
    this.ghosts.set(f.ids[i], ghost);
    return ghost;
  }
}
