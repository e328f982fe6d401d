import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FrameDecoder } from "../../replay/FrameDecoder.js";
import type { ReplayFrame } from "../../replay/ReplayFrame.js";
import { ReplayWriter } from "../../replay/ReplayWriter.js";
import { compileScenarioFile } from "../../scenario-dsl/index.js";
import { syntheticFrames } from "../../test/fakes/syntheticReplayFrames.js";
import type { Hello, PlaybackStatus } from "../protocol/viewerProtocol.js";
import { LiveRun } from "./LiveRun.js";
import { ViewerServer } from "./ViewerServer.js";

const HEADER = {
  scenario: { name: "synthetic", contentHash: "0".repeat(64) },
  seed: 1,
  variation: "",
  dtS: 0.1,
  vehicleTypes: [{ id: "passenger", vClass: "passenger", lengthM: 3.68, widthM: 1.47, heightM: 1.4 }],
  agents: ["ego"],
  map: { roads: [], junctions: [], connections: [], signals: [] },
};

/** A viewer connection that decodes the frames it gets and records everything else. */
class TestViewer {
  readonly socket: Socket;
  readonly frames: ReplayFrame[] = [];
  readonly errors: string[] = [];
  readonly statuses: PlaybackStatus[] = [];
  hello: Hello | undefined;
  private decoder: FrameDecoder | undefined;

  constructor(url: string, query: Record<string, string> = {}) {
    this.socket = connect(url, { transports: ["websocket"], query, forceNew: true });
    this.socket.on("hello", (h: Hello) => {
      this.hello = h;
      this.decoder = new FrameDecoder(h.header.dtS);
    });
    this.socket.on("frame", (buf: ArrayBuffer | Uint8Array, ack: () => void) => {
      const b = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
      this.frames.push(this.decoder!.decode(b[0], b.subarray(1)));
      ack();
    });
    this.socket.on("commandError", (e: { message: string }) => this.errors.push(e.message));
    this.socket.on("status", (s: PlaybackStatus) => this.statuses.push(s));
  }

  send(msg: unknown): void {
    this.socket.emit("command", msg);
  }

  async until(what: string, cond: () => boolean, ms = 10_000): Promise<void> {
    const t0 = Date.now();
    while (!cond()) {
      if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}; errors: ${this.errors.join(" | ")}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}

function get(url: string, path: string): Promise<{ status: number; body: Buffer }> {
  // node:http keeps the path as given (fetch would normalise `..` away before sending).
  return new Promise((ok, fail) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path, method: "GET" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => ok({ status: res.statusCode!, body: Buffer.concat(chunks) }));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("ViewerServer (replay)", () => {
  let server: ViewerServer;
  let dir: string;
  const frames = syntheticFrames({ ticks: 300, vehicles: 20, seed: 4 });

  beforeAll(async () => {
    const base = mkdtempSync(join(tmpdir(), "roadgym-view-"));
    dir = join(base, "replays");
    const client = join(base, "client");
    mkdirSync(dir);
    mkdirSync(join(client, "assets"), { recursive: true });
    writeFileSync(join(client, "index.html"), "<!doctype html><title>viewer</title>");
    writeFileSync(join(client, "assets", "app.js"), "console.log(1)");
    writeFileSync(join(base, "secret.replay"), "top secret");
    writeFileSync(join(base, "secret.txt"), "top secret");
    symlinkSync(join(base, "secret.replay"), join(dir, "link.replay"));
    for (const name of ["a.replay", "b.replay"]) {
      const w = new ReplayWriter(join(dir, name), { header: HEADER, keyframeInterval: 30 });
      for (const f of name === "a.replay" ? frames : frames.slice(0, 50)) w.writeFrame(f);
      w.close();
    }
    writeFileSync(join(dir, "broken.replay"), "RGREPLAY but not really");
    server = await ViewerServer.start({
      source: { kind: "replay", path: join(dir, "a.replay") },
      port: 0,
      clientDir: client,
    });
  });

  afterAll(async () => {
    await server.close();
  });

  it("binds 127.0.0.1 by default and serves the client, the replay list and replay files", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await get(server.url, "/")).body.toString()).toContain("<title>viewer</title>");
    expect((await get(server.url, "/assets/app.js")).status).toBe(200);
    // link.replay leads out of the folder: it is neither listed nor served.
    expect(JSON.parse((await get(server.url, "/api/replays")).body.toString())).toEqual({
      replays: ["a.replay", "b.replay", "broken.replay"],
    });
    const raw = await get(server.url, "/replays/a.replay");
    expect(raw.status).toBe(200);
    expect(raw.body.equals(readFileSync(join(dir, "a.replay")))).toBe(true);
  });

  it("refuses path traversal over HTTP", async () => {
    for (const path of [
      "/../secret.txt",
      "/assets/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/assets/%2e%2e%2f%2e%2e%2fsecret.txt",
      "/..%5csecret.txt",
      "/replays/../secret.replay",
      "/replays/%2e%2e%2fsecret.replay",
      "/replays/..%2f..%2fsecret.replay",
      "/replays/link.replay",
      "/replays/%00a.replay",
      "/replays/%E0%A4%A",
      "//etc/passwd",
      "/etc/passwd",
    ]) {
      const r = await get(server.url, path);
      expect(r.status, path).toBe(404);
      expect(r.body.toString(), path).not.toContain("top secret");
    }
  });

  it("plays, pauses, steps, seeks and changes speed; frames decode to the replay's", async () => {
    const v = new TestViewer(server.url);
    await v.until("hello and first frame", () => v.hello !== undefined && v.frames.length === 1);
    expect(v.hello).toMatchObject({
      mode: "replay",
      name: "a.replay",
      replays: ["a.replay", "b.replay", "broken.replay"],
    });
    expect(v.frames[0].tick).toBe(0);
    v.send({ type: "seek", tick: 123 });
    await v.until("seek", () => v.frames.at(-1)?.tick === 123);
    expect(v.frames.at(-1)!.ids).toEqual(frames[123].ids);
    v.send({ type: "step" });
    await v.until("step", () => v.frames.at(-1)?.tick === 124);
    v.send({ type: "speed", value: 20 });
    v.send({ type: "play" });
    await v.until("playing to the end", () => v.statuses.at(-1)?.ended === true, 15_000);
    expect(v.frames.at(-1)!.tick).toBe(299);
    const ticks = v.frames.map((f) => f.tick);
    for (const f of v.frames.slice(2)) expect(f.ids).toEqual(frames[f.tick].ids);
    expect(ticks.slice(2)).toEqual([...ticks.slice(2)].sort((a, b) => a - b));
    v.send({ type: "seek", tick: 10 });
    await v.until("seek back", () => v.frames.at(-1)?.tick === 10);
    v.send({ type: "play" });
    v.send({ type: "pause" });
    await v.until("paused", () => v.statuses.at(-1)?.playing === false);
    expect(v.errors).toEqual([]);
    v.close();
  });

  it("answers every bad message with an error and keeps working", async () => {
    const v = new TestViewer(server.url);
    await v.until("hello", () => v.frames.length === 1);
    const bad: unknown[] = [
      null,
      42,
      "play",
      [],
      {},
      { type: "fly" },
      { type: "seek" },
      { type: "seek", tick: -1 },
      { type: "seek", tick: 1.5 },
      { type: "seek", tick: "10" },
      { type: "seek", tick: 100000 },
      { type: "speed", value: 0 },
      { type: "speed", value: 1e9 },
      { type: "speed", value: "fast" },
      { type: "play", extra: true },
      { type: "open", replay: "../secret.replay" },
      { type: "open", replay: "/etc/passwd" },
      { type: "open", replay: ".." },
      { type: "open", replay: "link.replay" },
      { type: "open", replay: "missing.replay" },
      { type: "open", replay: "broken.replay" },
      { type: "open", replay: "x".repeat(300) },
      JSON.parse('{"type":"seek","tick":1,"__proto__":{"polluted":true}}'),
    ];
    for (const m of bad) v.send(m);
    v.socket.emit("hack", { a: 1 });
    await v.until("all errors", () => v.errors.length === bad.length + 1);
    expect(v.errors.filter((e) => /must be a file name inside the replay directory/.test(e))).toHaveLength(3);
    expect(v.errors).toContain('no replay "link.replay" among this viewer\'s replays');
    expect(v.errors).toContain('no replay "missing.replay" among this viewer\'s replays');
    expect(v.errors.some((e) => /cannot open replay "broken.replay"/.test(e))).toBe(true);
    expect(v.errors.some((e) => /tick 100000 is outside the replay \(0–299\)/.test(e))).toBe(true);
    expect(v.errors.some((e) => /unknown event "hack"/.test(e))).toBe(true);
    expect(v.errors.some((e) => /Unrecognized key: "__proto__"/.test(e))).toBe(true);
    // Still serving, and on the same replay.
    v.send({ type: "seek", tick: 7 });
    await v.until("seek after errors", () => v.frames.at(-1)?.tick === 7);
    expect(v.hello?.name).toBe("a.replay");
    // A message too large is dropped by socket.io (the connection closes), not the server.
    v.close();
  });

  it("serves many viewers at once, each with its own replay and position", async () => {
    const viewers = [
      new TestViewer(server.url),
      new TestViewer(server.url, { replay: "b.replay" }),
      new TestViewer(server.url, { replay: "../a.replay" }),
    ];
    await Promise.all(viewers.map((v) => v.until("first frame", () => v.frames.length >= 1)));
    expect(viewers.map((v) => v.hello?.name)).toEqual(["a.replay", "b.replay", "a.replay"]);
    expect(viewers[2].errors[0]).toMatch(/must be a file name/);
    viewers[0].send({ type: "seek", tick: 200 });
    viewers[1].send({ type: "seek", tick: 40 });
    viewers[2].send({ type: "open", replay: "b.replay" });
    await viewers[0].until("a", () => viewers[0].frames.at(-1)?.tick === 200);
    await viewers[1].until("b", () => viewers[1].frames.at(-1)?.tick === 40);
    await viewers[2].until("switch", () => viewers[2].hello?.name === "b.replay" && viewers[2].frames.length >= 2);
    await viewers[0].until("three viewers", () => server.viewers === 3);
    viewers[2].send({ type: "seek", tick: 49 });
    await viewers[2].until("b end", () => viewers[2].frames.at(-1)?.tick === 49);
    expect(viewers[2].frames.at(-1)!.ids).toEqual(frames[49].ids);
    for (const v of viewers) v.close();
  });
});

describe("ViewerServer (live)", () => {
  it("steps a live simulation on commands, shared by its viewers", async () => {
    const compiled = compileScenarioFile(join(import.meta.dirname, "../../scenarios/intersection.scn"));
    if (!compiled.ok) throw new Error("scenario");
    const run = await LiveRun.start("intersection.scn", compiled, { seed: 3 });
    const server = await ViewerServer.start({ source: { kind: "live", run }, port: 0, clientDir: tmpdir() });
    try {
      const a = new TestViewer(server.url);
      const b = new TestViewer(server.url);
      await a.until("hello", () => a.frames.length === 1 && a.hello !== undefined);
      await b.until("hello", () => b.frames.length === 1);
      expect(a.hello).toMatchObject({ mode: "live", name: "intersection.scn" });
      expect(a.hello!.header.map.roads.length).toBeGreaterThan(0);
      a.send({ type: "step" });
      await b.until("b sees a's step", () => b.frames.at(-1)?.tick === 1);
      a.send({ type: "seek", tick: 0 });
      await a.until("seek refused", () => a.errors.length === 1);
      expect(a.errors[0]).toMatch(/a live run cannot seek/);
      a.send({ type: "speed", value: 8 });
      b.send({ type: "play" });
      await a.until("running", () => (a.frames.at(-1)?.tick ?? 0) > 40, 20_000);
      a.send({ type: "pause" });
      await a.until("paused", () => a.statuses.at(-1)?.playing === false);
      const agentFrames = a.frames.filter((f) => f.agents.length > 0);
      expect(agentFrames.length).toBeGreaterThan(0);
      a.send({ type: "bogus" });
      await a.until("bad command", () => a.errors.length === 2);
      a.close();
      b.close();
    } finally {
      await server.close();
      await run.close();
    }
  });
});
