/**
 * Bubble benchmarks (issue 6):
 * - manager cost: one {@link BubbleManager} step (state machine + applying its transitions) with 6
 *   bubbles (5 fixed boxes, 1 following a vehicle) over 2,000 vehicles driving across a 2 km square,
 *   on a synthetic host that hands vehicles over instantly: ≤ 0.5 ms per step;
 * - scale demo: `minicity` with 240 random flows of local traffic, 6 bubbles (5 fixed road spans on
 *   its longest roads and the scenario's escort following the agent) running `idm-mobil@v1` zoo
 *   agents, after a warm-up that fills the town: the real-time factor (simulated seconds per wall
 *   second) ≥ 50×, and the vehicle count reached (target ≥ 2,000).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { result, type Benchmark, type BenchResult } from "./BenchResult.js";
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import type { BubbleHost, BubbleVehicle } from "../core/simulation/BubblePhase.js";
import type { Bubble, CompiledScenario } from "../spec/CompiledScenario.js";
import { compileScenario } from "../scenario-dsl/index.js";
import { BubbleManager } from "../bubbles/BubbleManager.js";
import { defaultDriverObservation } from "../agent-zoo/defaultDriver.js";
import { makeEnv } from "../compose/makeEnv.js";
import { PolicyDriver } from "../compose/PolicyDriver.js";

const HERE = dirname(fileURLToPath(import.meta.url));
/** The scenarios folder, from the sources (`bubbles/`) or the build (`dist/bubbles/`). */
const SCENARIOS = existsSync(join(HERE, "..", "scenarios", "minicity.scn"))
  ? join(HERE, "..", "scenarios")
  : join(HERE, "..", "..", "scenarios");

interface Mover {
  id: string;
  x: number;
  y: number;
  headingRad: number;
  speedMps: number;
  owner: string;
  laneId: string;
}

/** Mean ms of one manager step: 6 bubbles (one moving), `vehicles` synthetic vehicles, after 200 untimed steps. */
export async function measureManagerMs(vehicles = 2000, steps = 1000): Promise<{ ms: number; transitions: number }> {
  const box = (name: string, cx: number, cy: number, follow: Bubble["follow"] = null): Bubble => ({
    name,
    zone: { kind: "box", centerM: [cx, cy], sizeM: [120, 60], headingRad: 0.3 },
    follow,
    marginM: 10,
    actor: { kind: "traffic", provider: "history" },
    limits: { hijack: 40, shadow: 60 },
    window: null,
    excludePrefixes: ["v0-"],
  });
  const bubbles = [
    box("b0", 400, 400),
    box("b1", 1600, 400),
    box("b2", 1000, 1000),
    box("b3", 400, 1600),
    box("b4", 1600, 1600),
    box("moving", 0, 0, { kind: "vehicle", name: "v0", offsetM: [30, 0] }),
  ];
  const manager = new BubbleManager({ bubbles, dtS: 0.1 }, {} as RoadNetwork);
  const movers: Mover[] = [];
  // Deterministic spread over a 2 km square, headings from the golden-angle sequence.
  for (let i = 0; i < vehicles; i++) {
    movers.push({
      id: `v${i}`,
      x: (i * 37.1) % 2000,
      y: (i * 91.7) % 2000,
      headingRad: (i * 2.399963) % (2 * Math.PI),
      speedMps: 8 + (i % 7),
      owner: "local",
      laneId: "",
    });
  }
  let transitions = 0;
  let tick = 0;
  const host: BubbleHost = {
    network: {} as RoadNetwork,
    dtS: 0.1,
    tick: () => tick,
    vehicles: () => movers as BubbleVehicle[],
    vehicle: (id) => movers[Number(id.slice(1))] as BubbleVehicle | undefined,
    providerNames: () => ["local", "history"],
    social: null,
    handToProvider: async (id, name) => {
      transitions++;
      movers[Number(id.slice(1))].owner = name;
      return true;
    },
    pushEvent: () => {},
  };
  manager.reset(host);
  let total = 0;
  for (let k = -200; k < steps; k++) {
    tick++;
    for (const m of movers) {
      m.x = (m.x + m.speedMps * 0.1 * Math.cos(m.headingRad) + 2000) % 2000;
      m.y = (m.y + m.speedMps * 0.1 * Math.sin(m.headingRad) + 2000) % 2000;
    }
    const t0 = performance.now();
    await manager.step(host);
    if (k >= 0) total += performance.now() - t0;
  }
  return { ms: total / steps, transitions };
}

/**
 * The minicity scale scenario: 240 random flows (the town holds about 2,000 of their vehicles, all
 * moving), 6 bubbles (5 fixed road spans + the moving escort).
 */
function minicityScale(network: RoadNetwork | null): string {
  const base = readFileSync(join(SCENARIOS, "minicity.scn"), "utf8");
  const flows = Array.from(
    { length: 240 },
    (_, i) => `    flow r${i} { route random  rate 120 veh/h  driver city }`,
  ).join("\n");
  let text = base
    .replace(/traffic \{[\s\S]*?\n {2}\}/, `traffic {\n${flows}\n  }`)
    .replace("duration 10 min", "duration 30 min")
    // The escort's agent drives on whatever happens, so the demo runs as long as it is timed.
    .replace(
      "max_steps 6000",
      "max_steps 60000\n    done { collision off  off_road off  off_route off  on_shoulder off  wrong_way off  not_moving off }",
    );
  if (network) {
    const roads = [...network.roads.values()]
      .filter((r) => r.kind === "normal" && r.lengthM > 120)
      .sort((a, b) => b.lengthM - a.lengthM || (a.id < b.id ? -1 : 1))
      .slice(0, 5);
    const fixed = roads
      .map(
        (r, i) =>
          `  bubble fixed${i} { zone road ${r.id} from 10 m length ${Math.min(100, r.lengthM - 20).toFixed(0)} m  margin 8 m  actor zoo "idm-mobil@v1"  limits { hijack 8  shadow 12 } }`,
      )
      .join("\n");
    text = text.replace(/\n\}\s*$/, `\n${fixed}\n}\n`);
  }
  return text;
}

function compileScale(): { scenario: CompiledScenario; network: RoadNetwork } {
  const file = join(SCENARIOS, "minicity-scale.scn");
  const first = compileScenario(minicityScale(null), file);
  if (!first.ok) throw new Error(`minicity scale scenario: ${JSON.stringify(first.diagnostics)}`);
  const r = compileScenario(minicityScale(first.network!), file);
  if (!r.ok) throw new Error(`minicity scale scenario: ${JSON.stringify(r.diagnostics)}`);
  return { scenario: r.scenario!, network: r.network! };
}

/** Runs the scale demo: warm-up until `target` vehicles (or `maxWarm` steps), then `steps` timed steps. */
export async function measureMinicity(
  target = 2000,
  maxWarm = 8000,
  steps = 300,
): Promise<{ realTime: number; vehicles: number; bubbleMs: number; detail: string }> {
  const env = makeEnv(compileScale(), { traffic: "local", observation: defaultDriverObservation() });
  const driver = new PolicyDriver(env);
  await driver.reset({ seed: 9 });
  const step = () => driver.step();
  for (let k = 0; k < maxWarm && env.sim.frame.count < target && !env.sim.episodeOver; k++) await step();
  env.sim.clearProfile();
  let transitions = 0;
  const t0 = performance.now();
  let n = 0;
  for (; n < steps && !env.sim.episodeOver; n++) {
    await step();
    transitions += env.sim.frame.events.filter((e) => e.kind === "bubble").length;
  }
  const wallS = (performance.now() - t0) / 1000;
  const profile = env.sim.profile();
  const bubbleMs = (profile.find((p) => p.phase === "bubbles")?.meanUs ?? NaN) / 1000;
  const vehicles = env.sim.frame.count;
  const social = env.sim.social!.live().length;
  const phases = profile.map((p) => `${p.phase} ${p.meanUs.toFixed(0)}`).join(", ");
  await driver.close();
  await env.close();
  return {
    realTime: (n * env.scenario.dtS) / wallS,
    vehicles,
    bubbleMs,
    detail: `${vehicles} vehicles, ${social} zoo agents in bubbles, ${transitions} transitions in ${n} steps; µs/step: ${phases}`,
  };
}

/** The bubble benchmarks (`npm run bench -- bubbles`). */
export const bubbleBenchmark: Benchmark = {
  name: "bubbles",
  async run(): Promise<BenchResult[]> {
    const m = await measureManagerMs();
    const city = await measureMinicity();
    return [
      result(
        "bubbleManagerMs",
        "bubble manager step: 6 bubbles (1 moving), 2,000 vehicles",
        m.ms,
        "ms",
        { op: "<=", value: 0.5 },
        `${m.transitions} hand-overs in 1,000 steps`,
      ),
      result(
        "minicityBubblesRealTime",
        "minicity, 6 bubbles with zoo agents: simulated/wall time",
        city.realTime,
        "×",
        { op: ">=", value: 50 },
        city.detail,
      ),
      result(
        "minicityBubblesVehicles",
        "minicity scale demo: vehicles at once",
        city.vehicles,
        "vehicles",
        { op: ">=", value: 2000 },
        `bubble phase ${city.bubbleMs.toFixed(3)} ms/step`,
      ),
    ];
  },
};
