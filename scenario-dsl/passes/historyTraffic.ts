/**
 * Recorded traffic named by `history "file.csv" { format … start … offset … ids … }` in a traffic
 * block: the file is read and parsed now (a malformed one is reported at its own `file:line:col`),
 * the id filter must select a vehicle, and the recording, moved by the offset, must lie on the map.
 * The compiled scenario names the file and its hash; the history provider (providers/history) reads it
 * again when an episode starts.
 */
import type { BlockNode, StringNode } from "../ast.js";
import type { CompileContext } from "../CompileContext.js";
import { TRAJECTORY_FORMATS, type HistoryTraffic } from "../CompiledScenario.js";
import { didYouMean } from "../suggest.js";
import { FileFormatError } from "../../core/errors/FileFormatError.js";
import { readTrajectoryText } from "../../providers/history/readTrajectoryFile.js";
import type { TrajectorySet } from "../../providers/history/TrajectorySet.js";
import { SAMPLE_STRIDE, SAMPLE_X, SAMPLE_Y } from "../../providers/history/TrajectoryTrack.js";
import { readScenarioFile, sha256 } from "./loadMap.js";
import { PropTable } from "./props.js";
import { readPoint, readQuantity } from "./values.js";

/** A recorded position counts as on the map within this distance of a lane centreline (m). */
const ON_MAP_M = 5;
/** Share of the checked positions that must lie on the map before the offset is suspected. */
const ON_MAP_SHARE = 0.5;
/** Positions checked per track (spread over it). */
const CHECKS_PER_TRACK = 5;

/** The recording of one traffic set (at most one `history` block), or null; errors are reported. */
export function lowerHistory(ctx: CompileContext, blocks: readonly BlockNode[]): HistoryTraffic | null {
  if (blocks.length === 0) return null;
  for (const extra of blocks.slice(1)) ctx.error(extra.loc, `a traffic set replays one recording (the first is at line ${blocks[0].loc.start.line}); merge the files or use variations`);
  const block = blocks[0];
  const pathNode = block.name as StringNode;
  const what = `history "${pathNode.value}"`;
  const props = new PropTable(ctx, block.items, what);
  let ok = true;

  let format: HistoryTraffic["format"] = "roadgym";
  const f = props.get("format");
  if (f?.value.type === "name") {
    const name = f.value.name;
    if ((TRAJECTORY_FORMATS as readonly string[]).includes(name)) format = name as HistoryTraffic["format"];
    else {
      ctx.error(f.value.loc, `unknown trajectory format "${name}"${didYouMean(name, TRAJECTORY_FORMATS)} (formats: ${TRAJECTORY_FORMATS.join(", ")})`);
      ok = false;
    }
  }
  let startS: number | null = null;
  const start = props.get("start");
  if (start?.value.type === "quantity") {
    const v = readQuantity(ctx, start.value, "time", "start", {});
    if (v === undefined) ok = false;
    else startS = v;
  }
  let offsetM: [number, number] = [0, 0];
  const offset = props.get("offset");
  if (offset?.value.type === "point") {
    const v = readPoint(ctx, offset.value, "offset");
    if (v === undefined) ok = false;
    else offsetM = v;
  }
  let idFilter: string | null = null;
  const ids = props.get("ids");
  if (ids?.value.type === "string") {
    if (ids.value.value === "") {
      ctx.error(ids.value.loc, "ids needs a prefix of recorded ids (leave it out to replay every vehicle)");
      ok = false;
    } else idFilter = ids.value.value;
  }

  const file = readScenarioFile(ctx, pathNode, "trajectory file");
  if (!file || !ok) return null;
  let set: TrajectorySet;
  try {
    set = readTrajectoryText(file.text, file.path, format);
  } catch (e) {
    if (e instanceof FileFormatError) ctx.error(pathNode.loc, `cannot load trajectory file "${pathNode.value}" (${format})`, [e.format()]);
    else ctx.error(pathNode.loc, `cannot load trajectory file "${pathNode.value}" (${format}): ${(e as Error).message}`);
    return null;
  }
  const chosen = idFilter === null ? set.vehicleIds() : set.vehicleIds().filter((id) => id.startsWith(idFilter));
  if (chosen.length === 0) {
    const some = set.vehicleIds().slice(0, 5).join(", ");
    ctx.error(ids?.value.loc ?? pathNode.loc, `${what}: ${idFilter === null ? "the recording has no vehicle" : `no recorded vehicle id starts with "${idFilter}"`} (${set.size} vehicles${some ? `, e.g. ${some}` : ""})`);
    return null;
  }
  checkOnMap(ctx, pathNode, set, chosen, offsetM);
  return { path: pathNode.value, sha256: sha256(file.text), format, startS, offsetM, idFilter };
}

/** Warns when most recorded positions (moved by the offset) are off the map's lanes: a wrong offset or map. */
function checkOnMap(ctx: CompileContext, at: StringNode, set: TrajectorySet, ids: readonly string[], offsetM: [number, number]): void {
  const net = ctx.network;
  if (!net) return;
  const index = net.spatialIndex(true);
  let checked = 0;
  let on = 0;
  for (const id of ids) {
    const s = set.track(id).samples;
    const n = s.length / SAMPLE_STRIDE;
    for (let k = 0; k < CHECKS_PER_TRACK && k < n; k++) {
      const i = Math.floor((k * (n - 1)) / Math.max(1, CHECKS_PER_TRACK - 1)) * SAMPLE_STRIDE;
      checked++;
      if (index.nearest(s[i + SAMPLE_X] + offsetM[0], s[i + SAMPLE_Y] + offsetM[1], ON_MAP_M) !== undefined) on++;
    }
  }
  if (checked > 0 && on < ON_MAP_SHARE * checked) {
    const b = set.bounds();
    const box = b ? ` (recorded x ${b.minXM.toFixed(0)}…${b.maxXM.toFixed(0)} m, y ${b.minYM.toFixed(0)}…${b.maxYM.toFixed(0)} m before the offset)` : "";
    ctx.warn(at.loc, `only ${on} of ${checked} recorded positions checked lie within ${ON_MAP_M} m of a lane of the map${box}: is the offset right?`);
  }
}
