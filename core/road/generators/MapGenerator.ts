/**
 * The contract of a procedural map generator: a DSL name, a documented parameter table (SI units)
 * and a pure `generate` that turns complete parameters into a {@link RoadNetworkSpec}. The scenario
 * DSL reads the table to convert written units and report errors; {@link resolveGeneratorParams}
 * (in `mapGenerators.ts`) fills defaults and checks ranges before `generate` is called.
 */
import type { RoadNetworkSpec } from "../RoadNetworkSpec.js";

/** Physical kind of a parameter; the DSL converts written units (m, km/h, m/s, deg, s) to SI by this. */
export type GeneratorParamUnit = "length" | "speed" | "angle" | "time" | "count" | "number" | "bool";

/** One generator parameter. */
export interface GeneratorParam {
  /** DSL name, snake_case (e.g. "speed_limit"). */
  name: string;
  /** Field in the SI params object passed to generate (e.g. "speedLimitMps"). */
  key: string;
  unit: GeneratorParamUnit;
  /** Default in SI units (metres, m/s, radians, seconds). */
  default: number | boolean;
  /** Inclusive lower bound, SI. */
  min?: number;
  /** Inclusive upper bound, SI. */
  max?: number;
  /** Whole numbers only. */
  integer?: boolean;
  doc: string;
}

/** Parameters keyed by {@link GeneratorParam.key}, SI units. */
export type GeneratorParams = Record<string, number | boolean>;

/** A procedural road-network generator. */
export interface MapGenerator {
  /** DSL name: "straight", "two_way", "merge", "double_merge", "intersection", "t_junction", "roundabout", "ring". */
  name: string;
  /** One paragraph, including the road and junction ids it produces so scenario authors can reference them. */
  doc: string;
  params: readonly GeneratorParam[];
  /**
   * Checks that span several parameters (e.g. a curve too tight for the road's width); returns
   * error messages naming the parameters, empty when fine. Called by `resolveGeneratorParams`
   * after single-parameter checks pass. Optional.
   */
  check?(params: GeneratorParams): string[];
  /** params: complete SI object (defaults already filled, ranges already checked). */
  generate(params: GeneratorParams): RoadNetworkSpec;
}
