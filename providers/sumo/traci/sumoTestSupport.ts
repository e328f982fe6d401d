/**
 * Helpers for tests that run the real SUMO: is it installed, and a small generated network to run on.
 * (Test-only; kept beside the TraCI client because nothing outside this folder uses it yet.)
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";

/** True when an executable called `name` is on PATH. */
export function isOnPath(name: string): boolean {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** Files of a generated test network. */
export interface GridNetworkFiles {
  /** The `.net.xml`. */
  netFile: string;
  /** A routes file defining vehicle type "car" (5 m × 1.8 m) and, when asked, a flow. */
  routesFile: string;
}

/**
 * Writes a 3 × 3 grid with 100 m blocks, every junction a traffic light (`netgenerate --grid`), into
 * `dir`. Nodes are named A0..C2 (column letter, row digit; A0 at the origin, rows going north), edges
 * `<from><to>` such as "A0B0" (eastbound along y = 0), one lane each.
 *
 * @param flowPeriodS when set, the routes file also has a flow "f" on A0B0 B0C0 C0C1 C1C2 departing every
 * `flowPeriodS` seconds.
 */
export function writeGridNetwork(dir: string, flowPeriodS?: number): GridNetworkFiles {
  const netFile = join(dir, "net.net.xml");
  const routesFile = join(dir, "routes.rou.xml");
  const r = spawnSync(
    "netgenerate",
    ["--grid", "--grid.number", "3", "--grid.length", "100", "--default-junction-type", "traffic_light", "-o", netFile],
    { encoding: "utf8" },
  );
  if (r.error || r.status !== 0) {
    throw new Error(`netgenerate failed: ${r.error?.message ?? ""}${r.stderr}`);
  }
  const flow =
    flowPeriodS === undefined
      ? ""
      : `  <route id="loopish" edges="A0B0 B0C0 C0C1 C1C2"/>\n` +
        `  <flow id="f" type="car" route="loopish" begin="0" end="100000" period="${flowPeriodS}" departSpeed="max"/>\n`;
  writeFileSync(
    routesFile,
    `<routes>\n  <vType id="car" length="5" width="1.8" maxSpeed="13.89" minGap="2.5"/>\n${flow}</routes>\n`,
  );
  return { netFile, routesFile };
}
