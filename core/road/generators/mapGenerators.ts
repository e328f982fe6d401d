/**
 * The table of built-in map generators by DSL name, and parameter resolution: the scenario DSL
 * converts written units to SI, then {@link resolveGeneratorParams} fills defaults and checks names,
 * ranges and whole numbers before a generator runs.
 */
import type { RoadNetworkSpec } from "../RoadNetworkSpec.js";
import type { GeneratorParam, GeneratorParams, MapGenerator } from "./MapGenerator.js";
import { doubleMerge } from "./doubleMerge.js";
import { fourWayIntersection } from "./fourWayIntersection.js";
import { onRampMerge } from "./onRampMerge.js";
import { ringRoad } from "./ringRoad.js";
import { roundabout } from "./roundabout.js";
import { straightRoad } from "./straightRoad.js";
import { tJunction } from "./tJunction.js";
import { twoWayRoad } from "./twoWayRoad.js";

/** Built-in generators keyed by DSL name (a constant table, not a registry). */
export const mapGenerators: ReadonlyMap<string, MapGenerator> = new Map(
  [straightRoad, twoWayRoad, onRampMerge, doubleMerge, fourWayIntersection, tJunction, roundabout, ringRoad].map(
    (g) => [g.name, g] as const,
  ),
);

const UNIT_SYMBOL: Record<GeneratorParam["unit"], string> = {
  length: " m",
  speed: " m/s",
  angle: " rad",
  time: " s",
  count: "",
  number: "",
  bool: "",
};

/** `value` with its SI unit (angles also in degrees), for messages. */
function show(param: GeneratorParam, value: number): string {
  const v = `${Number(value.toPrecision(6))}${UNIT_SYMBOL[param.unit]}`;
  if (param.unit === "angle") return `${v} (${Number(((value * 180) / Math.PI).toPrecision(6))}°)`;
  if (param.unit === "speed") return `${v} (${Number((value * 3.6).toPrecision(6))} km/h)`;
  return v;
}

/**
 * Complete SI parameters for `gen` from `given` (keyed by DSL name, SI values): defaults filled in,
 * then every value checked (unknown name, wrong type, not finite, not a whole number, out of range),
 * then the generator's own cross-parameter `check`. Each error message names the parameter.
 */
export function resolveGeneratorParams(
  gen: MapGenerator,
  given: Record<string, number | boolean>,
): { params: GeneratorParams } | { errors: string[] } {
  const errors: string[] = [];
  const byName = new Map(gen.params.map((p) => [p.name, p]));
  for (const name of Object.keys(given)) {
    if (!byName.has(name)) {
      errors.push(
        `${name}: unknown parameter of map generator "${gen.name}" (known: ${gen.params.map((p) => p.name).join(", ")})`,
      );
    }
  }
  const params: GeneratorParams = {};
  for (const param of gen.params) {
    const value = Object.hasOwn(given, param.name) ? given[param.name] : param.default;
    params[param.key] = value;
    if (param.unit === "bool") {
      if (typeof value !== "boolean") errors.push(`${param.name}: must be true or false, got ${String(value)}`);
      continue;
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      errors.push(`${param.name}: must be a finite number, got ${String(value)}`);
      continue;
    }
    if (param.integer && !Number.isInteger(value)) errors.push(`${param.name}: must be a whole number, got ${value}`);
    if (param.min !== undefined && value < param.min)
      errors.push(`${param.name}: ${show(param, value)} is below the minimum ${show(param, param.min)}`);
    if (param.max !== undefined && value > param.max)
      errors.push(`${param.name}: ${show(param, value)} is above the maximum ${show(param, param.max)}`);
  }
  if (errors.length === 0 && gen.check) errors.push(...gen.check(params));
  return errors.length ? { errors } : { params };
}

/** Resolves `given` (DSL names, SI values) and runs generator `name`; throws listing every error. */
export function generateMap(name: string, given: Record<string, number | boolean> = {}): RoadNetworkSpec {
  const gen = mapGenerators.get(name);
  if (!gen) throw new Error(`unknown map generator "${name}" (known: ${[...mapGenerators.keys()].join(", ")})`);
  const resolved = resolveGeneratorParams(gen, given);
  if ("errors" in resolved) throw new Error(`map generator "${name}": ${resolved.errors.join("; ")}`);
  return gen.generate(resolved.params);
}
