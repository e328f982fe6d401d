/**
 * Records a run's traffic as a trajectory CSV (docs/trajectory-csv.md) — what `roadgym run
 * --trajectories <file.csv>` writes, and what the history provider replays (`history "<file.csv>"` in
 * a scenario's traffic). One row per traffic vehicle (driven by a traffic provider; agents and
 * social agents are left out) every `everyTicks` ticks: box centre, heading, speed, box size, type.
 * The file is created with the first frame; rows are written to it as frames arrive, so a run that
 * stops early keeps what it recorded.
 * A write that fails (disk full, quota, file-size limit) cuts the file back to its last whole sample,
 * closes it and throws an {@link OutputWriteError}; later frames are ignored.
 *
 * Values are rounded to what a recording needs and no more: positions and speeds to the millimetre
 * (per second), headings to 10⁻⁴ rad, times to the millisecond.
 */
import { closeSync, fstatSync, ftruncateSync, openSync, writeSync } from "node:fs";
import { checkWritableOutput, OutputWriteError } from "../../spec/OutputWriteError.js";
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
  private fd: number | null = null;
  /** Closed, or stopped by a failed write: nothing more is written. */
  private closed = false;
  /** Rows written so far. */
  rows = 0;
  /** Bytes of whole samples in the file. */
  private bytes = 0;

  /**
   * @param path the CSV file to write (replaced)
   * @param everyTicks record every this many ticks (1: every frame)
   * @throws OutputWriteError naming the file when it cannot be one (a missing folder, a folder)
   */
  constructor(
    readonly path: string,
    private readonly everyTicks = 1,
  ) {
    if (!Number.isInteger(everyTicks) || everyTicks < 1)
      throw new Error(`trajectory recording: everyTicks must be a whole number ≥ 1, not ${everyTicks}`);
    checkWritableOutput("the trajectories", path);
  }

  onFrame(f: SimFrame): void {
    if (this.closed || f.tick % this.everyTicks !== 0) return;
    if (this.fd === null) {
      try {
        this.fd = openSync(this.path, "w");
      } catch (e) {
        this.closed = true;
        throw OutputWriteError.of("the trajectories", this.path, e);
      }
      this.write(TRAJECTORY_CSV_COLUMNS.join(",") + "\n", 0);
    }
    const time = round(f.timeS, 3);
    let text = "";
    let rows = 0;
    for (let i = 0; i < f.count; i++) {
      if (f.roles[i] !== VehicleRoleCode.traffic) continue;
      text += `${csvField(f.ids[i])},${time},${round(f.x[i], 3)},${round(f.y[i], 3)},${round(f.headingRad[i], 4)},${round(f.speedMps[i], 3)},${round(2 * f.halfLength[i], 3)},${round(2 * f.halfWidth[i], 3)},${csvField(f.typeIds[i])}\n`;
      rows++;
    }
    if (text !== "") this.write(text, rows);
  }

  /** Appends `text` (`rows` rows); on failure cuts back to the last whole sample, closes and throws. */
  private write(text: string, rows: number): void {
    const buf = Buffer.from(text);
    let done = 0;
    try {
      while (done < buf.length) done += writeSync(this.fd!, buf, done, buf.length - done);
    } catch (e) {
      const fd = this.fd!;
      this.fd = null;
      this.closed = true;
      try {
        if (fstatSync(fd).isFile()) ftruncateSync(fd, this.bytes);
      } catch {
        // What was written stays: at worst a last row cut short.
      }
      closeSync(fd);
      throw OutputWriteError.of(
        "the trajectories",
        this.path,
        e,
        this.rows > 0 ? `the file keeps the ${this.rows} rows written before` : "no row was written",
      );
    }
    this.bytes += buf.length;
    this.rows += rows;
  }

  close(): void {
    this.closed = true;
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}
