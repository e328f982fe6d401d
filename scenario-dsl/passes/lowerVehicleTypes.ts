/** Pass 4: vehicle types — the six built-ins, then the scenario's own (optionally derived from a `base`). */
import type { BlockNode, NameNode } from "../ast.js";
import type { CompileContext } from "../CompileContext.js";
import { BUILT_IN_VEHICLE_TYPES, type VehicleType } from "../../spec/CompiledScenario.js";
import { SUMO_VEHICLE_CLASSES } from "../../spec/vehicleClasses.js";
import { didYouMean } from "../suggest.js";
import type { UnitKind } from "../units.js";
import { PropTable, scenarioProps } from "./props.js";
import { readQuantity } from "./values.js";

const FIELDS: readonly [string, keyof VehicleType, UnitKind][] = [
  ["length", "lengthM", "length"],
  ["width", "widthM", "length"],
  ["height", "heightM", "length"],
  ["max_speed", "maxSpeedMps", "speed"],
  ["accel", "accelMps2", "acceleration"],
  ["decel", "decelMps2", "acceleration"],
];

export function lowerVehicleTypes(ctx: CompileContext): void {
  const types: VehicleType[] = BUILT_IN_VEHICLE_TYPES.map((t) => ({ ...t }));
  const byName = new Map(types.map((t) => [t.name, t]));
  const blocks = scenarioProps(ctx).blocks("vehicle_type");
  for (const block of blocks) {
    const type = lowerVehicleType(ctx, block, byName);
    const name = (block.name as NameNode).name;
    if (type && !byName.has(name)) {
      types.push(type);
      byName.set(name, type);
    }
  }
  ctx.out.vehicleTypes = types;
}

function lowerVehicleType(
  ctx: CompileContext,
  block: BlockNode,
  known: ReadonlyMap<string, VehicleType>,
): VehicleType | undefined {
  const name = (block.name as NameNode).name;
  const props = new PropTable(ctx, block.items, `vehicle type "${name}"`);
  let base: VehicleType = BUILT_IN_VEHICLE_TYPES[0];
  const baseProp = props.get("base");
  if (baseProp?.value.type === "name") {
    const found = known.get(baseProp.value.name);
    if (found) base = found;
    else
      ctx.error(
        baseProp.value.loc,
        `unknown base vehicle type "${baseProp.value.name}"${didYouMean(baseProp.value.name, known.keys())} (a base must be declared before)`,
      );
  }
  const type: VehicleType = { ...base, name, builtIn: false };
  for (const [key, field, kind] of FIELDS) {
    const p = props.get(key);
    if (p?.value.type !== "quantity") continue;
    const v = readQuantity(ctx, p.value, kind, key, { min: 0, minExclusive: true });
    if (v !== undefined) (type[field] as number) = v;
  }
  const vclass = props.get("vclass");
  if (vclass?.value.type === "name") {
    const c = vclass.value.name;
    if ((SUMO_VEHICLE_CLASSES as readonly string[]).includes(c)) type.vClass = c;
    else ctx.error(vclass.value.loc, `unknown SUMO vehicle class "${c}"${didYouMean(c, SUMO_VEHICLE_CLASSES)}`);
  } else if (baseProp === undefined) {
    type.vClass = "passenger";
  }
  return type;
}
