/**
 * The viewer's security model over the wire (docs/viewer.md): requests that name another host
 * (DNS rebinding) or come from another origin are refused over HTTP and on the socket; beyond
 * loopback the data routes and the socket need the access token; a flooding client is dropped
 * and then disconnected while others are served; `open` answers the same for a file that exists
 * and one that does not; messages to clients carry no absolute server paths.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReplayWriter } from "../../replay/ReplayWriter.js";
import { syntheticFrames } from "../../test/fakes/syntheticReplayFrames.js";
import type { Hello, PlaybackStatus } from "../protocol/viewerProtocol.js";
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

/** A GET with exactly the headers given (Host included). */
function rawGet(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: "127.0.0.1", port, path, method: "GET", headers, setHost: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => ok({ status: res.statusCode!, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

/** Connects; resolves with the hello, or rejects with the connection error. */
function hello(url: string, opts: Parameters<typeof connect>[1] = {}): Promise<{ socket: Socket; hello: Hello }> {
  return new Promise((ok, fail) => {
    const socket = connect(url, { transports: ["websocket"], forceNew: true, reconnection: false, ...opts });
    socket.on("hello", (h: Hello) => ok({ socket, hello: h }));
    socket.on("connect_error", (e) => {
      socket.close();
      fail(e);
    });
  });
}

let base: string;
let dir: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), "roadgym-viewsec-"));
  dir = join(base, "replays");
  mkdirSync(dir);
  const w = new ReplayWriter(join(dir, "a.replay"), { header: HEADER, keyframeInterval: 30 });
  for (const f of syntheticFrames({ ticks: 50, vehicles: 3, seed: 1 })) w.writeFrame(f);
  w.close();
  writeFileSync(join(dir, "broken.replay"), "RGREPLAY but not really");
  writeFileSync(join(dir, "notes.txt"), "private notes");
  writeFileSync(join(dir, "old.replay.bak"), "a backup");
  writeFileSync(join(base, "index.html"), "<!doctype html><title>viewer</title>");
});

describe("viewer on loopback", () => {
  let server: ViewerServer;
  beforeAll(async () => {
    server = await ViewerServer.start({
      source: { kind: "replay", path: join(dir, "a.replay") },
      port: 0,
      clientDir: base,
      messageRate: { perSecond: 20, burst: 40 },
    });
  });
  afterAll(() => server.close());

  it("refuses HTTP requests naming another host (DNS rebinding) or from another origin", async () => {
    const own = `127.0.0.1:${server.port}`;
    expect((await rawGet(server.port, "/api/replays", { host: own })).status).toBe(200);
    expect((await rawGet(server.port, "/api/replays", { host: `localhost:${server.port}` })).status).toBe(200);
    for (const headers of <Record<string, string>[]>[
      { host: `rebind.attacker.example:${server.port}` },
      { host: "127.0.0.1" },
      { host: own, origin: "http://127.0.0.1:1" },
      { host: own, origin: "http://attacker.example" },
      { host: own, origin: "null" },
    ]) {
      for (const path of ["/api/replays", "/replays/a.replay", "/"]) {
        const r = await rawGet(server.port, path, headers);
        expect(r.status, `${path} ${JSON.stringify(headers)}`).toBe(403);
        expect(r.body).toMatch(/^forbidden: /);
        expect(r.body).not.toContain("a.replay");
      }
    }
  });

  it("refuses socket handshakes naming another host or from another origin", async () => {
    const handshake = "/socket.io/?EIO=4&transport=polling";
    const own = `127.0.0.1:${server.port}`;
    const ok = await rawGet(server.port, handshake, { host: own, origin: `http://${own}` });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('"sid"');
    for (const headers of <Record<string, string>[]>[
      { host: `rebind.attacker.example:${server.port}` },
      { host: own, origin: "http://localhost:1" },
    ]) {
      const r = await rawGet(server.port, handshake, headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.body).not.toContain('"sid"');
    }
    await expect(hello(server.url, { extraHeaders: { origin: "http://127.0.0.1:1" } })).rejects.toThrow();
    const { socket, hello: h } = await hello(server.url, {
      extraHeaders: { origin: `http://localhost:${server.port}` },
    });
    expect(h.name).toBe("a.replay");
    socket.close();
  });

  it("open answers alike for files that exist and files that do not, and names no server path", async () => {
    const { socket } = await hello(server.url);
    const errors: string[] = [];
    socket.on("commandError", (e: { message: string }) => errors.push(e.message));
    for (const replay of ["notes.txt", "absent.txt", "old.replay.bak", "absent.replay.bak", "broken.replay"])
      socket.emit("command", { type: "open", replay });
    await expect.poll(() => errors.length).toBe(5);
    expect(errors.slice(0, 4)).toEqual([
      'no replay "notes.txt" among this viewer\'s replays',
      'no replay "absent.txt" among this viewer\'s replays',
      'no replay "old.replay.bak" among this viewer\'s replays',
      'no replay "absent.replay.bak" among this viewer\'s replays',
    ]);
    expect(errors[4]).toMatch(/cannot open replay "broken.replay"/);
    for (const e of errors) expect(e).not.toContain(base);
    socket.close();
  });

  it("drops a flooding client's messages, then disconnects it, while serving another viewer", async () => {
    const { socket: flood } = await hello(server.url);
    const { socket: calm } = await hello(server.url);
    const floodErrors: string[] = [];
    flood.on("commandError", (e: { message: string }) => floodErrors.push(e.message));
    let disconnected = false;
    flood.on("disconnect", () => (disconnected = true));
    const calmStatuses: PlaybackStatus[] = [];
    calm.on("status", (s: PlaybackStatus) => calmStatuses.push(s));
    for (let i = 0; i < 2000; i++) flood.emit("command", { type: "seek", tick: i % 50 });
    calm.emit("command", { type: "seek", tick: 33 });
    await expect.poll(() => disconnected, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => calmStatuses.some((s) => s.tick === 33)).toBe(true);
    expect(floodErrors[0]).toMatch(/too many messages: at most 20 a second \(40 at once\); dropped/);
    expect(floodErrors.filter((e) => /too many/.test(e))).toHaveLength(1);
    expect(floodErrors.at(-1)).toMatch(/disconnected: more than 40 messages over the limit/);
    calm.close();
  });
});

describe("viewer beyond loopback", () => {
  let server: ViewerServer;
  beforeAll(async () => {
    server = await ViewerServer.start({
      source: { kind: "replay", path: join(dir, "a.replay") },
      host: "0.0.0.0",
      port: 0,
      clientDir: base,
    });
  });
  afterAll(() => server.close());

  it("prints the token in its address and requires it on the data routes and the socket", async () => {
    const token = server.access.token!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${token}`);
    expect(server.bound).toBe(`0.0.0.0:${server.port}`);
    const host = { host: `127.0.0.1:${server.port}` };
    expect((await rawGet(server.port, "/api/replays", host)).status).toBe(401);
    expect((await rawGet(server.port, "/api/replays?token=wrong-token-wrong", host)).status).toBe(401);
    expect((await rawGet(server.port, `/api/replays?token=${token}`, host)).status).toBe(200);
    expect((await rawGet(server.port, "/replays/a.replay", { ...host, authorization: `Bearer ${token}` })).status).toBe(
      200,
    );
    expect((await rawGet(server.port, "/", host)).status).toBe(200); // the client's code is public
    const plain = `http://127.0.0.1:${server.port}/`;
    await expect(hello(plain)).rejects.toThrow(/needs its access token/);
    await expect(hello(plain, { auth: { token: "wrong-token-wrong" } })).rejects.toThrow(/needs its access token/);
    const { socket, hello: h } = await hello(plain, { auth: { token } });
    expect(h.name).toBe("a.replay");
    socket.close();
  });
});
