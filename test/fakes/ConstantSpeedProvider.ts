/**
 * A minimal traffic provider for tests: vehicles placed on given lanes drive along them at constant
 * speed and leave at the lane's end. It exercises the provider contract (insertion, motion,
 * arrival, hand-over, snapshots) without a traffic model.
 */
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import type {
  HandoverVehicle,
  ProviderSetup,
  ProviderStep,
  ProviderVehicleState,
  TrafficProvider,
} from "../../core/simulation/TrafficProvider.js";

/** A vehicle to place: lane, offset along it (m), speed (m/s), and the tick it appears. */
export interface PlacedVehicle {
  id: string;
  laneId: string;
  sM: number;
  speedMps: number;
  departTick?: number;
  typeId?: string;
}

interface Moving extends ProviderVehicleState {
  sM: number;
}

/** Drives placed vehicles along their lanes at constant speed. */
export class ConstantSpeedProvider implements TrafficProvider {
  readonly name: string;
  private net!: RoadNetwork;
  private dtS = 0.1;
  private list: Moving[] = [];
  private waiting: PlacedVehicle[] = [];
  readonly accepted: string[] = [];

  constructor(
    private readonly placed: readonly PlacedVehicle[],
    name = "constant",
  ) {
    this.name = name;
  }

  setup(setup: ProviderSetup): void {
    this.net = setup.network;
    this.dtS = setup.dtS;
    this.list = [];
    this.waiting = [...this.placed];
    this.insertDue(0);
  }

  step(step: ProviderStep): void {
    for (const v of this.list) {
      v.sM += v.speedMps * this.dtS;
      const lane = this.net.lane(v.laneId)!;
      if (v.sM <= lane.centreline.length) this.place(v);
    }
    this.list = this.list.filter((v) => v.sM <= this.net.lane(v.laneId)!.centreline.length);
    this.insertDue(step.tick);
  }

  vehicles(): readonly ProviderVehicleState[] {
    return this.list;
  }

  canAccept(v: HandoverVehicle): boolean {
    return v.laneId !== "" && this.net.lane(v.laneId) !== undefined;
  }

  add(v: HandoverVehicle): void {
    const lane = this.net.lane(v.laneId)!;
    const s = lane.toLane(v.x, v.y).s;
    this.accepted.push(v.id);
    this.list.push({ ...v, sM: s, accelerationMps2: 0 });
  }

  release(id: string): void {
    this.list = this.list.filter((v) => v.id !== id);
  }

  snapshot(): unknown {
    return { list: this.list.map((v) => ({ ...v })), waiting: this.waiting.map((w) => ({ ...w })) };
  }

  restore(state: unknown): void {
    const s = state as { list: Moving[]; waiting: PlacedVehicle[] };
    this.list = s.list.map((v) => ({ ...v }));
    this.waiting = s.waiting.map((w) => ({ ...w }));
  }

  teardown(): void {
    this.list = [];
  }

  private insertDue(tick: number): void {
    const due = this.waiting.filter((w) => (w.departTick ?? 0) <= tick);
    this.waiting = this.waiting.filter((w) => (w.departTick ?? 0) > tick);
    for (const w of due) {
      const v: Moving = {
        id: w.id,
        typeId: w.typeId ?? "passenger",
        x: 0,
        y: 0,
        headingRad: 0,
        speedMps: w.speedMps,
        accelerationMps2: 0,
        laneId: w.laneId,
        sM: w.sM,
      };
      this.place(v);
      this.list.push(v);
    }
  }

  private place(v: Moving): void {
    const p = this.net.lane(v.laneId)!.toWorld(v.sM, 0);
    v.x = p.x;
    v.y = p.y;
    v.headingRad = p.headingRad;
  }
}
