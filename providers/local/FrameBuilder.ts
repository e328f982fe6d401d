/**
 * Builds a {@link SimFrame} from provider vehicle states (plus optional extra vehicles), the way the
 * simulation would: box sizes from the vehicle types, roles and owners filled in. For running a
 * provider on its own — the benchmark and the tests — where no simulation builds frames.
 */
import { SimFrame } from "../../core/simulation/SimFrame.js";
import type { ProviderVehicleState } from "../../core/simulation/TrafficProvider.js";
import { VehicleRoleCode } from "../../core/sensors/VehicleRoleCode.js";
import type { VehicleType } from "../../spec/CompiledScenario.js";

/** A vehicle in the frame that the provider does not drive (an agent, say). */
export interface ExtraVehicle extends ProviderVehicleState {
  /** Owner name (`agent:a1`, …). */
  owner: string;
}

export class FrameBuilder {
  private readonly types: Map<string, VehicleType>;
  private readonly owner: string;

  /**
   * @param types the scenario's vehicle types (box sizes by type id)
   * @param owner the provider's name, written as the owner of its vehicles
   */
  constructor(types: readonly VehicleType[], owner: string) {
    this.types = new Map(types.map((t) => [t.name, t]));
    this.owner = owner;
  }

  /** A frame holding `states` (owned by the provider), then `extra`. */
  build(
    tick: number,
    dtS: number,
    states: readonly ProviderVehicleState[],
    signals: ReadonlyMap<string, string>,
    extra: readonly ExtraVehicle[] = [],
  ): SimFrame {
    const n = states.length + extra.length;
    const f = {
      tick,
      timeS: tick * dtS,
      ids: new Array<string>(n),
      typeIds: new Array<string>(n),
      owners: new Array<string>(n),
      roles: new Uint8Array(n),
      x: new Float64Array(n),
      y: new Float64Array(n),
      headingRad: new Float64Array(n),
      speedMps: new Float64Array(n),
      accelerationMps2: new Float64Array(n),
      halfLength: new Float64Array(n),
      halfWidth: new Float64Array(n),
      heightM: new Float64Array(n),
      laneIds: new Array<string>(n),
      signals: new Map(signals),
      collisions: [],
      events: [],
    };
    for (let i = 0; i < n; i++) {
      const own = i < states.length;
      const v = own ? states[i] : extra[i - states.length];
      const type = this.types.get(v.typeId) ?? this.types.get("passenger");
      f.ids[i] = v.id;
      f.typeIds[i] = v.typeId;
      f.owners[i] = own ? this.owner : (v as ExtraVehicle).owner;
      f.roles[i] = own ? VehicleRoleCode.traffic : VehicleRoleCode.learningAgent;
      f.x[i] = v.x;
      f.y[i] = v.y;
      f.headingRad[i] = v.headingRad;
      f.speedMps[i] = v.speedMps;
      f.accelerationMps2[i] = v.accelerationMps2;
      f.halfLength[i] = (type?.lengthM ?? 3.68) / 2;
      f.halfWidth[i] = (type?.widthM ?? 1.47) / 2;
      f.heightM[i] = type?.heightM ?? 1.4;
      f.laneIds[i] = v.laneId;
    }
    return new SimFrame(f);
  }
}
