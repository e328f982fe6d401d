/**
 * End-to-end: the built playground (web/dist/playground.html) served by a plain static file server
 * and opened in Debian's headless Chromium. The page loads an example; an edit that breaks the
 * scenario shows the compiler's error at its `file:line:col`, and undoing it clears it; a paper
 * scenario then runs to its end in the page's simulation worker with its trained policy, the
 * metrics are shown, a second run gives the same state hash, and Node's run of the same episode
 * has the same length, outcomes and metrics (not the same bits: see below); the viewer has drawn
 * the last frame; the downloaded replay opens; a screenshot is saved. Skipped
 * (with the reason) only where Chromium is not installed; CI installs it.
 */
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openReplayFile } from "../../replay/FileByteSource.js";
import { ensureClientBuilt } from "../buildClient.js";
import { chromiumMissing, launchChromium, type HeadlessBrowser } from "../headlessChromium.js";
import type {} from "../pageHooks.js";
import { resolveInside, sendError, sendFile } from "../server/staticFiles.js";
import { nodeSummary, REPO_ROOT } from "./playgroundTestSupport.js";

/** The part of the page's `playground` hooks (web/playground/src/main.ts) this test uses. */
interface PlaygroundHooks {
  ready(): boolean;
  file(): string;
  diagnostics(): { severity: string; file: string; line: number; column: number; message: string }[];
  compiles(): number;
  summary():
    | {
        steps: number;
        hash: string;
        simSeconds: number;
        wallSeconds: number;
        policy: string;
        agents: { id: string; doneReasons: string[] }[];
        aggregate: { key: string; value: number | null }[];
      }
    | undefined;
  errors(): string[];
}
declare global {
  var playground: PlaygroundHooks;
}

const missing = chromiumMissing();
if (missing) console.warn(`playground browser test skipped: ${missing}`);

const EXAMPLE = "/scenarios/paper-two_way-sv.scn";
const POLICY = "learning/paper/policies/ppo/two_way-sv";
const SEED = 3;

describe.skipIf(missing !== undefined)("playground in headless Chromium", () => {
  let server: Server;
  let browser: HeadlessBrowser;
  let url: string;
  const out = mkdtempSync(join(tmpdir(), "roadgym-playground-"));

  beforeAll(async () => {
    const dist = await ensureClientBuilt();
    // Any static file server will do: this one only maps paths to files.
    server = createServer((req, res) => {
      const path = resolveInside(dist, new URL(req.url ?? "/", "http://x").pathname);
      if (path) sendFile(res, path, req.method === "HEAD");
      else sendError(res, 404, "not found");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/playground.html`;
    browser = await launchChromium(1280, 720);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("edits, shows a located error, runs a paper scenario with its trained policy as Node does", async () => {
    const { page } = browser;
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => globalThis.playground?.ready() && playground.compiles() >= 1, undefined, {
      timeout: 60_000,
    });
    expect(await page.evaluate(() => playground.diagnostics())).toEqual([]);

    // Pick the example, then break it at its end: one brace too many.
    await page.selectOption("#examples", EXAMPLE);
    await page.waitForFunction((f) => playground.file() === f, EXAMPLE);
    await page.waitForFunction(() => playground.compiles() >= 2);
    // Its flows end past the lanes' ends: two warnings, underlined as such.
    const warnings = await page.evaluate(() => playground.diagnostics());
    expect(warnings.map((d) => [d.severity, d.line])).toEqual([
      ["warning", 56],
      ["warning", 59],
    ]);
    const text = readFileSync(join(REPO_ROOT, "scenarios", "paper-two_way-sv.scn"), "utf8");
    await page.click(".cm-content");
    await page.keyboard.press("Control+End");
    const before = await page.evaluate(() => playground.compiles());
    await page.keyboard.type("\n}");
    await page.waitForFunction((n) => playground.compiles() > n, before, { timeout: 30_000 });
    const broken = await page.evaluate(() => playground.diagnostics());
    const line = `${text}\n}`.split("\n").length;
    expect(broken.length).toBeGreaterThan(0);
    expect(broken.find((d) => d.severity === "error")).toMatchObject({ file: EXAMPLE, line, column: 1 });
    expect(await page.textContent("#diagnostics")).toContain(`${EXAMPLE}:${line}:1: error:`);
    expect(await page.locator(".cm-lintRange-error").count()).toBeGreaterThan(0);

    // Undo the edit: the error goes.
    const again = await page.evaluate(() => playground.compiles());
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    await page.waitForFunction((n) => playground.compiles() > n, again, { timeout: 30_000 });
    expect(await page.evaluate(() => playground.diagnostics())).toEqual(warnings);

    // Run it to the end with the paper's trained policy (chosen for the example).
    expect(await page.inputValue("#policy")).toBe(`file:/${POLICY}`);
    await page.fill("#seed", String(SEED));
    await page.click("#btn-fast");
    await page.waitForFunction(() => playground.summary() !== undefined, undefined, { timeout: 180_000 });
    const summary = (await page.evaluate(() => playground.summary()))!;
    expect(await page.evaluate(() => playground.errors())).toEqual([]);
    expect(summary.policy).toBe(`file:/${POLICY}`);
    expect(summary.steps).toBeGreaterThan(50);
    expect(await page.textContent("#summary-hash")).toBe(summary.hash);
    expect(await page.textContent("#metrics")).toContain("completion rate");
    console.log(
      `playground: ${summary.steps} steps, ${summary.simSeconds.toFixed(1)} s simulated in ${summary.wallSeconds.toFixed(2)} s = ${(summary.simSeconds / summary.wallSeconds).toFixed(1)}× real time (headless Chromium, worker)`,
    );

    // Deterministic in the page: the same seed again, the same hash. The viewer's frame rate is
    // measured while the worker simulates (software WebGL here: printed, not a target).
    await page.click("#btn-fast");
    const fps = await page.evaluate(() => roadgym.measureFps(500));
    await page.waitForFunction(() => playground.summary() !== undefined, undefined, { timeout: 180_000 });
    console.log(`playground: the viewer drew ${fps.toFixed(1)} fps while the worker simulated`);
    const second = (await page.evaluate(() => playground.summary()))!;
    expect(second.hash).toBe(summary.hash);
    console.log(
      `playground, second run: ${(second.simSeconds / second.wallSeconds).toFixed(1)}× real time (${second.wallSeconds.toFixed(2)} s of stepping)`,
    );

    // The same episode under Node: the same length, outcomes and metrics. Not the same bits: the
    // engines' Math.sin, atan2, exp, pow… differ in the last place (Chromium's V8 and Node 20's), and
    // the simulation calls them; the hashes are printed for the record.
    const node = await nodeSummary("paper-two_way-sv.scn", `/${POLICY}`, SEED);
    expect(summary.steps).toBe(node.steps);
    expect(summary.agents).toEqual(node.agents.map((a) => ({ ...a, metrics: expect.anything() })));
    for (const m of node.aggregate) {
      const shown = summary.aggregate.find((a) => a.key === m.key)!.value;
      if (m.value === null) expect(shown, m.key).toBeNull();
      else expect(shown, m.key).toBeCloseTo(m.value, 3);
    }
    console.log(`state hash: page ${summary.hash}, Node ${node.hash}`);

    // The viewer shows the last frame and keeps drawing.
    await page.waitForFunction((t) => roadgym.frame()?.tick === t, summary.steps, { timeout: 30_000 });
    expect(await page.evaluate(() => roadgym.renderedFrames())).toBeGreaterThan(0);

    // The replay downloads and opens.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#btn-replay")]);
    const replayPath = join(out, download.suggestedFilename());
    await download.saveAs(replayPath);
    const { reader, close } = openReplayFile(replayPath);
    try {
      expect([reader.header.scenario.name, reader.header.seed]).toEqual(["paper-two_way-sv", SEED]);
      expect(reader.lastTick).toBe(summary.steps);
    } finally {
      close();
    }

    const shot = join(out, "playground.png");
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    console.log(`playground screenshot: ${shot}`);
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
