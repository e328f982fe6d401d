/**
 * The Python package's tests (python/tests, pytest) as part of `npm test`: PettingZoo's and
 * Gymnasium's own API tests on every example scenario, Python against TypeScript observations, the
 * failure cases, the vector env and one Ray test. They run with the Python of `ROADGYM_PYTHON`, else
 * this checkout's `.venv` (what .ci/run makes), else `python3`; without numpy, gymnasium,
 * pettingzoo and pytest they are skipped with a message — except in CI (`CI` set), where that fails.
 * pytest finding no test (exit 5) fails too.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const python =
  process.env.ROADGYM_PYTHON ??
  (existsSync(join(ROOT, ".venv/bin/python")) ? join(ROOT, ".venv/bin/python") : "python3");

/** Why the Python tests cannot run here, or undefined when they can. */
function missing(): string | undefined {
  try {
    execFileSync(python, ["-c", "import numpy, gymnasium, pettingzoo, pytest"], { stdio: "pipe" });
    return undefined;
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    const why = err.stderr?.toString().trim().split("\n").pop() ?? err.message;
    return `${python} cannot import the Python test dependencies (${why}); install them with: ${python} -m pip install numpy gymnasium pettingzoo pytest ray ./python`;
  }
}

const why = missing();
if (why && process.env.CI) throw new Error(`CI: ${why}`);
if (why) console.warn(`python/tests skipped: ${why}`);

describe.skipIf(why !== undefined)("the Python package (pytest python/tests)", () => {
  it("passes its tests", { timeout: 30 * 60_000 }, () => {
    const r = spawnSync(python, ["-m", "pytest", "python/tests", "-q", "-p", "no:cacheprovider", "-W", "ignore"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, PYTHONPATH: join(ROOT, "python"), ROADGYM_NODE_ENTRY: ROOT },
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${r.stdout}${r.stderr}`;
    const summary = output.trim().split("\n").pop() ?? "";
    console.log(`python/tests: ${summary}`);
    if (r.status === 5) throw new Error(`pytest collected no tests:\n${output}`);
    expect(r.status, output.slice(-20_000)).toBe(0);
    expect(summary).toMatch(/\d+ passed/);
  });
});
