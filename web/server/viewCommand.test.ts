/**
 * `roadgym view`, `roadgym run --record` and `roadgym demo` as a user runs them: the built CLI
 * (`dist/`, which `npm test` builds first) in a child process, serving until interrupted.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const main = join(root, "dist/cli/main.js");

/** Starts `roadgym ...args`, waits for its `viewer: <url>` line; returns the url and a stopper. */
async function serving(
  args: string[],
): Promise<{ url: string; stdout: () => string; stderr: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [main, ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  const exited = new Promise<number | null>((ok) => child.on("exit", (code) => ok(code)));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`no viewer line after 60 s; stdout: ${out}; stderr: ${err}`)),
      60_000,
    );
    const check = () => {
      const m = /^viewer: (http:\/\/127\.0\.0\.1:\d+\/(?:\?token=[\w-]+)?)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    };
    child.stdout.on("data", check);
    void exited.then((code) => fail(new Error(`exited with ${code} before serving; stdout: ${out}; stderr: ${err}`)));
  });
  return {
    url,
    stdout: () => out,
    stderr: () => err,
    stop: async () => {
      child.kill("SIGINT");
      return exited;
    },
  };
}

describe("roadgym view / run --record / demo", () => {
  it("records a run and serves it; stops cleanly on Ctrl-C", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-view-cli-"));
    const replay = join(dir, "two_way.replay");
    const run = spawnSync(
      process.execPath,
      [main, "run", "scenarios/paper-two_way.scn", "--record", replay, "--json"],
      { cwd: root, encoding: "utf8" },
    );
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.replay).toMatchObject({ path: replay, frames: summary.steps + 1 });
    expect(summary.replay.bytesPerVehicleFrame).toBeGreaterThan(0);
    const v = await serving(["view", replay, "--port", "0"]);
    try {
      const list = await (await fetch(new URL("api/replays", v.url))).json();
      expect(list).toEqual({ replays: ["two_way.replay"] });
      const raw = Buffer.from(await (await fetch(new URL("replays/two_way.replay", v.url))).arrayBuffer());
      expect(raw.equals(readFileSync(replay))).toBe(true);
      const page = await fetch(v.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("roadgym viewer");
    } finally {
      expect(await v.stop()).toBe(0);
    }
  }, 120_000);

  it("runs a scenario live, paused or playing as asked", async () => {
    const v = await serving(["view", "scenarios/intersection.scn", "--port", "0", "--seed", "2"]);
    await expect.poll(() => v.stdout()).toContain("scenarios/intersection.scn live (paused; press play)");
    expect(await v.stop()).toBe(0);
    const playing = await serving(["view", "scenarios/intersection.scn", "--port", "0", "--play"]);
    await expect.poll(() => playing.stdout()).toContain("scenarios/intersection.scn live (playing)");
    expect(await playing.stop()).toBe(0);
  }, 120_000);

  it("bound to every interface, warns, says so and requires the printed token", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-view-cli-"));
    const replay = join(dir, "r.replay");
    const run = spawnSync(
      process.execPath,
      [main, "run", "scenarios/straight.scn", "--steps", "5", "--record", replay],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const v = await serving(["view", replay, "--port", "0", "--host", "0.0.0.0"]);
    try {
      const token = new URL(v.url).searchParams.get("token")!;
      expect(token).toMatch(/^[\w-]{24}$/);
      await expect.poll(() => v.stdout()).toMatch(/^ {2}showing .*r\.replay; Ctrl-C to stop$/m);
      expect(v.stdout()).toMatch(/^ {2}listening on 0\.0\.0\.0:\d+/m);
      expect(v.stderr()).toMatch(/^warning: the viewer listens on 0\.0\.0\.0:\d+, beyond this machine/m);
      expect((await fetch(new URL("api/replays", v.url.replace(/\?.*$/, "")))).status).toBe(401);
      expect(await (await fetch(new URL(`api/replays?token=${token}`, v.url))).json()).toEqual({
        replays: ["r.replay"],
      });
    } finally {
      expect(await v.stop()).toBe(0);
    }
  }, 120_000);

  it("refuses bad targets and flags with a clear message", () => {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-view-cli-"));
    const junk = join(dir, "junk.replay");
    writeFileSync(junk, "not a replay");
    const cases: [string[], number, RegExp][] = [
      [["view", junk], 1, /junk\.replay: not a roadgym replay/],
      [["view", join(dir, "missing.replay")], 1, /ENOENT.*missing\.replay/],
      [["view", dir], 1, /expected a replay file \(\.replay\) or a scenario \(\.scn\)/],
      [["view", junk, "--port", "70000"], 2, /expected a port number 0–65535/],
      [["view", junk, "--token", "short"], 2, /an access token must be 16–256 characters/],
      [["view", junk, "--message-rate", "0"], 2, /expected a positive number/],
      [["view", "scenarios/nope.scn"], 1, /nope\.scn/],
    ];
    for (const [args, code, message] of cases) {
      const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: "utf8" });
      expect(r.status, args.join(" ")).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toContain("internal error");
    }
  });

  it("demo records the built-in scenario and serves it (what npm start runs)", async () => {
    const out = mkdtempSync(join(tmpdir(), "roadgym-demo-"));
    const v = await serving(["demo", "--out", out, "--port", "0", "--steps", "20"]);
    try {
      await expect.poll(() => v.stdout()).toMatch(/demo\.replay \(replay, \d+ frames/);
      expect(await (await fetch(new URL("api/replays", v.url))).json()).toEqual({ replays: ["demo.replay"] });
    } finally {
      expect(await v.stop()).toBe(0);
    }
  }, 120_000);
});
