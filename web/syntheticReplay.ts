/**
 * A synthetic replay for the viewer benchmark: `vehicles` vehicles driving along the lanes of a real
 * map (each keeps to one lane at its own speed and starts over at the lane's end), written with the
 * real writer. It loads the renderer like dense traffic does without simulating it.
 */
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import type { CompiledScenario } from "../spec/CompiledScenario.js";
import { headerForScenario } from "../replay/headerForScenario.js";
import { ReplayRole } from "../replay/ReplayFrame.js";
import { ReplayWriter } from "../replay/ReplayWriter.js";

/** Options of {@link writeSyntheticReplay}. */
export interface SyntheticReplayOptions {
  vehicles: number;
  ticks: number;
}

/** Writes the replay to `path`; returns the writer's byte figures. */
export function writeSyntheticReplay(
  path: string,
  scenario: CompiledScenario,
  network: RoadNetwork,
  o: SyntheticReplayOptions,
): { bytes: number; bytesPerVehicleFrame: number } {
  const lanes = network.laneList.filter((l) => l.road.kind === "normal" && l.centreline.length > 20);
  if (lanes.length === 0) throw new Error(`synthetic replay: map of "${scenario.name}" has no lanes longer than 20 m`);
  const types = scenario.vehicleTypes
    .filter((t) => ["passenger", "bus", "truck", "motorcycle"].includes(t.name))
    .map((t) => t.name);
  const n = o.vehicles;
  const lane = new Int32Array(n);
  const s = new Float64Array(n);
  const v = new Float64Array(n);
  // A fixed linear congruential sequence: the same replay every time.
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < n; i++) {
    lane[i] = Math.floor(rnd() * lanes.length);
    s[i] = rnd() * lanes[lane[i]].centreline.length;
    v[i] = 5 + rnd() * 10;
  }
  const ids = Array.from({ length: n }, (_, i) => (i === 0 ? "ego" : `veh${i}`));
  const typeIds = Array.from({ length: n }, (_, i) => types[i % types.length] ?? "passenger");
  const roles = Uint8Array.from({ length: n }, (_, i) =>
    i === 0 ? ReplayRole.learningAgent : i % 10 === 0 ? ReplayRole.socialAgent : ReplayRole.traffic,
  );
  const owners = Array.from(roles, (r, i) =>
    r === ReplayRole.learningAgent ? `agent:${ids[i]}` : r === ReplayRole.socialAgent ? `social:${ids[i]}` : "local",
  );
  const w = new ReplayWriter(path, {
    header: { ...headerForScenario(scenario, network, scenario.seed, ""), agents: ["ego"] },
  });
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const h = new Float64Array(n);
  let total = 0;
  for (let tick = 0; tick < o.ticks; tick++) {
    const laneIds: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const l = lanes[lane[i]];
      if (tick > 0) s[i] += v[i] * scenario.dtS;
      if (s[i] > l.centreline.length) s[i] -= l.centreline.length;
      const p = l.toWorld(s[i], 0);
      x[i] = p.x;
      y[i] = p.y;
      h[i] = p.headingRad;
      laneIds[i] = l.id;
    }
    const reward = tick === 0 ? 0 : v[0] * scenario.dtS;
    total += reward;
    w.writeFrame({
      tick,
      ids,
      typeIds,
      owners,
      laneIds,
      roles,
      x,
      y,
      headingRad: h,
      speedMps: v,
      signals: {},
      collisions: [],
      events: [],
      bubbles: [],
      agents: [{ id: "ego", vehicleId: "ego", reward, totalReward: total, done: false, reasons: [] }],
    });
  }
  w.close();
  return { bytes: w.bytesWritten, bytesPerVehicleFrame: w.bytesPerVehicleFrame };
}
