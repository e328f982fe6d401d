/**
 * Reads NGSIM vehicle trajectories (US-101, I-80, Lankershim, Peachtree) from the CSV with a header
 * that data.transportation.gov publishes, into a {@link TrajectorySet}. The original headerless,
 * space-separated `trajectories-*.txt` files are not read: add a header line first.
 *
 * Columns read (names case-insensitive; all others, e.g. Global_Time, Global_X/Y, Lane_ID, ignored):
 * | NGSIM | meaning | ours |
 * |---|---|---|
 * | Vehicle_ID | whole number | id (`<Location>-<Vehicle_ID>` when a Location column is present, since the combined file reuses ids across sites) |
 * | Frame_ID | whole number, 10 frames per second | time = Frame_ID / 10 s, not shifted, so files of one site line up |
 * | Local_X | ft, lateral, from the left edge of the section, increasing to the right | y = −Local_X · 0.3048 m |
 * | Local_Y | ft, longitudinal, from the entry edge, increasing in the direction of travel | x = Local_Y · 0.3048 m |
 * | v_Length, v_Width | ft | length, width · 0.3048 m |
 * | v_Class | 1 motorcycle, 2 auto, 3 truck (heavy vehicles, buses included) | type motorcycle, passenger, truck |
 * | v_Vel | ft/s | speed · 0.3048 m/s |
 *
 * The axis mapping is a rotation (no mirror): the road runs east, heading 0 is the direction of
 * travel, lanes further left have larger y, as lane 0 being the rightmost expects.
 *
 * NGSIM has no heading: it is derived from successive positions ({@link fillMissingHeadings}; a
 * vehicle that never moves faces along the road, heading 0). NGSIM's (Local_X, Local_Y) is the
 * front centre of the vehicle; it is moved back by half the length along the heading to the box
 * centre, which is what our poses are.
 */
import { fillMissingHeadings } from "./fillMissingHeadings.js";
import { readCsvTable } from "./CsvTable.js";
import { TrackBuilder, type TrackRow } from "./TrackBuilder.js";
import { TrajectorySet } from "./TrajectorySet.js";
import { SAMPLE_HEADING, SAMPLE_STRIDE, SAMPLE_X, SAMPLE_Y } from "./TrajectoryTrack.js";

/** Metres per international foot. */
export const FOOT_M = 0.3048;

/** NGSIM frames per second. */
export const NGSIM_FRAMES_PER_S = 10;

/** Our vehicle type for each NGSIM `v_Class`. */
export const NGSIM_VEHICLE_CLASSES: Readonly<Record<number, string>> = Object.freeze({
  1: "motorcycle",
  2: "passenger",
  3: "truck",
});

const REQUIRED = ["Vehicle_ID", "Frame_ID", "Local_X", "Local_Y", "v_Length", "v_Width", "v_Class", "v_Vel"] as const;

/**
 * Reads an NGSIM trajectory CSV.
 * @param text the file's contents
 * @param file path used in error messages
 * @throws FileFormatError (`file:line:col`) for a missing column, a value that is not a number (or
 *   not a whole number for Vehicle_ID, Frame_ID, v_Class), a negative Frame_ID, a non-positive size,
 *   an unknown v_Class, a vehicle whose class or size changes, two rows of a vehicle in one frame
 */
export function importNgsim(text: string, file: string): TrajectorySet {
  const builder = new TrackBuilder(file, { time: "Frame_ID", type: "v_Class", length: "v_Length", width: "v_Width" });
  const r: TrackRow = { id: "", type: "", lengthM: 0, widthM: 0, timeS: 0, xM: 0, yM: 0, headingRad: NaN, speedMps: 0 };
  readCsvTable(text, file, { required: REQUIRED, optional: ["Location"] }, (row) => {
    const vehicle = row.integer("Vehicle_ID");
    const location = row.has("Location") ? row.text("Location") : "";
    r.id = location === "" ? String(vehicle) : `${location}-${vehicle}`;
    const frame = row.integer("Frame_ID");
    if (frame < 0) row.fail("Frame_ID", `"${row.text("Frame_ID")}" is negative`);
    r.timeS = frame / NGSIM_FRAMES_PER_S;
    r.xM = row.coordinate("Local_Y", FOOT_M);
    r.yM = -row.coordinate("Local_X", FOOT_M);
    r.lengthM = row.number("v_Length") * FOOT_M;
    if (!(r.lengthM > 0)) row.fail("v_Length", `"${row.text("v_Length")}" is not positive`);
    r.widthM = row.number("v_Width") * FOOT_M;
    if (!(r.widthM > 0)) row.fail("v_Width", `"${row.text("v_Width")}" is not positive`);
    const type = NGSIM_VEHICLE_CLASSES[row.integer("v_Class")];
    if (type === undefined)
      row.fail("v_Class", `"${row.text("v_Class")}" is not 1 (motorcycle), 2 (auto) or 3 (truck)`);
    r.type = type;
    r.speedMps = row.number("v_Vel") * FOOT_M;
    builder.add(r, row);
  });
  const tracks = builder.build();
  for (const t of tracks) {
    const s = t.samples;
    fillMissingHeadings(s, 0);
    // Front centre → box centre.
    const half = t.lengthM / 2;
    for (let k = 0; k < s.length; k += SAMPLE_STRIDE) {
      s[k + SAMPLE_X] -= half * Math.cos(s[k + SAMPLE_HEADING]);
      s[k + SAMPLE_Y] -= half * Math.sin(s[k + SAMPLE_HEADING]);
    }
  }
  return new TrajectorySet(tracks);
}
