/**
 * The import rules of DESIGN.md §2, checked on every TypeScript file of the project: which folder
 * may import which, an acyclic folder graph, nothing but the CLI importing `cli/`, and environments
 * built only by the composition root (`compose/`). A rule broken fails here, naming the file and
 * the import.
 *
 * Source files are grouped into folders (the longest matching prefix of {@link FOLDERS}); a test
 * (`*.test.ts`, `test/`, and the test helpers named `testing.ts` / `*TestSupport.ts`) may import
 * any folder but `cli/` and is left out of the graph.
 */
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

/** Folders of the graph, longest prefix first where they nest. */
const FOLDERS = [
  "metrics/runner",
  "metrics/report",
  "web/client",
  "web/protocol",
  "web/server",
  "spec",
  "core",
  "scenario-dsl",
  "providers",
  "agent-zoo",
  "bubbles",
  "metrics",
  "replay",
  "compose",
  "learning",
  "bench",
  "bridge",
  "cli",
  "web",
] as const;
type Folder = (typeof FOLDERS)[number];

/** Plug-in folders: they import `core` and spec data only, never each other. */
const PLUGIN: Folder[] = ["spec", "core"];
/** Entry points: they build environments through `compose`, and may use any folder but `cli`. */
const ENTRY: Folder[] = [
  "spec",
  "core",
  "scenario-dsl",
  "providers",
  "agent-zoo",
  "bubbles",
  "metrics",
  "replay",
  "compose",
  "learning",
  "bench",
  "metrics/runner",
  "metrics/report",
  "web",
  "web/server",
  "web/protocol",
];

/** What each folder may import besides itself (DESIGN.md §2). */
const ALLOWED: Record<Folder, readonly Folder[]> = {
  spec: [],
  core: ["spec"],
  "scenario-dsl": ["core", "spec"],
  providers: PLUGIN,
  "agent-zoo": PLUGIN,
  bubbles: PLUGIN,
  metrics: PLUGIN,
  replay: PLUGIN,
  compose: ["spec", "core", "scenario-dsl", "providers", "agent-zoo", "bubbles", "metrics", "replay"],
  learning: ENTRY,
  bench: ENTRY,
  bridge: ENTRY,
  "metrics/runner": ENTRY,
  "metrics/report": ENTRY,
  web: ENTRY,
  "web/server": ENTRY,
  "web/protocol": ["spec", "replay"],
  "web/client": ["replay", "web/protocol"],
  cli: [...ENTRY, "cli"],
};

/** Files that may be imported across the plug-in rule: the zoo may reuse the local traffic's driver model through its public module. */
const PUBLIC_EXCEPTIONS: Record<string, readonly string[]> = {
  "agent-zoo": ["providers/local/index.ts"],
};

function folderOf(file: string): Folder | undefined {
  return FOLDERS.find((f) => file === f || file.startsWith(`${f}/`));
}

function isTest(file: string): boolean {
  return (
    file.endsWith(".test.ts") ||
    file.startsWith("test/") ||
    /(^|\/)testing\.ts$/.test(file) ||
    /TestSupport\.ts$/.test(file)
  );
}

/** Relative module specifiers of a file (imports, re-exports, dynamic imports, worker URLs). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bnew URL\(\s*)(["'])(\.{1,2}\/[^"'\n]+)\1/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[2]);
  return out;
}

/** The project file a specifier names (`.js` in imports stands for the `.ts` source). */
function target(from: string, spec: string, files: ReadonlySet<string>): string | undefined {
  const path = normalize(join(dirname(from), spec));
  for (const candidate of [path, path.replace(/\.js$/, ".ts"), `${path}.ts`, join(path, "index.ts")])
    if (files.has(candidate)) return candidate;
  return undefined;
}

interface Edge {
  from: string;
  to: string;
}

function collect(): { files: string[]; edges: Edge[] } {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts"], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .split("\n")
    // Root files (vitest.config.ts) configure tools; they are no part of the folder graph.
    .filter((f) => f.includes("/") && !f.startsWith("node_modules/") && !f.startsWith("dist/"));
  const generated = ["scenario-dsl/generated/parser.ts"];
  const files = [...new Set([...listed, ...generated])].filter((f) => {
    try {
      readFileSync(join(ROOT, f));
      return true;
    } catch {
      return false;
    }
  });
  const set = new Set(files);
  const edges: Edge[] = [];
  for (const f of files) {
    for (const s of specifiers(readFileSync(join(ROOT, f), "utf8"))) {
      const to = target(f, s, set);
      if (to) edges.push({ from: f, to });
    }
  }
  return { files, edges };
}

/** Imports that break {@link ALLOWED}, as `from → to (why)`. */
function brokenImports(edges: readonly Edge[]): string[] {
  const broken: string[] = [];
  for (const { from, to } of edges) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (!a || !b || a === b) continue;
    if (isTest(from)) {
      if (b === "cli" && a !== "cli") broken.push(`${from} → ${to} (only the CLI imports cli/)`);
      continue;
    }
    if (ALLOWED[a].includes(b) || PUBLIC_EXCEPTIONS[a.split("/")[0]]?.includes(to)) continue;
    broken.push(`${from} → ${to} (${a} may import ${ALLOWED[a].join(", ") || "nothing of the project"})`);
  }
  return broken;
}

/** The cycles of the folder graph of `edges` (tests left out), each as `a → b → … → a`. */
function folderCycles(edges: readonly Edge[]): string[] {
  const graph = new Map<Folder, Set<Folder>>();
  for (const { from, to } of edges) {
    if (isTest(from)) continue;
    const a = folderOf(from);
    const b = folderOf(to);
    if (!a || !b || a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)!.add(b);
  }
  const state = new Map<Folder, "open" | "done">();
  const cycles: string[] = [];
  const visit = (f: Folder, path: Folder[]): void => {
    if (state.get(f) === "done") return;
    if (state.get(f) === "open") {
      cycles.push([...path.slice(path.indexOf(f)), f].join(" → "));
      return;
    }
    state.set(f, "open");
    for (const g of graph.get(f) ?? []) visit(g, [...path, f]);
    state.set(f, "done");
  };
  for (const f of FOLDERS) visit(f, []);
  return cycles;
}

const { files, edges } = collect();

describe("import rules (DESIGN.md §2)", () => {
  it("finds the project's files and imports", () => {
    expect(files.length).toBeGreaterThan(500);
    expect(edges.length).toBeGreaterThan(2000);
    for (const f of files) if (!isTest(f) && !f.endsWith(".d.ts")) expect(folderOf(f), f).toBeDefined();
  });

  it("each folder imports only the folders it may", () => {
    expect(brokenImports(edges)).toEqual([]);
  });

  it("the folder graph has no cycle", () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it("the env layer depends on the simulation, never the reverse: nothing else in core imports core/env", () => {
    const found = edges
      .filter(({ from }) => !isTest(from) && from.startsWith("core/") && !from.startsWith("core/env/"))
      .filter(({ to }) => to.startsWith("core/env/"))
      .map(({ from, to }) => `${from} → ${to}`);
    expect(found).toEqual([]);
  });

  it("only the composition root and core's own unit tests construct a simulation or an environment", () => {
    const found: string[] = [];
    for (const f of files) {
      if (isTest(f) || f.startsWith("core/") || f.startsWith("compose/")) continue;
      const text = readFileSync(join(ROOT, f), "utf8");
      for (const m of text.matchAll(/new (ParallelEnv|Simulation|RoadgymEnv|SingleAgentEnv)\(/g))
        found.push(`${f}: new ${m[1]}(…)`);
    }
    expect(found).toEqual([]);
  });

  it("names the file, the import and the rule of a broken one, and finds the cycle it closes", () => {
    const bad: Edge[] = [
      { from: "core/simulation/Simulation.ts", to: "providers/local/LocalTrafficProvider.ts" },
      { from: "providers/local/LocalTrafficProvider.ts", to: "core/simulation/TrafficProvider.ts" },
      { from: "bench/envBenchmark.ts", to: "cli/main.ts" },
      { from: "web/server/LiveRun.test.ts", to: "cli/main.ts" },
      { from: "agent-zoo/policies/IdmMobilPolicy.ts", to: "providers/local/index.ts" },
      { from: "agent-zoo/policies/IdmMobilPolicy.ts", to: "providers/local/Mobil.ts" },
    ];
    expect(brokenImports(bad)).toEqual([
      "core/simulation/Simulation.ts → providers/local/LocalTrafficProvider.ts (core may import spec)",
      `bench/envBenchmark.ts → cli/main.ts (bench may import ${ALLOWED.bench.join(", ")})`,
      "web/server/LiveRun.test.ts → cli/main.ts (only the CLI imports cli/)",
      "agent-zoo/policies/IdmMobilPolicy.ts → providers/local/Mobil.ts (agent-zoo may import spec, core)",
    ]);
    expect(folderCycles(bad)).toEqual(["core → providers → core"]);
    expect(
      specifiers(`import { X } from "../a.js";\nexport * from "./b.js";\nnew URL("./w.js", import.meta.url);`),
    ).toEqual(["../a.js", "./b.js", "./w.js"]);
  });
});
