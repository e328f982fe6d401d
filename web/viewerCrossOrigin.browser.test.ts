/**
 * The attack the viewer's Origin/Host checks stop, in a real browser: a page served from another
 * loopback origin (another port of 127.0.0.1, as any local dev server or a page the user opened
 * could be) opens a WebSocket to the viewer, as browsers allow any page to. It must get nothing —
 * no handshake, no `hello`, no frames — while the same script on the viewer's own page does get the
 * replay (the control that shows the probe works). And the built client carries the access token
 * of its address: with it the viewer plays, without it the page says why it cannot connect.
 * Skipped (with the reason) only where Chromium is not installed; CI installs it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReplayWriter } from "../replay/ReplayWriter.js";
import { syntheticFrames } from "../test/fakes/syntheticReplayFrames.js";
import { ensureClientBuilt } from "./buildClient.js";
import { chromiumMissing, launchChromium, type HeadlessBrowser } from "./headlessChromium.js";
import type {} from "./pageHooks.js";
import { ViewerServer } from "./server/ViewerServer.js";

const missing = chromiumMissing();
if (missing) console.warn(`viewer cross-origin browser test skipped: ${missing}`);

const HEADER = {
  scenario: { name: "synthetic", contentHash: "0".repeat(64) },
  seed: 1,
  variation: "",
  dtS: 0.1,
  vehicleTypes: [{ id: "passenger", vClass: "passenger", lengthM: 3.68, widthM: 1.47, heightM: 1.4 }],
  agents: ["ego"],
  map: { roads: [], junctions: [], connections: [], signals: [] },
};

/**
 * In the page: what a hostile script gets from the viewer's socket.io endpoint over a raw
 * WebSocket (engine.io v4: the server opens with `0{…}`, the client joins the namespace with `40`,
 * events arrive as `42[…]`), within `ms`.
 */
const PROBE = `async ({ port, ms }) => {
  const got = [];
  let opened = false;
  await new Promise((done) => {
    const ws = new WebSocket("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket");
    ws.onopen = () => { opened = true; };
    ws.onmessage = (e) => {
      const m = String(e.data);
      got.push(m.slice(0, 200));
      if (m.startsWith("0")) ws.send("40");
      if (m.startsWith('42["hello"')) ws.close();
    };
    ws.onclose = () => done();
    ws.onerror = () => done();
    setTimeout(done, ms);
  });
  return { opened, hello: got.some((m) => m.startsWith('42["hello"')), messages: got.length };
}`;

interface ProbeResult {
  opened: boolean;
  hello: boolean;
  messages: number;
}

describe.skipIf(missing !== undefined)("viewer against a page of another origin, in headless Chromium", () => {
  let viewer: ViewerServer;
  let tokenViewer: ViewerServer;
  let elsewhere: Server;
  let elsewhereUrl: string;
  let browser: HeadlessBrowser;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-xorigin-"));
    const path = join(dir, "run.replay");
    const w = new ReplayWriter(path, { header: HEADER, keyframeInterval: 30 });
    for (const f of syntheticFrames({ ticks: 40, vehicles: 3, seed: 2 })) w.writeFrame(f);
    w.close();
    const clientDir = await ensureClientBuilt();
    viewer = await ViewerServer.start({ source: { kind: "replay", path }, port: 0, clientDir });
    tokenViewer = await ViewerServer.start({
      source: { kind: "replay", path },
      port: 0,
      clientDir,
      token: "browser-test-token-0123",
    });
    elsewhere = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("<!doctype html><title>another site</title><p>nothing to see</p>");
    });
    await new Promise<void>((ok) => elsewhere.listen(0, "127.0.0.1", ok));
    elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`;
    browser = await launchChromium(800, 600);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
    await tokenViewer?.close();
    await new Promise((ok) => elsewhere?.close(ok));
  });

  it("refuses a WebSocket from another loopback origin; the viewer's own page gets the replay", async () => {
    const page = browser.page;
    await page.goto(elsewhereUrl);
    expect(await page.title()).toBe("another site");
    const foreign = (await page.evaluate(`(${PROBE})({ port: ${viewer.port}, ms: 5000 })`)) as ProbeResult;
    expect(foreign).toEqual({ opened: false, hello: false, messages: 0 });
    // The control: the same probe from the viewer's own origin is answered with the replay.
    await page.goto(viewer.url);
    const own = (await page.evaluate(`(${PROBE})({ port: ${viewer.port}, ms: 10000 })`)) as ProbeResult;
    expect(own).toMatchObject({ opened: true, hello: true });
  }, 60_000);

  it("the client connects with the token of its address, and says why without it", async () => {
    const page = browser.page;
    await page.goto(tokenViewer.url);
    expect(tokenViewer.url).toMatch(/\?token=browser-test-token-0123$/);
    await page.waitForFunction(() => roadgym?.hello()?.name === "run.replay", undefined, { timeout: 30_000 });
    await page.goto(tokenViewer.url.replace(/\?token=.*$/, ""));
    await page.waitForFunction(() => roadgym?.errors().some((e) => /access token/.test(e)), undefined, {
      timeout: 30_000,
    });
    expect(await page.evaluate(() => roadgym.hello())).toBeUndefined();
  }, 60_000);
});
