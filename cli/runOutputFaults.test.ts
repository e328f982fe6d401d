/**
 * `roadgym run --record / --trajectories` when the output cannot be written, run as a user runs it
 * (the built CLI in a child process): on /dev/full (every write fails with ENOSPC), under a file-size
 * limit that stops the recording part way (`ulimit -f`: the disk "fills" mid-recording, EFBIG), and
 * on a real 48 KiB tmpfs that fills up (ENOSPC; where this machine lets a user namespace mount one).
 * Each time: exit 1, the summary printed, a one-line error naming the file and the reason, no
 * stack trace, and the replay closed and readable up to its last frame. A run that fails or is
 * killed leaves no empty replay file.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openReplayFile } from "../replay/FileByteSource.js";

const root = join(import.meta.dirname, "..");
const main = join(root, "dist/cli/main.js");

function sh(script: string) {
  return spawnSync("bash", ["-c", script], { cwd: root, encoding: "utf8", timeout: 120_000 });
}

/** The number of frames a replay reads back with (recovery allowed), or the error opening it. */
function framesIn(path: string): number {
  const { reader, close } = openReplayFile(path);
  try {
    let n = 0;
    for (const f of reader.frames()) {
      expect(f.ids.length).toBeGreaterThanOrEqual(0);
      n++;
    }
    expect(n).toBe(reader.frameCount);
    return n;
  } finally {
    close();
  }
}

describe("run --record / --trajectories when the output cannot be written", () => {
  const dir = mkdtempSync(join(tmpdir(), "roadgym-outfault-"));

  it("/dev/full: summary, a typed error, exit 1", () => {
    for (const flag of ["--record", "--trajectories"]) {
      const r = spawnSync(process.execPath, [main, "run", "scenarios/straight.scn", flag, "/dev/full"], {
        cwd: root,
        encoding: "utf8",
      });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/^straight \(seed 42\)\n {2}\d+ steps = /);
      const what = flag === "--record" ? "the replay" : "the trajectories";
      expect(r.stderr).toBe(
        `error: cannot write ${what} /dev/full: no space left on the device (ENOSPC); no ${flag === "--record" ? "frame" : "row"} was written\n`,
      );
    }
  });

  it("a file-size limit reached mid-recording: the summary, the error, a readable replay of the frames before", () => {
    const replay = join(dir, "limited.replay");
    const csv = join(dir, "limited.csv");
    // 40 KiB: the whole run's replay is ~64 KB, its trajectories ~38 KB.
    const r = sh(
      `ulimit -f 40; exec "${process.execPath}" "${main}" run scenarios/straight.scn --record "${replay}" --trajectories "${csv}" --json`,
    );
    expect(r.status, r.stderr).toBe(1);
    const summary = JSON.parse(r.stdout);
    expect(summary.outputError).toMatch(
      /^cannot write the replay .*limited\.replay: the file is too large \(a file-size limit was reached\) \(EFBIG\); it stops after \d+ frames \(tick \d+\) and reads back up to there$/,
    );
    expect(r.stderr).toBe(`error: ${summary.outputError}\n`);
    expect(summary.steps).toBeGreaterThan(50);
    expect(summary.steps).toBeLessThan(259);
    const [, frames, tick] = /after (\d+) frames \(tick (\d+)\)/.exec(summary.outputError)!.map(Number);
    expect(summary.replay.frames).toBe(frames);
    expect(framesIn(replay)).toBe(frames);
    expect(tick).toBe(frames - 1);
    expect(statSync(replay).size).toBeLessThanOrEqual(40 * 1024);
    expect(summary.trajectories.rows).toBeGreaterThan(0);
  });

  it("a run that fails before its first frame leaves no replay file", () => {
    const replay = join(dir, "failed.replay");
    const r = spawnSync(
      process.execPath,
      [main, "run", "scenarios/straight.scn", "--record", replay, "--variation", "nope"],
      { cwd: root, encoding: "utf8" },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/has no variations/);
    expect(existsSync(replay)).toBe(false);
  });

  it("a run killed at any moment leaves no replay, or a readable one — never an empty file", async () => {
    for (const delayMs of [50, 300, 600, 900, 1500]) {
      const replay = join(dir, `killed-${delayMs}.replay`);
      const child = spawn(process.execPath, [main, "run", "scenarios/minicity.scn", "--record", replay], {
        cwd: root,
        stdio: "ignore",
      });
      const exited = new Promise((ok) => child.on("exit", ok));
      await new Promise((ok) => setTimeout(ok, delayMs));
      child.kill("SIGKILL");
      await exited;
      if (existsSync(replay)) {
        expect(statSync(replay).size, `${delayMs} ms`).toBeGreaterThan(0);
        framesIn(replay);
      }
    }
  }, 60_000);

  const tmpfsProbe = sh("unshare -rm true");
  const tmpfs = tmpfsProbe.status === 0;
  if (!tmpfs)
    console.warn(`tmpfs case skipped: this machine does not allow "unshare -rm" (${tmpfsProbe.stderr.trim()})`);

  it.skipIf(!tmpfs)("a 48 KiB tmpfs filling up mid-recording: ENOSPC, the summary, a readable replay", () => {
    const mnt = join(dir, "mnt");
    const r = sh(
      `mkdir -p "${mnt}" && unshare -rm bash -c 'mount -t tmpfs -o size=48k tmpfs "${mnt}" && "${process.execPath}" "${main}" run scenarios/straight.scn --record "${mnt}/run.replay" --json; echo "exit $?" >&2; cp "${mnt}/run.replay" "${dir}/from-tmpfs.replay"'`,
    );
    expect(r.stderr).toMatch(/exit 1\n$/);
    const summary = JSON.parse(r.stdout);
    expect(summary.outputError).toMatch(
      /^cannot write the replay .*run\.replay: no space left on the device \(ENOSPC\); it stops after \d+ frames/,
    );
    expect(summary.replay.frames).toBeGreaterThan(10);
    expect(framesIn(join(dir, "from-tmpfs.replay"))).toBe(summary.replay.frames);
  });
});
