/**
 * The boundary between traffic providers and the simulation's vehicle table (DESIGN.md §5): after
 * the providers step, each one's reported vehicles are taken in — an id seen for the first time is
 * a new vehicle owned by that provider, a known one gets its motion and lane copied and its
 * kinematic body moved, and (with `removeMissing`) a provider-driven vehicle no provider reported any
 * more has arrived and leaves. A provider reporting a vehicle it does not own, or one vehicle twice,
 * is an error naming both.
 */
import type { VehicleType } from "../../spec/VehicleType.js";
import type { PhysicsWorld, Pose2 } from "../physics/PhysicsWorld.js";
import type { ProviderVehicleState, TrafficProvider } from "./TrafficProvider.js";
import { copyMotion, type VehicleTable } from "./VehicleTable.js";

/** Scratch pose for body moves (one per process is enough: the function does not re-enter). */
const _pose: Pose2 = { xM: 0, yM: 0, headingRad: 0 };

/** Takes in every provider's vehicles; see the file comment. */
export function syncProviderVehicles(
  table: VehicleTable,
  providers: readonly TrafficProvider[],
  world: PhysicsWorld,
  vehicleType: (name: string, who: string) => VehicleType,
  removeMissing: boolean,
): void {
  const gen = ++table.generation;
  for (const p of providers) {
    const list: readonly ProviderVehicleState[] = p.vehicles();
    for (let i = 0; i < list.length; i++) {
      const pv = list[i];
      let rec = table.get(pv.id);
      if (!rec) {
        rec = table.add(
          pv.id,
          vehicleType(pv.typeId, `vehicle "${pv.id}" of provider "${p.name}"`),
          { kind: "provider", provider: p },
          pv,
        );
      } else if (rec.provider !== p) {
        throw new Error(`provider "${p.name}" reports vehicle "${pv.id}", which is owned by "${rec.owner}"`);
      } else if (rec.seen === gen) {
        throw new Error(`provider "${p.name}" reports vehicle "${pv.id}" twice`);
      } else {
        copyMotion(rec, pv);
        rec.laneId = pv.laneId;
        _pose.xM = pv.x;
        _pose.yM = pv.y;
        _pose.headingRad = pv.headingRad;
        world.moveKinematic(rec.handle, _pose);
      }
      rec.seen = gen;
    }
  }
  if (!removeMissing) return;
  const all = table.list;
  for (let i = all.length - 1; i >= 0; i--) {
    const r = all[i];
    if (r.provider && r.seen !== gen) table.remove(r, "arrived");
  }
}
