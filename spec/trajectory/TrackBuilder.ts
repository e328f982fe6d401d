/**
 * Collects trajectory rows in file order and groups them into {@link TrajectoryTrack}s: one per id,
 * samples sorted by time. Shared by every reader so that they agree on what is an error:
 * - a vehicle whose type, length or width changes between rows (located at the later row, naming
 *   the line of the vehicle's first row);
 * - two samples of one vehicle at the same time (located at the later line, naming both).
 * Rows of different vehicles may interleave, and a vehicle's rows need not be in time order.
 */
import { FileFormatError } from "../FileFormatError.js";
import { wrapAngleRad } from "../wrapAngleRad.js";
import type { CsvRow } from "./CsvTable.js";
import {
  SAMPLE_HEADING,
  SAMPLE_SPEED,
  SAMPLE_STRIDE,
  SAMPLE_T,
  SAMPLE_X,
  SAMPLE_Y,
  type TrajectoryTrack,
} from "./TrajectoryTrack.js";

/** The reader's names of the columns a {@link TrackBuilder} reports errors at. */
export interface TrackColumns {
  /** Column holding the sample time (`time`, `Frame_ID`, `timestamp_ms`). */
  readonly time: string;
  /** Column holding the vehicle type. */
  readonly type: string;
  /** Column holding the length. */
  readonly length: string;
  /** Column holding the width. */
  readonly width: string;
}

/** One row, converted to our units and frame (reused by readers as a scratch object). */
export interface TrackRow {
  id: string;
  /** Vehicle type name. */
  type: string;
  /** m */
  lengthM: number;
  /** m */
  widthM: number;
  /** s, ≥ 0 */
  timeS: number;
  /** Box centre, east (m). */
  xM: number;
  /** Box centre, north (m). */
  yM: number;
  /** Counter-clockwise from east (rad), any value (wrapped here); NaN when the reader fills it later. */
  headingRad: number;
  /** m/s */
  speedMps: number;
}

/** Per sample while collecting: t, x, y, heading, speed, then the line and column of the time field. */
const RAW_STRIDE = 7;
const RAW_LINE = 5;
const RAW_COL = 6;

interface PendingTrack {
  readonly id: string;
  readonly type: string;
  readonly lengthM: number;
  readonly widthM: number;
  /** Line of the vehicle's first row, and that row's texts, for the "changed" message. */
  readonly line: number;
  readonly typeText: string;
  readonly lengthText: string;
  readonly widthText: string;
  readonly raw: number[];
}

/** Groups rows into tracks; see the file comment for the errors it reports. */
export class TrackBuilder {
  private readonly file: string;
  private readonly columns: TrackColumns;
  private readonly pending = new Map<string, PendingTrack>();

  /**
   * @param file path used in error messages
   * @param columns the reader's column names, for locating errors
   */
  constructor(file: string, columns: TrackColumns) {
    this.file = file;
    this.columns = columns;
  }

  /** Adds `r`, read from `row` (which locates errors); throws if the vehicle's type or size changed. */
  add(r: TrackRow, row: CsvRow): void {
    const c = this.columns;
    let track = this.pending.get(r.id);
    if (track === undefined) {
      track = {
        id: r.id,
        type: r.type,
        lengthM: r.lengthM,
        widthM: r.widthM,
        line: row.line,
        typeText: textOf(row, c.type),
        lengthText: textOf(row, c.length),
        widthText: textOf(row, c.width),
        raw: [],
      };
      this.pending.set(r.id, track);
    } else {
      const first = track;
      const changed = (name: string, was: string): never =>
        row.fail(
          row.has(name) ? name : c.type,
          `vehicle "${r.id}" has "${textOf(row, name)}" here but "${was}" on line ${first.line} (a vehicle's type, length and width must not change)`,
        );
      if (r.type !== track.type) changed(c.type, track.typeText);
      if (r.lengthM !== track.lengthM) changed(c.length, track.lengthText);
      if (r.widthM !== track.widthM) changed(c.width, track.widthText);
    }
    track.raw.push(r.timeS, r.xM, r.yM, r.headingRad, r.speedMps, row.lineOf(c.time), row.colOf(c.time));
  }

  /** The tracks, in order of first appearance; throws a FileFormatError if a vehicle has two samples at one time. */
  build(): TrajectoryTrack[] {
    return [...this.pending.values()].map((p) => {
      const raw = p.raw;
      const n = raw.length / RAW_STRIDE;
      const order = Array.from({ length: n }, (_, k) => k * RAW_STRIDE);
      order.sort((a, b) => raw[a] - raw[b] || raw[a + RAW_LINE] - raw[b + RAW_LINE]);
      const samples = new Float64Array(n * SAMPLE_STRIDE);
      for (let k = 0; k < n; k++) {
        const r = order[k];
        if (k > 0 && raw[r] === raw[order[k - 1]]) {
          const line = raw[r + RAW_LINE];
          throw new FileFormatError(
            this.file,
            `vehicle "${p.id}" has two samples at ${raw[r]} s: lines ${raw[order[k - 1] + RAW_LINE]} and ${line}`,
            line,
            raw[r + RAW_COL],
          );
        }
        const s = k * SAMPLE_STRIDE;
        samples[s + SAMPLE_T] = raw[r];
        samples[s + SAMPLE_X] = raw[r + 1];
        samples[s + SAMPLE_Y] = raw[r + 2];
        samples[s + SAMPLE_HEADING] = wrapAngleRad(raw[r + 3]); // NaN stays NaN
        samples[s + SAMPLE_SPEED] = raw[r + 4];
      }
      return { id: p.id, type: p.type, lengthM: p.lengthM, widthM: p.widthM, samples };
    });
  }
}

/** The text of column `name`, or "" when the file has no such column (a reader's default applies). */
function textOf(row: CsvRow, name: string): string {
  return row.has(name) ? row.text(name) : "";
}
