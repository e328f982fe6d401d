/** Settings of the local traffic provider, with their defaults. */
import { DEFAULT_MAX_BACKLOG } from "./DemandSource.js";

/** Settings of the local traffic provider. */
export interface LocalTrafficOptions {
  /**
   * Owner name in ownership records and frames.
   * @default "local"
   */
  name?: string;
  /**
   * Duration of a lane change's lateral motion (s).
   * @default 3
   */
  laneChangeDurationS?: number;
  /**
   * MOBIL safe deceleration b_safe: the most a lane change may make the new follower brake (m/s²).
   * @default 4
   */
  safeDecelMps2?: number;
  /**
   * MOBIL keep-right bias (m/s²).
   * @default 0.2
   */
  keepRightBiasMps2?: number;
  /**
   * Discretionary lane changes are considered every this many steps per vehicle (staggered by
   * vehicle); strategic ones every step.
   * @default 5
   */
  laneChangeIntervalSteps?: number;
  /**
   * A vehicle standing at the end of a lane that does not lead on for this long takes another way (s).
   * @default 30
   */
  stuckRerouteS?: number;
  /**
   * A vehicle standing this long at the head of a jam is teleported further along its route, as
   * SUMO's `--time-to-teleport` (engine/jams.ts); 0 never teleports (s).
   * @default 300
   */
  teleportAfterS?: number;
  /**
   * The insertion backlog's bound: the most vehicles one demand source (a flow, a trip, a SUMO
   * vehicle or flow) keeps waiting to get in; vehicles due while its queue is full are dropped and
   * counted (`LocalTrafficProvider.dropped`). See `DEFAULT_MAX_BACKLOG` (DemandSource.ts).
   * @default 1000
   */
  maxBacklog?: number;
  /**
   * Lateral acceleration drivers keep to in bends: a bend of radius r is taken at most at
   * √(a · r) (engine/bends.ts); 0 turns curve speeds off (m/s²). Off by default for now: with 4 m/s²,
   * minicity's hour-long cluster test (clusterDeadlock.test.ts, no teleports) meets a standstill of
   * over 150 s it does not meet without. SUMO's netconvert caps junction turns at 5.5 m/s² in the speed
   * limits it writes; 3–4 m/s² is a comfortable bound on roads.
   * @default 0
   */
  bendLateralAccelMps2?: number;
}

/** Options with every default filled in. */
export type ResolvedLocalTrafficOptions = Required<LocalTrafficOptions>;

/** The defaults of {@link LocalTrafficOptions}. */
export const LOCAL_TRAFFIC_DEFAULTS: ResolvedLocalTrafficOptions = {
  name: "local",
  laneChangeDurationS: 3,
  safeDecelMps2: 4,
  keepRightBiasMps2: 0.2,
  laneChangeIntervalSteps: 5,
  stuckRerouteS: 30,
  teleportAfterS: 300,
  maxBacklog: DEFAULT_MAX_BACKLOG,
  bendLateralAccelMps2: 0,
};
