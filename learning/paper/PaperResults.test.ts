import { describe, expect, it } from "vitest";
import {
  beats,
  meetsTarget,
  renderPaperTables,
  replaceGenerated,
  TABLE_BEGIN,
  TABLE_END,
  upsertCell,
  type PaperCell,
} from "./PaperResults.js";

const cell = (algorithm: string, column: PaperCell["column"], collision: number, completion: number): PaperCell => ({
  algorithm,
  column,
  envSteps: 300_000,
  trainSeconds: 120,
  trainCpuSeconds: 230,
  hyper: {},
  commands: [`npm run train:paper -- ${column} --algorithm ${algorithm} --publish`],
  policy: `learning/paper/policies/${algorithm}/${column}`,
  seedFrom: 100_000,
  episodes: 100,
  agentEpisodes: 400,
  collision,
  completion,
});

describe("published paper results", () => {
  it("beats: collision ≤ and completion ≥ the paper's at two decimals, or 0.00 / 1.00", () => {
    expect(beats({ collision: 0.1, completion: 0.9 }, { collision: 0.1, completion: 0.9 })).toBe(true);
    expect(beats({ collision: 0.104, completion: 0.896 }, { collision: 0.1, completion: 0.9 })).toBe(true); // 0.10 / 0.90
    expect(beats({ collision: 0.11, completion: 0.95 }, { collision: 0.1, completion: 0.9 })).toBe(false);
    expect(beats({ collision: 0.05, completion: 0.89 }, { collision: 0.1, completion: 0.9 })).toBe(false);
    expect(beats({ collision: 0, completion: 1 }, { collision: 0, completion: 1 })).toBe(true);
    expect(meetsTarget({ collision: 0.05, completion: 0.95 })).toBe(true);
    expect(meetsTarget({ collision: 0.06, completion: 0.99 })).toBe(false);
  });

  it("upserts a cell in table order and renders the rows, the verdicts and the budgets", () => {
    let cells = upsertCell([], cell("mappo", "two_way-sv", 0.02, 0.98), ["ppo", "mappo"]);
    cells = upsertCell(cells, cell("ppo", "intersection", 0.25, 0.75), ["ppo", "mappo"]);
    cells = upsertCell(cells, cell("ppo", "two_way", 0, 1), ["ppo", "mappo"]);
    cells = upsertCell(cells, cell("ppo", "intersection", 0, 1), ["ppo", "mappo"]);
    expect(cells.map((c) => `${c.algorithm}/${c.column}/${c.completion}`)).toEqual([
      "ppo/two_way/1",
      "ppo/intersection/1",
      "mappo/two_way-sv/0.98",
    ]);
    const paper = [
      {
        name: "PPO (paper)",
        cells: { two_way: { collision: 0, completion: 1 }, intersection: { collision: 0.1, completion: 0.07 } },
      },
    ];
    const md = renderPaperTables(
      [...cells, cell("ppo", "double_merge", 0.25, 0.5)],
      paper,
      { ppo: "PPO" },
      { ppo: "PPO (paper)" },
    );
    expect(md).toContain(
      "| **PPO** (roadgym) | 0.00 / 1.00 ✓ | 0.25 / 0.50 | 0.00 / 1.00 ✓ | not run | not run | not run |",
    );
    expect(md).toContain("| PPO (paper) | 0.00 / 1.00 | – | 0.10 / 0.07 | – | – | – |");
    expect(md).toContain("| **mappo** (roadgym) | 0.02 / 0.98 | not run | not run |");
    expect(md).toContain(
      "| ppo | two_way | 300,000 | 2.0 | 3.8 | 2,500 | `npm run train:paper -- two_way --algorithm ppo --publish` |",
    );
  });

  it("shows a restored cell's commit and its unrecorded times as –", () => {
    const restored: PaperCell = {
      ...cell("ppo", "intersection", 0, 1),
      trainSeconds: null,
      trainCpuSeconds: null,
      restoredFrom: "0fb4865",
    };
    const md = renderPaperTables([restored], [], { ppo: "PPO" }, {});
    expect(md).toContain(
      "| ppo | intersection | 300,000 | – | – | – | `npm run train:paper -- intersection --algorithm ppo --publish`<br>(policy restored from commit 0fb4865, re-evaluated with `--eval-only`) |",
    );
  });

  it("replaces only the generated part of the page, and names the page when the marks are missing", () => {
    const doc = `intro\n${TABLE_BEGIN}\nold\n${TABLE_END}\noutro\n`;
    expect(replaceGenerated(doc, "new\n", "p.md")).toBe(`intro\n${TABLE_BEGIN}\n\nnew\n\n${TABLE_END}\noutro\n`);
    expect(() => replaceGenerated("no marks", "x", "docs/p.md")).toThrow(/docs\/p\.md: no generated section/);
  });
});
