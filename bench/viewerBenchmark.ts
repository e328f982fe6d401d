/**
 * The viewer's benchmarks (issues 8 and 25):
 * - frames per second the viewer draws with 1,000 vehicles, measured in the page (requestAnimationFrame
 *   count over 3 s, 5 runs, median; every run printed) while the replay plays, in headless Chromium
 *   with software WebGL (SwiftShader), 1280 × 720: target ≥ 30. Two views: the default one (chasing
 *   the learning agent) and the whole map from above. The viewer lowers its resolution on software
 *   WebGL while it draws under 30 frames/s (ResolutionScaler.ts); the share it settled at is printed.
 *   Peer runs in the same page: the same view with the vehicles hidden, and at full resolution
 *   (`?scale=1`);
 * - replay size in bytes per vehicle per frame over a minicity run (local traffic, 5 simulated
 *   minutes; the learning agent is left out so the traffic runs the whole time): target ≤ 16;
 *   and over the 1,000-vehicle replay.
 * The browser figure is skipped, with the reason, where Chromium is not installed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { median, result, type Benchmark, type BenchResult } from "./BenchResult.js";
import { makeEnv } from "../compose/makeEnv.js";
import { packageRoot } from "../compose/packageRoot.js";
import { compileScenarioFile } from "../scenario-dsl/index.js";
import { ensureClientBuilt } from "../web/buildClient.js";
import { chromiumMissing, launchChromium } from "../web/headlessChromium.js";
import type {} from "../web/pageHooks.js";
import { ViewerServer } from "../web/server/ViewerServer.js";
import { writeSyntheticReplay } from "../web/syntheticReplay.js";

/** Replay bytes per vehicle-frame of `ticks` ticks of minicity's traffic. */
async function minicityBytes(dir: string, ticks: number): Promise<{ perVehicleFrame: number; detail: string }> {
  const compiled = compileScenarioFile(join(packageRoot(), "scenarios/minicity.scn"));
  if (!compiled.ok) throw new Error("scenarios/minicity.scn does not compile");
  // Traffic only: without the agent its escort bubble never forms.
  const env = makeEnv(
    { scenario: { ...compiled.scenario, agents: [] }, network: compiled.network },
    { traffic: "local", bubbles: false, record: join(dir, "minicity.replay") },
  );
  const writer = env.outputs.replay!;
  await env.reset();
  let most = 0;
  for (let k = 0; k < ticks && !env.sim.episodeOver; k++) {
    await env.step({});
    most = Math.max(most, env.sim.frame.count);
  }
  await env.close();
  return {
    perVehicleFrame: writer.bytesPerVehicleFrame,
    detail: `${writer.frameCount} frames, ${writer.vehicleFrames} vehicle-frames (up to ${most} vehicles), ${writer.bytesWritten} bytes`,
  };
}

/** Frames per second of `runs` measurements of `ms` each, printed as they come. */
async function fpsRuns(page: Page, label: string, runs = 5, ms = 3000): Promise<number> {
  const values: number[] = [];
  for (let k = 0; k < runs; k++) values.push(await page.evaluate((t) => roadgym.measureFps(t), ms));
  const m = median(values);
  process.stderr.write(
    `  viewer fps ${label}: ${values.map((v) => v.toFixed(1)).join(", ")} (median ${m.toFixed(1)})\n`,
  );
  return m;
}

/** What the fps benchmark measured. */
interface ViewerFps {
  chase: number;
  overview: number;
  chaseNoVehicles: number;
  overviewFullResolution: number;
  scale: number;
  bytes: number;
  perVehicleFrame: number;
  detail: string;
}

/** Frames per second the viewer draws while playing a 1,000-vehicle replay. */
async function viewerFps(dir: string): Promise<ViewerFps> {
  const compiled = compileScenarioFile(join(packageRoot(), "scenarios/minicity.scn"));
  if (!compiled.ok) throw new Error("scenarios/minicity.scn does not compile");
  const path = join(dir, "thousand.replay");
  const written = writeSyntheticReplay(path, compiled.scenario, compiled.network, { vehicles: 1000, ticks: 600 });
  const clientDir = await ensureClientBuilt();
  const server = await ViewerServer.start({ source: { kind: "replay", path }, port: 0, clientDir });
  const browser = await launchChromium(1280, 720);
  try {
    const page = browser.page;
    const open = async (query: string) => {
      await page.goto(server.url + query);
      await page.waitForFunction(() => roadgym?.frame()?.ids.length === 1000, undefined, { timeout: 60_000 });
      await page.evaluate(() => roadgym.play());
      // Time for the resolution to settle (one step a second).
      await page.waitForTimeout(5000);
    };
    await open("");
    const chase = await fpsRuns(page, "chase view (default)");
    const scale = await page.evaluate(() => roadgym.resolutionScale());
    await page.evaluate(() => roadgym.showLayer("vehicles", false));
    const chaseNoVehicles = await fpsRuns(page, "chase view, vehicles hidden (peer)", 3);
    await page.evaluate(() => roadgym.showLayer("vehicles", true));
    await page.evaluate(() => roadgym.overview());
    await page.waitForTimeout(3000);
    const overview = await fpsRuns(page, "whole map from above");
    const shown = await page.textContent("#hud-vehicles");
    await open("?scale=1");
    await page.evaluate(() => roadgym.overview());
    const overviewFullResolution = await fpsRuns(page, "whole map from above, full resolution (peer)", 3);
    return {
      chase,
      overview,
      chaseNoVehicles,
      overviewFullResolution,
      scale,
      bytes: written.bytes,
      perVehicleFrame: written.bytesPerVehicleFrame,
      detail: `HUD shows ${shown} vehicles; 1280×720, SwiftShader, rendered at ${scale} of the resolution`,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The viewer benchmark. */
export const viewerBenchmark: Benchmark = {
  name: "viewer",
  async run(): Promise<BenchResult[]> {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-viewer-bench-"));
    try {
      const mini = await minicityBytes(dir, 3000);
      const out: BenchResult[] = [
        result(
          "replayBytesPerVehicleFrameMinicity",
          "replay bytes per vehicle per frame, minicity (local traffic)",
          mini.perVehicleFrame,
          "bytes",
          { op: "<=", value: 16 },
          mini.detail,
        ),
      ];
      const missing = chromiumMissing();
      if (missing) {
        process.stderr.write(`  viewer fps skipped: ${missing}\n`);
        return out;
      }
      const v = await viewerFps(dir);
      out.push(
        result(
          "replayBytesPerVehicleFrame1000",
          "replay bytes per vehicle per frame, 1,000 vehicles",
          v.perVehicleFrame,
          "bytes",
          { op: "<=", value: 16 },
          `${v.bytes} bytes for 600 frames`,
        ),
      );
      out.push(
        result(
          "viewerFps1000",
          "viewer frames/s with 1,000 vehicles, chase view (headless Chromium)",
          v.chase,
          "frames/s",
          { op: ">=", value: 30 },
          `${v.detail}; vehicles hidden: ${v.chaseNoVehicles.toFixed(1)} frames/s (ratio ${(v.chase / v.chaseNoVehicles).toFixed(2)})`,
        ),
        result(
          "viewerFps1000Overview",
          "viewer frames/s with 1,000 vehicles, whole map (headless Chromium)",
          v.overview,
          "frames/s",
          { op: ">=", value: 30 },
          `at full resolution: ${v.overviewFullResolution.toFixed(1)} frames/s`,
        ),
      );
      return out;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
