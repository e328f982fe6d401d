/**
 * Fuzzing: seeded mutations of the example scenarios (deletions, duplications, swaps, random tokens)
 * must compile or give diagnostics — never throw, never hit an internal compiler error.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MapCache } from "./CompileContext.js";
import { compileScenario } from "./compileScenario.js";
import { formatDiagnostics } from "./Diagnostic.js";

/** Small seeded PRNG (mulberry32): deterministic mutations, so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  "{",
  "}",
  "(",
  ")",
  ",",
  ":",
  "@",
  "->",
  '"',
  "//",
  "/*",
  "*/",
  "\n",
  " ",
  "-",
  "0",
  "-1",
  "1e999",
  "3.5",
  "10 m",
  "5 km/h",
  "2 s",
  "0.5 veh/h",
  "90 deg",
  "%",
  "random",
  "end",
  "on",
  "off",
  "flow",
  "trip",
  "agent",
  "social",
  "bubble",
  "traffic",
  "variations",
  "sweep",
  "map",
  "sumo",
  "zone",
  "road",
  "box",
  "polygon",
  "follow",
  "actor",
  "zoo",
  "mission",
  "endless",
  "route",
  "rate",
  "probability",
  "drivers",
  "{ a: 1 }",
  "normal(1, 2)",
  "uniform(",
  "choice()",
  '"x@v1"',
  "main:0@5",
  "gneE5:9@1000",
  "(1 m, 2 m)",
  "limits { hijack 1 }",
  "observe { lidar }",
  "done { goal off }",
  "seed",
  "duration 0 s",
];

const dir = "scenarios";
// minicity's 2 MB map is left out: it would dominate the run time without adding syntax.
const sources = readdirSync(dir)
  .filter((f) => f.endsWith(".scn") && f !== "minicity.scn")
  .sort()
  .map((f) => ({ file: join(dir, f), text: readFileSync(join(dir, f), "utf8") }));

function mutate(text: string, r: () => number): string {
  const pick = (n: number) => Math.floor(r() * n);
  const edits = 1 + pick(3);
  let t = text;
  for (let e = 0; e < edits; e++) {
    const i = pick(t.length + 1);
    const j = Math.min(t.length, i + 1 + pick(40));
    switch (pick(5)) {
      case 0: // delete a span
        t = t.slice(0, i) + t.slice(j);
        break;
      case 1: // duplicate a span
        t = t.slice(0, j) + t.slice(i, j) + t.slice(j);
        break;
      case 2: {
        // swap two lines
        const lines = t.split("\n");
        const a = pick(lines.length);
        const b = pick(lines.length);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        t = lines.join("\n");
        break;
      }
      case 3: // insert a token
        t = t.slice(0, i) + " " + TOKENS[pick(TOKENS.length)] + " " + t.slice(i);
        break;
      default: // replace a word by a token
        t = t.slice(0, i) + t.slice(i).replace(/^[^\s]*\w+/, TOKENS[pick(TOKENS.length)]);
    }
  }
  return t;
}

describe("fuzzing the compiler", () => {
  it("answers every mutation with a scenario or diagnostics", () => {
    const mapCache: MapCache = new Map();
    const readCache = new Map<string, string>();
    const readFile = (p: string) => {
      let text = readCache.get(p);
      if (text === undefined) {
        text = readFileSync(p, "utf8");
        readCache.set(p, text);
      }
      return text;
    };
    const r = rng(20240607);
    let ok = 0;
    let failed = 0;
    const N = 3000;
    for (let n = 0; n < N; n++) {
      const src = sources[n % sources.length];
      const text = mutate(src.text, r);
      let result;
      try {
        result = compileScenario(text, src.file, { readFile, mapCache });
      } catch (e) {
        throw new Error(`mutation ${n} of ${src.file} threw ${(e as Error).stack}\n--- source ---\n${text}`, {
          cause: e,
        });
      }
      if (result.ok) ok++;
      else {
        failed++;
        expect(result.diagnostics.length).toBeGreaterThan(0);
        const internal = result.diagnostics.find((d) => d.message.includes("internal compiler error"));
        if (internal)
          throw new Error(
            `mutation ${n} of ${src.file}: ${formatDiagnostics([internal], text)}\n--- source ---\n${text}`,
          );
        // Formatting never throws either.
        formatDiagnostics(result.diagnostics, text);
      }
    }
    expect(ok + failed).toBe(N);
    expect(failed).toBeGreaterThan(N / 4); // the mutations do break things
  });
});
