/**
 * The scenario language: compile `.scn` text into a {@link CompiledScenario}. Public names are
 * listed here one by one; everything else in scenario-dsl/ is internal.
 */
export { compileScenario, compileScenarioFile, PASSES } from "./compileScenario.js";
export type { CompileOptions, CompileResult } from "./compileScenario.js";
export type { MapCache } from "./CompileContext.js";
export { formatDiagnostics, hasErrors } from "./Diagnostic.js";
export type { Diagnostic, Severity } from "./Diagnostic.js";
export type { Location, SourcePoint } from "./ast.js";
export { parseScenario } from "./parseScenario.js";
export { canonicalJson, contentHash } from "./contentHash.js";
export {
  ACTION_SPACES,
  AgentInterfaceSchema,
  AgentSchema,
  BUILT_IN_VEHICLE_TYPES,
  BubbleSchema,
  COMPILED_SCENARIO_FORMAT,
  CompiledScenarioSchema,
  DistributionSchema,
  DriverSchema,
  FlowSchema,
  LanePositionSchema,
  MissionSchema,
  SCENARIO_DEFAULTS,
  SocialAgentSchema,
  TRAFFIC_PROVIDERS,
  TrafficSchema,
  TripSchema,
  VariationSchema,
  VehicleTypeSchema,
} from "../spec/CompiledScenario.js";
export type {
  ActionSpace,
  Agent,
  AgentInterface,
  Bubble,
  BubbleActor,
  CompiledScenario,
  Distribution,
  DoneCriteria,
  Driver,
  FixedRoute,
  Flow,
  LanePosition,
  MapRef,
  Mission,
  Observation,
  Override,
  PolicyRef,
  RouteSpec,
  SocialAgent,
  Traffic,
  Trip,
  Variation,
  VehicleType,
  Weighted,
  Zone,
} from "../spec/CompiledScenario.js";
export { buildScenarioNetwork } from "./buildScenarioNetwork.js";
