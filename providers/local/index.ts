/**
 * The local traffic provider: IDM car following, MOBIL lane changes, junction right of way and
 * signals, computed in-process (docs/local-traffic.md). Public names are listed here one by one;
 * everything else in providers/local/ is internal.
 */
export { LocalTrafficProvider, ACCEPT_DISTANCE_M, ACCEPT_HEADING_RAD } from "./LocalTrafficProvider.js";
export { LOCAL_TRAFFIC_DEFAULTS } from "./LocalTrafficOptions.js";
export type { LocalTrafficOptions } from "./LocalTrafficOptions.js";
export { LocalTrafficSnapshotSchema, LOCAL_TRAFFIC_SNAPSHOT_FORMAT } from "./engine/snapshot.js";
export type { LocalTrafficSnapshot } from "./engine/snapshot.js";
export { FrameBuilder } from "./FrameBuilder.js";
export type { ExtraVehicle } from "./FrameBuilder.js";
export {
  IDM_EXPONENT,
  ballisticStep,
  idmAcceleration,
  idmDesiredGap,
  idmEquilibriumGap,
  idmEquilibriumSpeed,
  idmFreeAcceleration,
  timeToCover,
} from "./IdmModel.js";
export type { BallisticStep, IdmParams } from "./IdmModel.js";
export { mobilIncentive, mobilSafe } from "./MobilModel.js";
