/**
 * The package as a user gets it: `npm pack` (of the build `npm test` just made), installed into a
 * scratch project — the tarball unpacked as `node_modules/roadgym`, its declared dependencies (and
 * nothing else) linked in from this repository's `node_modules`, so it needs no registry and a
 * dependency missing from package.json fails — then a strict TypeScript program doing
 * `import { makeEnv } from "roadgym"` (consumer.ts) is compiled against the package's declaration
 * files and run: a random-action episode with traffic, a social agent and a bubble.
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string;
  dependencies: Record<string, string>;
};
let scratch = "";

/** Runs a command, returning stdout; a failure throws with its output. */
function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${err.stdout ?? ""}${err.stderr ?? ""}${err.message}`, {
      cause: e,
    });
  }
}

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "index.d.ts"))) throw new Error("build first: npm run build (npm test does)");
  scratch = mkdtempSync(join(tmpdir(), "roadgym-package-"));
  const packed = run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", scratch], ROOT).trim();
  const modules = join(scratch, "node_modules");
  mkdirSync(join(modules, "roadgym"), { recursive: true });
  run(
    "tar",
    ["xzf", join(scratch, packed.split("\n").pop()!), "--strip-components=1", "-C", join(modules, "roadgym")],
    scratch,
  );
  for (const dep of [...Object.keys(pkg.dependencies), "@types/node"]) {
    mkdirSync(dirname(join(modules, dep)), { recursive: true });
    symlinkSync(join(ROOT, "node_modules", dep), join(modules, dep), "dir");
  }
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "scratch", private: true, type: "module" }));
  writeFileSync(
    join(scratch, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        types: ["node"],
        // Dependencies' own declarations (tfjs) do not pass every strict flag; ours are checked where the program uses them.
        skipLibCheck: true,
        outDir: "out",
      },
      files: ["main.ts"],
    }),
  );
  cpSync(join(import.meta.dirname, "consumer.ts"), join(scratch, "main.ts"));
  cpSync(join(import.meta.dirname, "consumer.scn"), join(scratch, "consumer.scn"));
}, 180_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("the roadgym package", () => {
  it("holds the build, its declarations and the data the runtime reads, and nothing of the sources", () => {
    const root = join(scratch, "node_modules", "roadgym");
    for (const f of [
      "dist/index.js",
      "dist/index.d.ts",
      "dist/cli/main.js",
      "scenarios/paper-intersection-sv.scn",
      "maps/smarts",
      "metrics/suites/paper.json",
      "web/dist/index.html",
    ])
      expect(existsSync(join(root, f)), f).toBe(true);
    expect(readdirSync(root).sort()).toEqual([
      "README.md",
      "bench",
      "dist",
      "maps",
      "metrics",
      "package.json",
      "scenarios",
      "web",
    ]);
    expect(existsSync(join(root, "dist/compose/makeEnv.test.js"))).toBe(false);
  });

  it('compiles a strict program importing makeEnv from "roadgym" and runs a random-action episode', () => {
    run(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], scratch);
    const out = run(process.execPath, [join("out", "main.js"), "consumer.scn"], scratch);
    const summary = JSON.parse(out.trim().split("\n").pop()!) as Record<string, unknown>;
    // 25 s at 0.1 s: the agent cannot end its episode early, the scenario's duration ends it.
    expect(summary).toMatchObject({
      steps: 250,
      owners: ["agent", "local", "social"],
      rewardFinite: true,
      named: true,
    });
    expect(summary.bubbleEvents).toBeGreaterThan(4);
  }, 120_000);

  it("refuses a deep import: only the root entry is public", () => {
    writeFileSync(join(scratch, "deep.mjs"), `await import("roadgym/dist/compose/makeEnv.js");\n`);
    expect(() => run(process.execPath, ["deep.mjs"], scratch)).toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });
});
