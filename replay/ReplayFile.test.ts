import { copyFileSync, mkdtempSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../compose/runScenario.js";
import type { FrameSink } from "../core/simulation/FrameSink.js";
import type { SimFrame } from "../core/simulation/SimFrame.js";
import { compileScenarioFile } from "../scenario-dsl/index.js";
import { syntheticFrames } from "../test/fakes/syntheticReplayFrames.js";
import { openReplayFile } from "./FileByteSource.js";
import { FOOTER_BYTES, MemoryByteSource } from "./recordFormat.js";
import type { ReplayFrame } from "./ReplayFrame.js";
import { ReplayFormatError } from "./ReplayFormatError.js";
import { ReplayReader } from "./ReplayReader.js";
import { ReplayWriter } from "./ReplayWriter.js";

const root = join(import.meta.dirname, "..");
const tmp = () => mkdtempSync(join(tmpdir(), "roadgym-replay-"));

const HEADER = {
  scenario: { name: "synthetic", contentHash: "0".repeat(64) },
  seed: 7,
  variation: "",
  dtS: 0.1,
  vehicleTypes: [{ id: "passenger", vClass: "passenger", lengthM: 3.68, widthM: 1.47, heightM: 1.4 }],
  agents: ["ego"],
  map: {
    source: { kind: "generator", generator: "none", params: {} },
    roads: [],
    junctions: [],
    connections: [],
    signals: [],
  },
};

function writeSynthetic(path: string, ticks = 120, close = true) {
  const frames = syntheticFrames({ ticks, vehicles: 30, seed: 11 });
  const w = new ReplayWriter(path, { header: HEADER, keyframeInterval: 25 });
  for (const f of frames) w.writeFrame(f);
  if (close) w.close();
  return { frames, writer: w };
}

function all(reader: ReplayReader): ReplayFrame[] {
  return [...reader.frames()];
}

describe("ReplayWriter / ReplayReader", () => {
  it("round-trips a file: header, every frame, index", () => {
    const path = join(tmp(), "a.replay");
    const { frames } = writeSynthetic(path);
    const { reader, close } = openReplayFile(path);
    expect(reader.recovery).toBeUndefined();
    expect(reader.header).toMatchObject({
      format: "roadgym-replay",
      schemaVersion: 1,
      seed: 7,
      keyframeInterval: 25,
      agents: ["ego"],
    });
    expect(reader.header.map).toEqual(HEADER.map);
    expect(reader.frameCount).toBe(120);
    expect([reader.firstTick, reader.lastTick]).toEqual([0, 119]);
    expect(reader.keyframes.map((k) => k.tick)).toEqual([0, 25, 50, 75, 100]);
    const got = all(reader);
    expect(got.map((f) => f.tick)).toEqual(frames.map((f) => f.tick));
    got.forEach((f, i) => {
      expect(f.ids).toEqual(frames[i].ids);
      expect(f.owners).toEqual(frames[i].owners);
      expect(f.signals).toEqual(frames[i].signals);
      expect(f.events).toEqual(frames[i].events);
      expect(f.agents).toEqual(frames[i].agents);
      expect(f.bubbles).toEqual(JSON.parse(JSON.stringify(frames[i].bubbles)));
      for (let k = 0; k < f.ids.length; k++)
        expect(Math.abs(f.x[k] - frames[i].x[k])).toBeLessThanOrEqual(0.005 + 1e-9);
    });
    close();
  });

  it("seeks: frameAt gives the same frame as reading in order, forwards and backwards", () => {
    const path = join(tmp(), "s.replay");
    writeSynthetic(path);
    const { reader } = openReplayFile(path);
    const inOrder = all(reader);
    for (const t of [57, 3, 119, 0, 100, 99, 101, 24, 25, 26, 80, 81]) {
      const f = reader.frameAt(t);
      expect(f.tick).toBe(t);
      expect(f).toEqual(inOrder[t]);
    }
    expect(reader.frameAt(-5).tick).toBe(0);
    expect(reader.frameAt(1e9).tick).toBe(119);
    expect(reader.next()?.tick).toBeUndefined();
  });

  it("reads a file whose writer was killed up to its last whole frame, at every cut point", () => {
    const dir = tmp();
    const full = join(dir, "k.replay");
    const { writer } = writeSynthetic(full, 60, false);
    const killedSize = writer.bytesWritten; // no index, no footer: as a killed process leaves it
    const whole = ReplayReader.open(new MemoryByteSource(readFileSync(full)), "k");
    expect(whole.frameCount).toBe(60);
    expect(whole.recovery).toMatch(/no index/);
    const bytes = readFileSync(full);
    let expectFrames = 0;
    const cuts = [killedSize - 1, killedSize - 5, Math.floor(killedSize / 2), Math.floor(killedSize / 3) + 3];
    for (const cut of cuts) {
      const part = join(dir, `cut${cut}.replay`);
      writeFileSync(part, bytes.subarray(0, cut));
      const { reader, close } = openReplayFile(part);
      expect(reader.recovery).toMatch(/cut short/);
      const frames = all(reader);
      expect(frames.length).toBe(reader.frameCount);
      expect(frames.length).toBeGreaterThan(0);
      expect(frames.length).toBeLessThan(60);
      expect(frames.at(-1)!.tick).toBe(reader.lastTick);
      expect(reader.frameAt(reader.lastTick)).toEqual(frames.at(-1));
      expectFrames = Math.max(expectFrames, frames.length);
      close();
    }
    expect(expectFrames).toBe(59); // cutting the last byte loses only the last frame
    // A file cut inside the header has no frames to give: a clear error.
    const tiny = join(dir, "tiny.replay");
    writeFileSync(tiny, bytes.subarray(0, 20));
    expect(() => openReplayFile(tiny)).toThrow(/no readable header/);
  });

  it("stops at a corrupted record and says where", () => {
    const path = join(tmp(), "c.replay");
    writeSynthetic(path, 40);
    const bytes = readFileSync(path);
    const r0 = ReplayReader.open(new MemoryByteSource(bytes), "c");
    const k = r0.keyframes[1].offset;
    const bad = bytes.slice();
    bad[k + 20] ^= 0xff;
    const r = ReplayReader.open(new MemoryByteSource(bad), "c");
    // The footer's index is intact, but reading the damaged record fails with the offset named...
    expect(() => r.frameAt(r0.keyframes[1].tick)).toThrow(new RegExp(`record at byte ${k} fails its checksum`));
    // ...and without the footer, the scan recovers every frame before it.
    const noFooter = bad.subarray(0, bad.length - FOOTER_BYTES);
    const s = ReplayReader.open(new MemoryByteSource(noFooter), "c");
    expect(s.frameCount).toBe(r0.keyframes[1].tick);
    expect(s.recovery).toMatch(new RegExp(`byte ${k}.*checksum`));
  });

  it("refuses files that are not replays, or are from a newer schema", () => {
    const dir = tmp();
    const txt = join(dir, "x.replay");
    writeFileSync(txt, "hello, this is not a replay at all");
    expect(() => openReplayFile(txt)).toThrow(ReplayFormatError);
    expect(() => openReplayFile(txt)).toThrow(/not a roadgym replay/);
    const path = join(dir, "v.replay");
    writeSynthetic(path, 3);
    const bytes = readFileSync(path);
    const text = Buffer.from(bytes).toString("latin1").replace('"schemaVersion":1', '"schemaVersion":9');
    // The CRC no longer matches the edited header: it is reported as damage, not misread.
    writeFileSync(path, Buffer.from(text, "latin1"));
    expect(() => openReplayFile(path)).toThrow(/no readable header \(.*checksum/);
    expect(() => openReplayFile(join(dir, "missing.replay"))).toThrow(/ENOENT/);
  });

  it("refuses a tick that does not increase (one episode per file)", () => {
    const path = join(tmp(), "t.replay");
    const frames = syntheticFrames({ ticks: 3, vehicles: 2, seed: 1 });
    const w = new ReplayWriter(path, { header: HEADER });
    w.writeFrame(frames[0]);
    w.writeFrame(frames[1]);
    expect(() => w.writeFrame(frames[0])).toThrow(/tick 0 after tick 1; a replay holds one episode/);
    w.close();
    w.close();
    expect(() => w.writeFrame(frames[2])).toThrow(/already closed/);
  });

  it("records a simulated run (roadgym run --record) that reads back as the simulation's frames", async () => {
    const compiled = compileScenarioFile(join(root, "scenarios/intersection.scn"));
    if (!compiled.ok) throw new Error("intersection.scn does not compile");
    const seen: { tick: number; ids: string[]; x: number[]; y: number[]; owners: string[]; laneIds: string[] }[] = [];
    const probe: FrameSink = {
      onFrame: (f: SimFrame) =>
        void seen.push({
          tick: f.tick,
          ids: [...f.ids],
          x: [...f.x],
          y: [...f.y],
          owners: [...f.owners],
          laneIds: [...f.laneIds],
        }),
    };
    const path = join(tmp(), "run.replay");
    const summary = await runScenario(compiled, {
      seed: 2,
      steps: 300,
      sinks: [probe],
      record: path,
    });
    expect(summary.replay).toMatchObject({ path, frames: seen.length, bytes: statSync(path).size });
    const { reader } = openReplayFile(path);
    expect(reader.recovery).toBeUndefined();
    expect(reader.header.scenario).toEqual({
      name: compiled.scenario.name,
      contentHash: compiled.scenario.contentHash,
    });
    expect(reader.header.seed).toBe(2);
    expect(reader.header.map).toEqual(JSON.parse(JSON.stringify(compiled.network.spec)));
    expect(reader.frameCount).toBe(seen.length);
    let agentFrames = 0;
    for (const [i, f] of [...reader.frames()].entries()) {
      const s = seen[i];
      expect(f.tick).toBe(s.tick);
      expect(f.ids).toEqual(s.ids);
      expect(f.owners).toEqual(s.owners);
      expect(f.laneIds).toEqual(s.laneIds);
      for (let k = 0; k < f.ids.length; k++) {
        expect(Math.abs(f.x[k] - s.x[k])).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.abs(f.y[k] - s.y[k])).toBeLessThanOrEqual(0.005 + 1e-9);
      }
      if (f.agents.length) agentFrames++;
    }
    expect(agentFrames).toBeGreaterThan(10);
    // The same seed records the same bytes (determinism).
    const again = join(tmp(), "again.replay");
    await runScenario(compiled, { seed: 2, steps: 300, record: again });
    expect(readFileSync(again).equals(readFileSync(path))).toBe(true);
    // A copy cut mid-record still opens.
    const cut = join(tmp(), "cut.replay");
    copyFileSync(path, cut);
    truncateSync(cut, Math.floor(statSync(path).size * 0.6));
    expect(openReplayFile(cut).reader.frameCount).toBeGreaterThan(0);
  });

  it("records the bubble zones of a scenario with a moving bubble", async () => {
    const compiled = compileScenarioFile(join(root, "scenarios/bubble-escort.scn"));
    if (!compiled.ok) throw new Error("bubble-escort.scn does not compile");
    const path = join(tmp(), "bubble.replay");
    await runScenario(compiled, { seed: 1, steps: 60, record: path });
    const { reader } = openReplayFile(path);
    const frames = [...reader.frames()];
    const zones = frames.filter((f) => f.bubbles.length > 0).map((f) => f.bubbles[0]);
    expect(zones.length).toBeGreaterThan(30);
    expect(zones[0].id).toBe(compiled.scenario.bubbles[0].name);
    expect(zones[0].zone.length).toBeGreaterThanOrEqual(3);
    // It follows its vehicle: the zone moves.
    expect(zones.at(-1)!.zone[0]).not.toEqual(zones[0].zone[0]);
  });
});
