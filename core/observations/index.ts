/** Agent observations (DESIGN.md §7): the builder, its input and output types, spaces and the vector layout. */
export type {
  AgentObservation,
  JunctionObservation,
  LidarScan,
  MaskedPaths,
  MaskedRows,
  ObservationInfo,
  ObservationResult,
} from "./AgentObservation.js";
export type { ObservationInput } from "./ObservationInput.js";
export { ObservationBuilder, type ObservationBuilderOptions } from "./ObservationBuilder.js";
export { observationSpace } from "./observationSpace.js";
export {
  vectorLayout,
  vectorLayoutMarkdown,
  vectorLength,
  vectorWaypointSamples,
  type VectorElement,
} from "./vectorLayout.js";
export {
  EGO_FEATURES,
  EVENT_FEATURES,
  JUNCTION_FOE_FEATURES,
  NEIGHBOUR_FEATURES,
  ROAD_WAYPOINT_LANES,
  VECTOR_WAYPOINT_POINTS,
  WAYPOINT_FEATURES,
  WAYPOINT_PATHS,
  columns,
  junctionFeatures,
  signalFeatures,
  type FeatureSpec,
} from "./observationFeatures.js";
export { fullObservation, standardObservation } from "./standardObservation.js";
