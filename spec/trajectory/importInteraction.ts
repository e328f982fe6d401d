/**
 * Reads INTERACTION dataset tracks into a {@link TrajectorySet}: the recorded files
 * (`vehicle_tracks_000.csv`, `pedestrian_tracks_000.csv`) and the prediction-challenge case files
 * (`*_train.csv`, `*_val.csv`, with a `case_id` column). Positions are already in metres in the
 * map's frame (x east, y north), box centres, like ours.
 *
 * Columns read (names case-insensitive; `frame_id` and others ignored):
 * | INTERACTION | ours |
 * |---|---|
 * | case_id (optional), track_id | id: `<case_id>-<track_id>`, or `<track_id>` without case_id; whole numbers written as integers (`1.0` → `1`), others as they are (pedestrians' `P1`) |
 * | timestamp_ms | time = timestamp_ms / 1000 s (not shifted) |
 * | x, y (m) | x, y |
 * | vx, vy (m/s) | speed = hypot(vx, vy) |
 * | psi_rad (optional) | heading |
 * | length, width (m, optional) | length, width |
 * | agent_type | type, see {@link INTERACTION_AGENT_TYPES}; other names are kept as they are |
 *
 * Pedestrian and cyclist rows leave psi_rad, length and width empty. Their heading is then the
 * direction of (vx, vy) when moving at least {@link MIN_HEADING_SPEED_MPS}, else from positions as
 * {@link fillMissingHeadings} does (0 for an agent that never moves); their size is the built-in
 * vehicle type's.
 *
 * A case file holds many independent 4-second scenes on one map with overlapping times; replaying
 * all of them at once would stack their vehicles, so a provider should pick one case by the id prefix.
 */
import { vehicleTypes, isBuiltinVehicleTypeId } from "../vehicleTypes.js";
import { readCsvTable, type CsvRow } from "./CsvTable.js";
import { fillMissingHeadings } from "./fillMissingHeadings.js";
import { TrackBuilder, type TrackRow } from "./TrackBuilder.js";
import { TrajectorySet } from "./TrajectorySet.js";

/** Our vehicle type for each INTERACTION `agent_type`. */
export const INTERACTION_AGENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  car: "passenger",
  truck: "truck",
  bus: "bus",
  motorcycle: "motorcycle",
  "pedestrian/bicycle": "pedestrian",
  pedestrian: "pedestrian",
});

/** Slowest speed (m/s) whose velocity direction is taken as the heading when psi_rad is empty. */
export const MIN_HEADING_SPEED_MPS = 0.1;

const REQUIRED = ["track_id", "timestamp_ms", "agent_type", "x", "y", "vx", "vy"] as const;
const OPTIONAL = ["case_id", "psi_rad", "length", "width"] as const;

/**
 * Reads an INTERACTION track or case file.
 * @param text the file's contents
 * @param file path used in error messages
 * @throws FileFormatError (`file:line:col`) for a missing column, a value that is not a number (or
 *   not a whole number for timestamp_ms), an empty id, a negative timestamp, a non-positive
 *   size, a missing size for an agent type without a default, a vehicle whose type or size changes,
 *   two rows of a vehicle at one time
 */
export function importInteraction(text: string, file: string): TrajectorySet {
  const builder = new TrackBuilder(file, {
    time: "timestamp_ms",
    type: "agent_type",
    length: "length",
    width: "width",
  });
  const r: TrackRow = { id: "", type: "", lengthM: 0, widthM: 0, timeS: 0, xM: 0, yM: 0, headingRad: 0, speedMps: 0 };
  readCsvTable(text, file, { required: REQUIRED, optional: OPTIONAL }, (row) => {
    const track = idPart(row, "track_id");
    const caseId = row.has("case_id") && row.text("case_id") !== "" ? idPart(row, "case_id") : undefined;
    r.id = caseId === undefined ? track : `${caseId}-${track}`;
    const ms = row.integer("timestamp_ms");
    if (ms < 0) row.fail("timestamp_ms", `"${row.text("timestamp_ms")}" is negative`);
    r.timeS = ms / 1000;
    const agentType = row.text("agent_type");
    if (agentType === "") row.fail("agent_type", "empty (every row needs an agent type)");
    r.type = Object.hasOwn(INTERACTION_AGENT_TYPES, agentType) ? INTERACTION_AGENT_TYPES[agentType] : agentType;
    r.xM = row.coordinate("x");
    r.yM = row.coordinate("y");
    const vx = row.number("vx");
    const vy = row.number("vy");
    r.speedMps = Math.hypot(vx, vy);
    r.headingRad = row.optionalNumber("psi_rad") ?? (r.speedMps >= MIN_HEADING_SPEED_MPS ? Math.atan2(vy, vx) : NaN);
    r.lengthM = size(row, "length", r.type, "lengthM");
    r.widthM = size(row, "width", r.type, "widthM");
    builder.add(r, row);
  });
  const tracks = builder.build();
  for (const t of tracks) fillMissingHeadings(t.samples, 0);
  return new TrajectorySet(tracks);
}

/** Column `name` as part of an id: whole numbers as integers (`1.0` → `1`), other text (`P3`) as it is. */
function idPart(row: CsvRow, name: string): string {
  const s = row.text(name);
  if (s === "") row.fail(name, "empty (every row needs one)");
  const x = Number(s);
  return Number.isSafeInteger(x) ? String(x) : s;
}

/** Column `name` (m), or the built-in type's value when the column is absent or empty. */
function size(row: CsvRow, name: "length" | "width", type: string, field: "lengthM" | "widthM"): number {
  const given = row.optionalNumber(name);
  if (given !== undefined) {
    if (!(given > 0)) row.fail(name, `"${row.text(name)}" is not positive`);
    return given;
  }
  if (!isBuiltinVehicleTypeId(type)) {
    row.fail("agent_type", `"${row.text("agent_type")}" has no default size: give ${name} (m)`);
  }
  return vehicleTypes[type][field];
}
