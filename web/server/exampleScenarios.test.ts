/**
 * Every example scenario can be recorded and read back, and run live for the viewer.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../compose/runScenario.js";
import { openReplayFile } from "../../replay/FileByteSource.js";
import { compileScenarioFile } from "../../scenario-dsl/index.js";
import { LiveRun } from "./LiveRun.js";

const dir = join(import.meta.dirname, "../../scenarios");
const examples = readdirSync(dir)
  .filter((f) => f.endsWith(".scn"))
  .sort();

describe("example scenarios in the viewer", () => {
  it("has examples", () => expect(examples.length).toBeGreaterThan(5));

  for (const name of examples) {
    it(`${name}: records a replay and runs live`, async () => {
      const compiled = compileScenarioFile(join(dir, name));
      if (!compiled.ok) throw new Error(`${name} does not compile`);
      const path = join(mkdtempSync(join(tmpdir(), "roadgym-example-")), name.replace(/\.scn$/, ".replay"));
      const summary = await runScenario(compiled, { steps: 20, record: path });
      const { reader, close } = openReplayFile(path);
      expect(reader.recovery).toBeUndefined();
      expect(reader.frameCount).toBe(summary.replay!.frames);
      expect(reader.frameCount).toBeGreaterThan(1);
      expect(reader.header.map.roads.length).toBeGreaterThan(0);
      expect(reader.frameAt(reader.lastTick).tick).toBe(reader.lastTick);
      close();
      const run = await LiveRun.start(name, compiled);
      try {
        const ticks: number[] = [];
        run.subscribe({ frame: (f) => ticks.push(f.tick), status: () => {}, error: (m) => ticks.push(-1, m.length) });
        // A scenario without agents of its own starts where its first learner appears (the env fast-forwards to it).
        const start = run.frame.tick;
        expect(run.handle({ type: "step" })).toBeUndefined();
        await expect.poll(() => ticks).toEqual([start + 1]);
      } finally {
        await run.close();
      }
    }, 60_000);
  }
});
