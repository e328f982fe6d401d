import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { METRICS } from "./metricCatalog.js";

describe("docs/metrics.md", () => {
  it("documents every aggregated metric", () => {
    const doc = readFileSync(join(import.meta.dirname, "../docs/metrics.md"), "utf8");
    expect(METRICS.filter((m) => !doc.includes(`\`${m.key}\``)).map((m) => m.key)).toEqual([]);
  });
});
