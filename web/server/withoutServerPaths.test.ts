import { describe, expect, it } from "vitest";
import { withoutServerPaths } from "./withoutServerPaths.js";

describe("withoutServerPaths", () => {
  it("keeps the base name of every absolute path and nothing else of it", () => {
    expect(withoutServerPaths("/home/alice/runs/x.replay: not a roadgym replay")).toBe(
      "x.replay: not a roadgym replay",
    );
    expect(withoutServerPaths("ENOENT: no such file or directory, open '/srv/data/a.replay'")).toBe(
      "ENOENT: no such file or directory, open 'a.replay'",
    );
    expect(withoutServerPaths("cannot read /tmp/x/map.net.xml:3:7.")).toBe("cannot read map.net.xml:3:7.");
    expect(withoutServerPaths("(see C:\\Users\\bob\\a.scn)")).toBe("(see a.scn)");
  });

  it("leaves units, URLs and relative paths alone", () => {
    for (const m of ["speed 50 km/h", "see http://127.0.0.1:8765/x", "scenarios/a.scn:1:2: error", "tick 3 (0–299)"])
      expect(withoutServerPaths(m)).toBe(m);
  });
});
