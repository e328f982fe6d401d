/** Pass 5: driver models — the built-in `default`, then the scenario's own; each parameter a distribution. */
import type { NameNode } from "../ast.js";
import type { CompileContext } from "../CompileContext.js";
import { SCENARIO_DEFAULTS, type Driver } from "../../spec/CompiledScenario.js";
import type { UnitKind } from "../units.js";
import { PropTable, scenarioProps } from "./props.js";
import { readDistribution, type QuantityRules } from "./values.js";

/** A driver parameter: DSL name → compiled field, unit kind and range. */
export interface DriverParam {
  field: Exclude<keyof Driver, "name">;
  kind: UnitKind;
  rules: QuantityRules;
}

/** The driver parameters of the language. */
export const DRIVER_PARAMS: Readonly<Record<string, DriverParam>> = {
  speed_factor: { field: "speedFactor", kind: "number", rules: { min: 0, minExclusive: true, max: 5 } },
  headway: { field: "headwayS", kind: "time", rules: { min: 0 } },
  min_gap: { field: "minGapM", kind: "length", rules: { min: 0 } },
  accel: { field: "accelMps2", kind: "acceleration", rules: { min: 0, minExclusive: true } },
  decel: { field: "decelMps2", kind: "acceleration", rules: { min: 0, minExclusive: true } },
  politeness: { field: "politeness", kind: "number", rules: { min: 0, max: 1 } },
  lane_change_threshold: { field: "laneChangeThresholdMps2", kind: "acceleration", rules: { min: 0 } },
  imperfection: { field: "imperfection", kind: "number", rules: { min: 0, max: 1 } },
};

export function lowerDrivers(ctx: CompileContext): void {
  const drivers: Driver[] = [{ ...SCENARIO_DEFAULTS.driver }];
  const blocks = scenarioProps(ctx).blocks("driver");
  const seen = new Set(["default"]);
  for (const block of blocks) {
    const name = (block.name as NameNode).name;
    const props = new PropTable(ctx, block.items, `driver "${name}"`);
    const driver: Driver = { ...SCENARIO_DEFAULTS.driver, name };
    for (const [key, param] of Object.entries(DRIVER_PARAMS)) {
      const p = props.get(key);
      if (!p || (p.value.type !== "quantity" && p.value.type !== "distribution")) continue;
      const d = readDistribution(ctx, p.value, param.kind, key.replace(/_/g, " "), param.rules);
      if (d) driver[param.field] = d;
    }
    if (!seen.has(name)) drivers.push(driver);
    seen.add(name);
  }
  ctx.out.drivers = drivers;
}
