/**
 * Records a run's traffic as a trajectory CSV (docs/trajectory-csv.md) — what `roadgym run
 * --trajectories <file.csv>` writes, and what the history provider replays (`history "<file.csv>"` in
 * a scenario's traffic). One row per traffic vehicle (driven by a traffic provider; agents and
 * social agents are left out) every `everyTicks` ticks: box centre, heading, speed, box size, type.
 * Rows are written to the file as frames arrive, so a run that stops early keeps what it recorded.
 *
 * Values are rounded to what a recording needs and no more: positions and speeds to the millimetre
 * (per second), headings to 10⁻⁴ rad, times to the millisecond.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import type { FrameSink } from "../../core/simulation/FrameSink.js";
import type { SimFrame } from "../../core/simulation/SimFrame.js";
import { VehicleRoleCode } from "../../core/sensors/VehicleRoleCode.js";
import { csvField, TRAJECTORY_CSV_COLUMNS } from "../../spec/trajectory/TrajectoryCsv.js";

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r; // no "-0"
};

export class TrajectoryCsvSink implements FrameSink {
  private fd: number | null;
  /** Rows written so far. */
  rows = 0;

  /**
   * @param path the CSV file to write (replaced)
   * @param everyTicks record every this many ticks (1: every frame)
   * @throws Error naming the file when it cannot be created
   */
  constructor(
    readonly path: string,
    private readonly everyTicks = 1,
  ) {
    if (!Number.isInteger(everyTicks) || everyTicks < 1)
      throw new Error(`trajectory recording: everyTicks must be a whole number ≥ 1, not ${everyTicks}`);
    try {
      this.fd = openSync(path, "w");
    } catch (e) {
      throw new Error(`cannot write trajectories to ${path}: ${(e as Error).message}`, { cause: e });
    }
    writeSync(this.fd, TRAJECTORY_CSV_COLUMNS.join(",") + "\n");
  }

  onFrame(f: SimFrame): void {
    if (this.fd === null || f.tick % this.everyTicks !== 0) return;
    const time = round(f.timeS, 3);
    let text = "";
    for (let i = 0; i < f.count; i++) {
      if (f.roles[i] !== VehicleRoleCode.traffic) continue;
      text += `${csvField(f.ids[i])},${time},${round(f.x[i], 3)},${round(f.y[i], 3)},${round(f.headingRad[i], 4)},${round(f.speedMps[i], 3)},${round(2 * f.halfLength[i], 3)},${round(2 * f.halfWidth[i], 3)},${csvField(f.typeIds[i])}\n`;
      this.rows++;
    }
    if (text !== "") writeSync(this.fd, text);
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}
