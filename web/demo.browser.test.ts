/**
 * The first run, end to end: `npm start` (scripts/start.mjs: build only when stale, then `roadgym
 * demo`) records the demo town and serves it; a second start serves the recorded replay within
 * 10 s; headless Chromium opens the printed address and must show the town — hundreds of vehicles
 * in the HUD, the agent ego1 chased and described, both bubbles listed with the vehicles they hold.
 * With ROADGYM_DOC_SCREENSHOTS=1 the screenshots are written to docs/images/ (the README's); else to
 * a temporary folder. Skipped (with the reason) only where Chromium is not installed.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openReplayFile } from "../replay/FileByteSource.js";
import { chromiumMissing, launchChromium, type HeadlessBrowser } from "./headlessChromium.js";
import type {} from "./pageHooks.js";

const root = join(import.meta.dirname, "..");
const missing = chromiumMissing();
if (missing) console.warn(`demo browser test skipped: ${missing}`);

/** A running `npm start`: its address, when it printed it (ms after starting), its output, a stopper. */
interface Started {
  url: string;
  servingAfterMs: number;
  stdout: () => string;
  stop: () => Promise<number | null>;
}

/** Runs scripts/start.mjs (what `npm start` runs) with `args` and waits for its `viewer:` line. */
async function npmStart(args: string[]): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(root, "scripts/start.mjs"), ...args], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const exited = new Promise<number | null>((ok) => child.on("exit", (code) => ok(code)));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`no viewer line after 150 s; stdout: ${out}; stderr: ${err}`)),
      150_000,
    );
    child.stdout.on("data", () => {
      // Ready once it says how to stop it: Ctrl-C is handled from then on.
      const m = /^viewer: (http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(out);
      if (m && out.includes("Ctrl-C to stop")) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    void exited.then((code) => fail(new Error(`exited with ${code} before serving; stdout: ${out}; stderr: ${err}`)));
  });
  return {
    url,
    servingAfterMs: performance.now() - t0,
    stdout: () => out,
    stop: async () => {
      child.kill("SIGINT");
      return exited;
    },
  };
}

describe.skipIf(missing !== undefined)("npm start in headless Chromium", () => {
  const out = mkdtempSync(join(tmpdir(), "roadgym-start-"));
  const shots = process.env.ROADGYM_DOC_SCREENSHOTS ? join(root, "docs/images") : out;
  let browser: HeadlessBrowser | undefined;
  let served: Started | undefined;

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it("records the demo town, serves it again within 10 s, and shows it chasing an agent", async () => {
    const first = await npmStart(["--port", "0", "--out", out]);
    expect(first.stdout()).not.toContain("npm start: building");
    expect(first.stdout()).toMatch(/learning agents: 4, social agents: 3, bubbles: 2/);
    expect(first.stdout()).toMatch(/simulated 900 steps \(90 s\)/);
    expect(await first.stop(), first.stdout()).toBe(0);

    served = await npmStart(["--port", "0", "--out", out]);
    expect(served.stdout()).toMatch(/demo\.replay was recorded from this scenario by this build: served as it is/);
    console.log(`npm start served the recorded demo after ${(served.servingAfterMs / 1000).toFixed(2)} s`);
    expect(served.servingAfterMs, served.stdout()).toBeLessThan(10_000);

    // Where to look: late in the run (hundreds of vehicles), at the tick where the bubbles hold the most.
    const { reader, close } = openReplayFile(join(out, "demo.replay"));
    let tick = 0;
    let held = -1;
    let vehicles = 0;
    for (const f of reader.frames()) {
      if (f.tick < 600 || f.ids.indexOf("ego1") < 0) continue;
      const n = f.owners.filter((o) => o.startsWith("social:escort-") || o.startsWith("social:avenue-")).length;
      if (n > held) [tick, held, vehicles] = [f.tick, n, f.ids.length];
    }
    close();
    expect(vehicles).toBeGreaterThan(200);
    expect(held).toBeGreaterThan(0);

    browser = await launchChromium(1280, 720);
    const page = browser.page;
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(served.url);
    await page.waitForFunction(() => roadgym?.frame() !== undefined && roadgym.renderedFrames() > 5, undefined, {
      timeout: 30_000,
    });
    await page.evaluate(() => roadgym.pause());
    await page.evaluate((t) => roadgym.seek(t), tick);
    await page.waitForFunction((t) => roadgym.frame()?.tick === t, tick, { timeout: 15_000 });
    await expect.poll(() => page.textContent("#hud-tick")).toBe(String(tick));
    expect(Number(await page.textContent("#hud-vehicles"))).toBe(vehicles);
    expect(Number(await page.textContent("#hud-agents"))).toBeGreaterThanOrEqual(4);
    expect(Number(await page.textContent("#hud-social"))).toBeGreaterThanOrEqual(3 + held);
    const bubbles = await page.textContent("#hud-bubbles");
    expect(bubbles).toMatch(/^escort \d+ · avenue \d+$/);
    expect(
      bubbles!
        .split(" · ")
        .map((b) => Number(b.split(" ")[1]))
        .reduce((a, b) => a + b),
    ).toBe(held);

    // Follow ego1 (the viewer chases a selected vehicle).
    expect(await page.evaluate(() => roadgym.select("ego1"))).toBe(true);
    expect(await page.inputValue("#camera")).toBe("chase");
    expect(await page.textContent("#sel-id")).toBe("ego1");
    expect(await page.textContent("#sel-doing")).toMatch(/^agent ego1: (stopped|driving \d+ km\/h)/);
    await page.evaluate((t) => roadgym.seek(t), tick);
    await page.waitForFunction((t) => roadgym.frame()?.tick === t, tick, { timeout: 15_000 });
    await page.waitForTimeout(1500);
    mkdirSync(shots, { recursive: true });
    const chase = join(shots, "demo-chase.png");
    await page.screenshot({ path: chase });
    expect(statSync(chase).size).toBeGreaterThan(30_000);

    // The whole town from above: no vehicle selected, the top-down camera.
    await page.keyboard.press("Escape");
    await page.selectOption("#camera", "top");
    await page.mouse.move(640, 360);
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 400);
    await page.waitForTimeout(1500);
    const town = join(shots, "demo-town.png");
    await page.screenshot({ path: town });
    expect(statSync(town).size).toBeGreaterThan(30_000);

    expect(await page.evaluate(() => roadgym.errors())).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
