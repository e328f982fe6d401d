/** Importing minicity's SUMO network (1,080 lanes): parse to spec, and spec to runtime network. Target < 300 ms. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildRoadNetwork } from "../core/road/RoadNetwork.js";
import { parseSumoNet } from "../core/road/sumo/parseSumoNet.js";
import { packageRoot } from "../compose/packageRoot.js";
import { medianMs, result, type Benchmark } from "./BenchResult.js";

export const MINICITY = "maps/smarts/minicity/map.net.xml";

export const mapImportBenchmark: Benchmark = {
  name: "map-import",
  run() {
    const path = join(packageRoot(), MINICITY);
    const text = readFileSync(path, "utf8");
    // Cold: the first import in this process, as a CLI user sees it.
    const t0 = performance.now();
    buildRoadNetwork(parseSumoNet(text, path));
    const cold = performance.now() - t0;
    const parse = medianMs(() => parseSumoNet(text, path), 10, 2);
    const full = medianMs(() => buildRoadNetwork(parseSumoNet(readFileSync(path, "utf8"), path)), 10, 2);
    return [
      result(
        "minicityImportMs",
        "import minicity.net.xml → network (read+parse+build)",
        full.median,
        "ms",
        { op: "<", value: 300 },
        `parse only ${parse.median.toFixed(1)} ms; first run ${cold.toFixed(1)} ms; range ${full.min.toFixed(1)}–${full.max.toFixed(1)} ms`,
      ),
    ];
  },
};
