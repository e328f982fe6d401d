/**
 * Which scenario vehicle type a SUMO vehicle is reported as, and how long SUMO thinks it is.
 *
 * The provider's own vTypes (`roadgym:<type>:<driver>`) map to their scenario type. Types from the
 * scenario's SUMO route files map to the scenario type of the same name when there is one, else by
 * vehicle class (a `delivery` van is reported as a `truck`, a `coach` as a `bus`, …; the simulation
 * then uses that type's box). SUMO's own length is kept per type: SUMO reports the front bumper, and
 * the centre is half of SUMO's length behind it.
 */
import type { TraciClient } from "./traci/TraciClient.js";
import type { SumoDemand } from "../../spec/SumoDemand.js";
import type { VehicleType } from "../../spec/CompiledScenario.js";
import { VehicleVar } from "./traci/traciConstants.js";

/** Vehicle classes without a built-in type of their own → the class whose type stands in. */
const VCLASS_STAND_IN: Readonly<Record<string, string>> = {
  coach: "bus",
  delivery: "truck",
  tram: "bus",
  rail_urban: "bus",
  rail: "trailer",
  rail_electric: "trailer",
  rail_fast: "trailer",
  ship: "trailer",
  moped: "motorcycle",
  bicycle: "motorcycle",
  scooter: "motorcycle",
};

/** A SUMO vType as the provider reports it. */
export interface SumoTypeInfo {
  /** Scenario vehicle type name. */
  scenarioType: string;
  /** SUMO's vehicle length (m). */
  lengthM: number;
}

/** SUMO vType id → scenario type and length, learnt from SUMO the first time a type is seen. */
export class SumoTypeTable {
  private readonly types: readonly VehicleType[];
  private readonly known = new Map<string, string>();
  private readonly info = new Map<string, SumoTypeInfo>();

  /**
   * @param ownTypes the provider's vTypes (SUMO id → scenario type name)
   * @param demand the scenario's SUMO route files
   */
  constructor(types: readonly VehicleType[], ownTypes: ReadonlyMap<string, string>, demand: readonly SumoDemand[]) {
    this.types = types;
    for (const [id, name] of ownTypes) this.known.set(id, name);
    for (const d of demand) {
      for (const vt of d.vTypes) {
        if (!this.known.has(vt.id)) this.known.set(vt.id, this.scenarioTypeFor(vt.id, vt.vClass ?? "passenger"));
      }
    }
  }

  /** The scenario type for a SUMO type id of class `vClass`: one of the same name, else by class. */
  scenarioTypeFor(sumoTypeId: string, vClass: string): string {
    const byName = this.types.find((t) => t.name === sumoTypeId);
    if (byName) return byName.name;
    const byClass =
      this.types.find((t) => t.vClass === vClass) ??
      this.types.find((t) => t.vClass === (VCLASS_STAND_IN[vClass] ?? "passenger"));
    return (byClass ?? this.types[0]).name;
  }

  /** The length of scenario type `name` (m): what the provider's vTypes for it declare. */
  lengthOfScenarioType(name: string): number {
    return (this.types.find((t) => t.name === name) ?? this.types[0]).lengthM;
  }

  /** Scenario type and SUMO length of vehicle `vehId` of SUMO type `sumoTypeId` (asks SUMO once per type). */
  async resolve(client: TraciClient, vehId: string, sumoTypeId: string): Promise<SumoTypeInfo> {
    let info = this.info.get(sumoTypeId);
    if (!info) {
      let scenarioType = this.known.get(sumoTypeId);
      if (scenarioType === undefined) {
        const vClass = String(await client.vehicleVariable(vehId, VehicleVar.vehicleClass));
        scenarioType = this.scenarioTypeFor(sumoTypeId, vClass);
      }
      info = { scenarioType, lengthM: await client.vehicleLength(vehId) };
      this.info.set(sumoTypeId, info);
    }
    return info;
  }
}
