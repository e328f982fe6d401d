/**
 * Everything one local-traffic episode holds: the network tables, the models, the vehicles (in
 * creation order: the iteration order of every phase), and the settings. The provider owns one; the
 * step phases (VehicleStep.ts) and snapshots read and write it.
 */
import type { Rng } from "../../core/random/Rng.js";
import type { ProviderSetup } from "../../core/simulation/TrafficProvider.js";
import { Demand } from "./Demand.js";
import { DEFAULT_MAX_BACKLOG } from "./DemandSource.js";
import { ForeignVehicles } from "./ForeignVehicles.js";
import { Inserter } from "./Insertion.js";
import type { Teleport } from "./Jams.js";
import { JunctionArbiter } from "./JunctionArbiter.js";
import { LocalNetwork } from "./LocalNetwork.js";
import { LaneChanger } from "./Mobil.js";
import type { PendingVehicle } from "./PendingVehicle.js";
import { RoutePlanner } from "./RoutePlanner.js";
import type { TrafficVehicle } from "./TrafficVehicle.js";
import { VehicleFactory } from "./VehicleFactory.js";

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
   * SUMO's `--time-to-teleport` (see Jams.ts); 0 never teleports (s).
   * @default 120
   */
  teleportAfterS?: number;
  /**
   * The insertion backlog's bound: the most vehicles one demand source (a flow, a trip, a SUMO
   * vehicle or flow) keeps waiting to get in; vehicles due while its queue is full are dropped and
   * counted (`LocalTrafficProvider.dropped`). See `DEFAULT_MAX_BACKLOG` (DemandSource.ts).
   * @default 1000
   */
  maxBacklog?: number;
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
  teleportAfterS: 120,
  maxBacklog: DEFAULT_MAX_BACKLOG,
};

export class TrafficWorld {
  readonly net: LocalNetwork;
  readonly rng: Rng;
  readonly dtS: number;
  readonly options: ResolvedLocalTrafficOptions;
  readonly planner: RoutePlanner;
  readonly changer: LaneChanger;
  readonly arbiter = new JunctionArbiter();
  readonly inserter: Inserter;
  readonly factory: VehicleFactory;
  readonly demand: Demand;
  readonly foreign: ForeignVehicles;
  /** Live vehicles in creation order. */
  vehicles: TrafficVehicle[] = [];
  readonly byId = new Map<string, TrafficVehicle>();
  /** Next vehicle sequence number. */
  nextSeq = 0;
  /** The last tick computed (0 after setup). */
  tick = 0;
  /** Teleported vehicles waiting to go back on the road, in the order they were taken off. */
  teleporting: PendingVehicle[] = [];
  /** Cached, not-yet-placed vehicle per entry of `teleporting` (not part of snapshots). */
  readonly teleportCandidates: (TrafficVehicle | null)[] = [];
  /** Every teleport of the episode, in order. */
  readonly teleports: Teleport[] = [];
  /** Cached, not-yet-placed vehicle per queue head (rebuilt on demand; not part of snapshots). */
  readonly candidates: (TrafficVehicle | null)[] = [];

  /**
   * @param net the network's tables: fresh, or reused from an earlier episode on the same network
   *   (their occupant lists emptied)
   */
  constructor(setup: ProviderSetup, options: ResolvedLocalTrafficOptions, net: LocalNetwork) {
    this.net = net;
    this.rng = setup.rng;
    this.dtS = setup.dtS;
    this.options = options;
    this.planner = new RoutePlanner(this.net, this.rng);
    this.changer = new LaneChanger(this.planner, {
      safeDecelMps2: options.safeDecelMps2,
      keepRightBiasMps2: options.keepRightBiasMps2,
      durationS: options.laneChangeDurationS,
    });
    this.inserter = new Inserter(this.net, this.planner);
    this.factory = new VehicleFactory(this.net, this.rng, this.planner, setup.vehicleTypes, setup.drivers);
    this.demand = new Demand(setup, this.factory, options.maxBacklog);
    this.foreign = new ForeignVehicles(this.net);
    for (let i = 0; i < this.demand.queues.length; i++) this.candidates.push(null);
  }
}
