/**
 * End-to-end: a recorded run, served by `ViewerServer`, opened in Debian's headless Chromium. The
 * canvas must render (non-blank pixels), the HUD's vehicle count must match the replay at the shown
 * tick, the camera must open chasing the learning agent, seeking must move there and list events
 * once, selecting a vehicle must show it, hovering must label it, a screenshot must be saved and a
 * WebM video recorded. A busy minicity run gives the screenshots of docs/viewer.md (written to
 * docs/images/ when ROADGYM_DOC_SCREENSHOTS=1).
 * Skipped (with the reason) only where Chromium is not installed; CI installs it.
 */
import { copyFileSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../compose/runScenario.js";
import { openReplayFile } from "../replay/FileByteSource.js";
import type { ReplayReader } from "../replay/ReplayReader.js";
import { compileScenarioFile } from "../scenario-dsl/index.js";
import { ensureClientBuilt } from "./buildClient.js";
import { chromiumMissing, launchChromium, type HeadlessBrowser } from "./headlessChromium.js";
import type {} from "./pageHooks.js";
import { ViewerServer } from "./server/ViewerServer.js";

const missing = chromiumMissing();
if (missing) console.warn(`viewer browser test skipped: ${missing}`);

/** In the page: pixels of the canvas (freshly rendered) that differ from its top-left pixel, and its distinct colours. */
const PIXEL_STATS = `(async () => {
  const url = window.roadgym.screenshot();
  const img = new Image();
  img.src = url;
  await img.decode();
  const c = document.createElement("canvas");
  c.width = img.width; c.height = img.height;
  const g = c.getContext("2d");
  g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data;
  const colours = new Set();
  let differing = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) differing++;
    if (colours.size < 5000) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
  }
  return { width: c.width, height: c.height, differing, colours: colours.size };
})()`;

interface PixelStats {
  width: number;
  height: number;
  differing: number;
  colours: number;
}

describe.skipIf(missing !== undefined)("viewer in headless Chromium", () => {
  let server: ViewerServer;
  let browser: HeadlessBrowser;
  let reader: ReplayReader;
  let closeReader: () => void;
  const dir = mkdtempSync(join(tmpdir(), "roadgym-browser-"));

  beforeAll(async () => {
    const clientDir = await ensureClientBuilt();
    const compiled = compileScenarioFile(join(import.meta.dirname, "../scenarios/intersection.scn"));
    if (!compiled.ok) throw new Error("intersection.scn does not compile");
    const path = join(dir, "intersection.replay");
    await runScenario(compiled, { seed: 5, steps: 400, record: path });
    ({ reader, close: closeReader } = openReplayFile(path));
    server = await ViewerServer.start({ source: { kind: "replay", path }, port: 0, clientDir });
    browser = await launchChromium(1024, 640);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    closeReader?.();
  });

  it("renders the replay, matches its vehicle count, seeks, selects and saves a screenshot", async () => {
    const page = browser.page;
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await page.waitForFunction(() => roadgym?.frame() !== undefined && roadgym.renderedFrames() > 5, undefined, {
      timeout: 30_000,
    });
    // The canvas renders: many pixels differ from the corner, in many colours (road, markings, cars).
    const first = (await page.evaluate(PIXEL_STATS)) as PixelStats;
    expect(first.width).toBeGreaterThan(500);
    expect(first.differing).toBeGreaterThan(first.width * first.height * 0.01);
    expect(first.colours).toBeGreaterThan(5);
    // The HUD's vehicle count is the replay's at the shown tick.
    const shown = await page.evaluate(() => roadgym.frame()!.tick);
    expect(shown).toBe(0);
    expect(Number(await page.textContent("#hud-vehicles"))).toBe(reader.frameAt(0).ids.length);
    // It opens chasing the learning agent, without a click.
    await expect.poll(() => page.evaluate(() => roadgym.selected()), { timeout: 15_000 }).toBe("left_turner");
    expect(await page.evaluate(() => roadgym.cameraMode())).toBe("chase");
    expect(await page.inputValue("#camera")).toBe("chase");
    // Vehicles are drawn with their family's model: the intersection's traffic is passenger cars.
    const draws = await page.evaluate(() => roadgym.draws());
    expect(draws.find((d) => d.typeId === "passenger")).toMatchObject({ kind: "car", wheels: 4 });
    expect(draws.reduce((n, d) => n + d.count, 0)).toBe(reader.frameAt(0).ids.length);
    // Play on: the agent's trail grows and its path ahead is marked.
    await page.evaluate(() => roadgym.speed(4));
    await page.evaluate(() => roadgym.play());
    await page.waitForFunction(() => (roadgym.frame()?.tick ?? 0) >= 40, undefined, { timeout: 30_000 });
    await page.evaluate(() => roadgym.pause());
    const route = await page.evaluate(() => roadgym.route());
    expect(route.trail).toBeGreaterThan(5);
    expect(route.waypoints).toBeGreaterThan(5);
    // Events are listed once, also after seeking back and playing the same stretch again.
    const eventLines = async () => ((await page.textContent("#hud-events")) ?? "").split("\n").filter((l) => l !== "");
    const firstPass = await eventLines();
    expect(firstPass.length).toBeGreaterThan(0);
    await page.evaluate(() => roadgym.seek(0));
    await page.waitForFunction(() => roadgym.frame()?.tick === 0, undefined, { timeout: 15_000 });
    await page.evaluate(() => roadgym.play());
    await page.waitForFunction(() => (roadgym.frame()?.tick ?? 0) >= 40, undefined, { timeout: 30_000 });
    await page.evaluate(() => roadgym.pause());
    const secondPass = await eventLines();
    expect(new Set(secondPass).size).toBe(secondPass.length);
    expect(secondPass.length).toBeGreaterThanOrEqual(Math.min(5, firstPass.length));
    await page.evaluate(() => roadgym.speed(1));
    // Seek to a busy moment and check again.
    let busiest = 0;
    let most = 0;
    for (const f of reader.frames()) {
      if (f.ids.length > most) {
        most = f.ids.length;
        busiest = f.tick;
      }
    }
    expect(reader.frameAt(busiest).ids.length).toBeGreaterThan(3);
    await page.evaluate((t) => roadgym.seek(t), busiest);
    await page.waitForFunction((t) => roadgym.frame()?.tick === t, busiest, { timeout: 15_000 });
    await expect.poll(() => page.textContent("#hud-tick")).toBe(String(busiest));
    const expected = reader.frameAt(busiest);
    expect(Number(await page.textContent("#hud-vehicles"))).toBe(expected.ids.length);
    const roles = Array.from(expected.roles);
    expect(Number(await page.textContent("#hud-agents"))).toBe(roles.filter((r) => r === 2).length);
    expect(Number(await page.textContent("#hud-traffic"))).toBe(roles.filter((r) => r === 0).length);
    // Select a vehicle: the HUD shows its speed, lane and owner, and the camera chases it.
    const id = expected.ids[expected.ids.length - 1];
    expect(await page.evaluate((v) => roadgym.select(v), id)).toBe(true);
    expect(await page.textContent("#sel-id")).toBe(id);
    expect(await page.textContent("#sel-owner")).toBe(expected.owners[expected.ids.length - 1]);
    expect(await page.inputValue("#camera")).toBe("chase");
    expect(await page.evaluate(() => roadgym.selected())).toBe(id);
    // Hovering the chased vehicle labels it.
    // (The camera glides from the agent to it: the pointer follows until the label shows.)
    let nudge = 0;
    const hover = async () => {
      const at = await page.evaluate((v) => roadgym.screenPosition(v), id);
      if (at) await page.mouse.move(at.x + (nudge++ % 2), at.y);
      return page.textContent("#hover-label");
    };
    await expect.poll(hover, { timeout: 10_000 }).toContain(id);
    expect(await page.isVisible("#hover-label")).toBe(true);
    // Play a little: frames advance.
    await page.evaluate(() => roadgym.play());
    await page.waitForFunction((t) => (roadgym.frame()?.tick ?? 0) > t + 5, busiest, { timeout: 15_000 });
    await page.evaluate(() => roadgym.pause());
    // Screenshot: saved, not blank.
    const shot = join(dir, "viewer.png");
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    const after = (await page.evaluate(PIXEL_STATS)) as PixelStats;
    expect(after.differing).toBeGreaterThan(after.width * after.height * 0.01);
    // A video of the playback: WebM from the canvas, not empty.
    await page.evaluate(() => roadgym.play());
    const video = await page.evaluate(() => roadgym.recordVideo(1500));
    await page.evaluate(() => roadgym.pause());
    expect(video.type).toBe("video/webm");
    expect(video.size).toBeGreaterThan(1000);
    expect(await page.isVisible("#btn-record")).toBe(true);
    expect(await page.evaluate(() => roadgym.errors())).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("shows a busy town like a driving simulator: models, lights, scenery (the docs' screenshots)", async () => {
    const compiled = compileScenarioFile(join(import.meta.dirname, "../scenarios/minicity.scn"));
    if (!compiled.ok) throw new Error("minicity.scn does not compile");
    await runScenario(compiled, { seed: 3, steps: 700, record: join(dir, "minicity.replay") });
    const page = browser.page;
    await page.setViewportSize({ width: 1280, height: 720 });
    // Full resolution (software WebGL would otherwise lower it while it draws under 30 frames/s).
    await page.goto(`${server.url}?replay=minicity.replay&scale=1`);
    await page.waitForFunction(() => roadgym?.hello()?.name === "minicity.replay" && roadgym.frame() !== undefined);
    await page.evaluate(() => roadgym.seek(660));
    await page.waitForFunction(() => roadgym.frame()?.tick === 660, undefined, { timeout: 15_000 });
    await page.evaluate(() => roadgym.play());
    await page.waitForFunction(() => (roadgym.frame()?.tick ?? 0) >= 680, undefined, { timeout: 30_000 });
    await page.evaluate(() => roadgym.pause());
    expect(await page.evaluate(() => roadgym.selected())).toBe("explorer");
    const draws = await page.evaluate(() => roadgym.draws());
    expect(draws.filter((d) => d.count > 0).map((d) => d.kind)).toEqual(
      expect.arrayContaining(["car", "bus", "truck"]),
    );
    expect(await page.evaluate(() => roadgym.trees())).toBeGreaterThan(100);
    const lights = await page.evaluate(() => roadgym.lights());
    expect(lights.braking).toBeGreaterThan(0);
    const shots: Record<string, string> = {};
    shots.chase = join(dir, "viewer-chase.png");
    await page.screenshot({ path: shots.chase });
    // The busiest street: chase the vehicle with the most others within 40 m.
    const busiest = await page.evaluate(() => {
      const f = roadgym.frame()!;
      let best = f.ids[0];
      let most = -1;
      for (let i = 0; i < f.ids.length; i++) {
        let n = 0;
        for (let j = 0; j < f.ids.length; j++) if (Math.hypot(f.x[i] - f.x[j], f.y[i] - f.y[j]) < 40) n++;
        if (n > most) [most, best] = [n, f.ids[i]];
      }
      return best;
    });
    expect(await page.evaluate((v) => roadgym.select(v), busiest)).toBe(true);
    await page.waitForTimeout(1500);
    shots.street = join(dir, "viewer-street.png");
    await page.screenshot({ path: shots.street });
    // From above the agent's neighbourhood: orbit out from the chase view.
    expect(await page.evaluate(() => roadgym.select("explorer"))).toBe(true);
    await page.waitForTimeout(1500);
    await page.selectOption("#camera", "orbit");
    await page.mouse.move(640, 300);
    for (let k = 0; k < 6; k++) await page.mouse.wheel(0, 240);
    await page.waitForTimeout(1500);
    shots.overview = join(dir, "viewer-overview.png");
    await page.screenshot({ path: shots.overview });
    for (const [name, path] of Object.entries(shots)) {
      expect(statSync(path).size).toBeGreaterThan(50_000);
      if (process.env.ROADGYM_DOC_SCREENSHOTS === "1")
        copyFileSync(path, join(import.meta.dirname, `../docs/images/viewer-${name}.png`));
    }
    await page.setViewportSize({ width: 1024, height: 640 });
  }, 180_000);

  it("shows a recorded run of every example scenario", async () => {
    const scenarios = join(import.meta.dirname, "../scenarios");
    const page = browser.page;
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    for (const name of readdirSync(scenarios)
      .filter((f) => f.endsWith(".scn"))
      .sort()) {
      const compiled = compileScenarioFile(join(scenarios, name));
      if (!compiled.ok) throw new Error(`${name} does not compile`);
      const replay = name.replace(/\.scn$/, ".replay");
      await runScenario(compiled, { steps: 30, record: join(dir, replay) });
      // Served from the same folder: the page asks for it by name.
      await page.goto(`${server.url}?replay=${encodeURIComponent(replay)}`);
      await page.waitForFunction((n) => roadgym?.frame() !== undefined && roadgym.hello()?.name === n, replay, {
        timeout: 30_000,
      });
      const { reader: r, close } = openReplayFile(join(dir, replay));
      try {
        const tick = await page.evaluate(() => roadgym.frame()!.tick);
        await expect
          .poll(() => page.textContent("#hud-vehicles"), { timeout: 10_000 })
          .toBe(String(r.frameAt(tick).ids.length));
      } finally {
        close();
      }
      expect(await page.evaluate(() => roadgym.errors()), name).toEqual([]);
    }
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
