/**
 * End-to-end: a recorded run, served by `ViewerServer`, opened in Debian's headless Chromium. The
 * canvas must render (non-blank pixels), the HUD's vehicle count must match the replay at the shown
 * tick, seeking must move there, selecting a vehicle must show it, and a screenshot must be saved.
 * Skipped (with the reason) only where Chromium is not installed; CI installs it.
 */
import { mkdtempSync, readdirSync, statSync } from "node:fs";
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
    expect(await page.evaluate(() => roadgym.errors())).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);

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
