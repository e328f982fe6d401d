import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultSumoBinary, inferSumoHome } from "./sumoInstall.js";

describe("sumoInstall", () => {
  const root = mkdtempSync(join(tmpdir(), "roadgym-sumo-install-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A fake `<prefix>/bin/sumo` with `<prefix>/share/sumo/data/xsd`. */
  function fakePackageInstall(prefix: string): string {
    mkdirSync(join(prefix, "bin"), { recursive: true });
    mkdirSync(join(prefix, "share", "sumo", "data", "xsd"), { recursive: true });
    const binary = join(prefix, "bin", "sumo");
    writeFileSync(binary, "#!/bin/sh\n", { mode: 0o755 });
    return binary;
  }

  it("prefers $SUMO_HOME/bin/sumo, else the name on PATH", () => {
    const home = join(root, "home");
    mkdirSync(join(home, "bin"), { recursive: true });
    writeFileSync(join(home, "bin", "sumo"), "");
    expect(defaultSumoBinary({ SUMO_HOME: home })).toBe(join(home, "bin", "sumo"));
    expect(defaultSumoBinary({ SUMO_HOME: join(root, "nothing-here") })).toBe("sumo");
    expect(defaultSumoBinary({})).toBe("sumo");
  });

  it("infers SUMO_HOME from a packaged binary found on PATH or by path", () => {
    const prefix = join(root, "usr");
    const binary = fakePackageInstall(prefix);
    const share = join(prefix, "share", "sumo");
    expect(inferSumoHome("sumo", { PATH: `/nonexistent:${join(prefix, "bin")}` })).toBe(share);
    expect(inferSumoHome(binary, {})).toBe(share);
    expect(inferSumoHome(binary, { SUMO_HOME: "/given" })).toBe("/given");
    expect(inferSumoHome("sumo", { PATH: "/nonexistent" })).toBeUndefined();
  });
});
