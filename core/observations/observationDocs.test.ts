import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { observationDocBlocks } from "./observationDocs.js";
import { fullObservation } from "./standardObservation.js";
import { vectorLayout } from "./vectorLayout.js";

const DOC = fileURLToPath(new URL("../../docs/observations.md", import.meta.url));
const begin = (name: string) => `<!-- generated:${name} begin -->`;
const end = (name: string) => `<!-- generated:${name} end -->`;

describe("docs/observations.md", () => {
  it("embeds the generated tables (ROADGYM_UPDATE_DOCS=1 rewrites them)", () => {
    let doc = readFileSync(DOC, "utf8");
    const stale: string[] = [];
    for (const [name, table] of Object.entries(observationDocBlocks())) {
      const a = doc.indexOf(begin(name)),
        b = doc.indexOf(end(name));
      expect(a, `docs/observations.md lacks ${begin(name)}`).toBeGreaterThanOrEqual(0);
      expect(b, `docs/observations.md lacks ${end(name)}`).toBeGreaterThan(a);
      if (doc.slice(a + begin(name).length, b).trim() === table) continue;
      stale.push(name);
      doc = `${doc.slice(0, a + begin(name).length)}\n${table}\n${doc.slice(b)}`;
    }
    if (stale.length > 0 && process.env.ROADGYM_UPDATE_DOCS === "1") writeFileSync(DOC, doc);
    else expect(stale, "generated tables are stale: rerun with ROADGYM_UPDATE_DOCS=1").toEqual([]);
  });

  it("names every kind of vector element, signals included", () => {
    const doc = readFileSync(DOC, "utf8");
    for (const e of vectorLayout(fullObservation())) {
      const template = e.name.replace(/\[\d+\]\[\d+\]/, "[i][j]").replace(/\[\d+\]/, "[i]");
      expect(doc.includes(`\`${template}\``), `docs/observations.md does not name ${template}`).toBe(true);
    }
  });
});
