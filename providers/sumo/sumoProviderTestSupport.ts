/**
 * Helpers for tests of the SUMO provider: scenarios on the SMARTS maps in `maps/smarts`, the
 * provider's setup arguments, and hand-made frames. (Test-only.)
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Rng } from "../../core/random/Rng.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import { SimFrame } from "../../core/simulation/SimFrame.js";
import type { ProviderSetup, ProviderVehicleState } from "../../core/simulation/TrafficProvider.js";
import type { CompiledScenario } from "../../spec/CompiledScenario.js";
import { compileScenario, formatDiagnostics } from "../../scenario-dsl/index.js";

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Absolute path of a SMARTS map's network, e.g. `smartsMap("paper-two_ways-bid")`. */
export function smartsMap(name: string): string {
  return join(REPO_ROOT, "maps", "smarts", name, "map.net.xml");
}

/** Every kind of flow and a trip on the two-way map (writeSumoDemand.test.ts checks the route file, SumoTrafficProvider.test.ts runs it). */
export const DEMAND_SCENARIO = `seed 1
  duration 120 s
  map sumo "../maps/smarts/paper-two_ways-bid/map.net.xml"
  driver calm { speed_factor normal(0.9, 0.1)  headway 1.5 s  min_gap 3 m  accel 2 m/s2  decel 3 m/s2  politeness 0.8 }
  vehicle_type van { base truck  length 5.5 m  vclass delivery }
  traffic {
    flow late  { route gneE1:0@10 -> gneE5:0@end  rate 360 veh/h  begin 30 s  count 4  depart_speed 8 m/s }
    flow mixed { route -gneE5:0@0 -> gneE4:0@20  rate 60 veh/h  vehicles { passenger: 3, van: 1 }  drivers { default: 0.5, calm: 0.5 } }
    flow coin  { route -gneE4:random@random -> gneE5:random@random  probability 0.2  count 3 }
    flow capped { route gneE1:0@0 -> gneE5:0@end  probability 0.1  count 3  end 50 s }
    flow { route random  rate 100 veh/h }
    trip bus7 { route gneE1:0@0 -> gneE5:0@end  depart 5 s  vehicle bus  driver calm }
  }`;

/** A compiled scenario and its network. */
export interface TestScenario {
  scenario: CompiledScenario;
  network: RoadNetwork;
}

/**
 * Compiles `scenario "t" { <body> }` as if it were a file in `dir` (default `scenarios/`), so that
 * relative map and route paths resolve against it. Throws with the diagnostics when it does not compile.
 */
export function compileTestScenario(body: string, dir = join(REPO_ROOT, "scenarios")): TestScenario {
  const text = `scenario "t" {\n${body}\n}\n`;
  const r = compileScenario(text, join(dir, "t.scn"));
  if (!r.ok) throw new Error(formatDiagnostics(r.diagnostics));
  return { scenario: r.scenario, network: r.network };
}

/** The provider setup a simulation would give for `seed` (base traffic, no variation). */
export function providerSetup({ scenario, network }: TestScenario, seed = scenario.seed, name = "sumo"): ProviderSetup {
  return {
    network,
    rng: new Rng(seed).fork(`traffic:${name}`),
    dtS: scenario.dtS,
    traffic: scenario.traffic,
    vehicleTypes: scenario.vehicleTypes,
    drivers: scenario.drivers,
    durationS: scenario.durationS,
    scenarioDir: scenario.source.dir,
  };
}

/** A vehicle of a hand-made frame. */
export interface FrameVehicle {
  id: string;
  owner: string;
  x: number;
  y: number;
  headingRad: number;
  speedMps: number;
  laneId?: string;
  typeId?: string;
  lengthM?: number;
  widthM?: number;
}

/**
 * A frame at `tick` holding `own` (vehicles of provider `providerName`, e.g. its `vehicles()`) and
 * `others` (agents and the like). Passenger-car boxes unless given.
 */
export function frameOf(
  tick: number,
  dtS: number,
  own: readonly ProviderVehicleState[],
  others: readonly FrameVehicle[] = [],
  providerName = "sumo",
): SimFrame {
  const all: FrameVehicle[] = [
    ...own.map((v) => ({
      id: v.id,
      owner: providerName,
      x: v.x,
      y: v.y,
      headingRad: v.headingRad,
      speedMps: v.speedMps,
      laneId: v.laneId,
      typeId: v.typeId,
    })),
    ...others,
  ];
  const n = all.length;
  const col = (f: (v: FrameVehicle) => number) => Float64Array.from(all, f);
  return new SimFrame({
    tick,
    timeS: tick * dtS,
    ids: all.map((v) => v.id),
    typeIds: all.map((v) => v.typeId ?? "passenger"),
    owners: all.map((v) => v.owner),
    roles: new Uint8Array(n),
    x: col((v) => v.x),
    y: col((v) => v.y),
    headingRad: col((v) => v.headingRad),
    speedMps: col((v) => v.speedMps),
    accelerationMps2: new Float64Array(n),
    halfLength: col((v) => (v.lengthM ?? 3.68) / 2),
    halfWidth: col((v) => (v.widthM ?? 1.47) / 2),
    heightM: col(() => 1.4),
    laneIds: all.map((v) => v.laneId ?? ""),
    signals: new Map(),
    collisions: [],
    events: [],
  });
}

/** True while the OS still knows process `pid` (a zombie counts). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
