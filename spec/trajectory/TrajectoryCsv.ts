/**
 * roadgym's trajectory CSV (docs/trajectory-csv.md): one row per vehicle and sample time, with the
 * header `id,time,x,y,heading,speed,length,width,type`, in our frame and SI units. The importers for
 * public datasets convert to what this format holds; {@link formatTrajectoryCsv} writes it.
 *
 * Rules, each a located error (`traffic.csv:17:12: error: column "speed": "abc" is not a number`):
 * the nine columns present (any order; other columns ignored; names case-insensitive), numbers
 * finite decimals, time ≥ 0, length and width > 0, id and type non-empty, a vehicle's type, length
 * and width the same on all its rows, no two rows of one vehicle at the same time. Rows may come in
 * any order. Headings are wrapped to (−π, π].
 */
import { readCsvTable, type CsvRow } from "./CsvTable.js";
import { TrackBuilder, type TrackRow } from "./TrackBuilder.js";
import { TrajectorySet } from "./TrajectorySet.js";
import { SAMPLE_HEADING, SAMPLE_SPEED, SAMPLE_STRIDE, SAMPLE_T, SAMPLE_X, SAMPLE_Y } from "./TrajectoryTrack.js";

/** The columns of the format, in the order {@link formatTrajectoryCsv} writes them. */
export const TRAJECTORY_CSV_COLUMNS = ["id", "time", "x", "y", "heading", "speed", "length", "width", "type"] as const;

/**
 * Reads a trajectory CSV.
 * @param text the file's contents
 * @param file path used in error messages
 * @throws FileFormatError (`file:line:col`) for any broken rule (see the file comment)
 */
export function parseTrajectoryCsv(text: string, file: string): TrajectorySet {
  const builder = new TrackBuilder(file, { time: "time", type: "type", length: "length", width: "width" });
  const r: TrackRow = { id: "", type: "", lengthM: 0, widthM: 0, timeS: 0, xM: 0, yM: 0, headingRad: 0, speedMps: 0 };
  readCsvTable(text, file, { required: TRAJECTORY_CSV_COLUMNS }, (row) => {
    r.id = nonEmpty(row, "id", "a vehicle id");
    r.timeS = row.number("time");
    if (r.timeS < 0) row.fail("time", `"${row.text("time")}" is negative (times are ≥ 0 s)`);
    r.xM = row.coordinate("x");
    r.yM = row.coordinate("y");
    r.headingRad = row.number("heading");
    r.speedMps = row.number("speed");
    r.lengthM = positive(row, "length");
    r.widthM = positive(row, "width");
    r.type = nonEmpty(row, "type", "a vehicle type");
    builder.add(r, row);
  });
  return new TrajectorySet(builder.build());
}

/**
 * Writes `set` as a trajectory CSV: the header, then each vehicle's samples in time order, vehicles
 * in id order. Numbers are written in JavaScript's shortest round-trip form, so reading the text back
 * gives the same numbers back.
 */
export function formatTrajectoryCsv(set: TrajectorySet): string {
  const lines = [TRAJECTORY_CSV_COLUMNS.join(",")];
  for (const id of set.vehicleIds()) {
    const t = set.track(id);
    const tail = `${t.lengthM},${t.widthM},${csvField(t.type)}`;
    const head = csvField(id);
    const s = t.samples;
    for (let k = 0; k < s.length; k += SAMPLE_STRIDE) {
      lines.push(
        `${head},${s[k + SAMPLE_T]},${s[k + SAMPLE_X]},${s[k + SAMPLE_Y]},${s[k + SAMPLE_HEADING]},${s[k + SAMPLE_SPEED]},${tail}`,
      );
    }
  }
  return lines.join("\n") + "\n";
}

/** `value` as one CSV field, quoted when it would otherwise not read back the same. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function nonEmpty(row: CsvRow, name: string, what: string): string {
  const s = row.text(name);
  if (s === "") row.fail(name, `empty (every row needs ${what})`);
  return s;
}

function positive(row: CsvRow, name: string): number {
  const x = row.number(name);
  if (!(x > 0)) row.fail(name, `"${row.text(name)}" is not positive`);
  return x;
}
