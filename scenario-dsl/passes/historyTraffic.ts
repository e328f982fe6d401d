/**
 * Recorded traffic named by `history "file.csv" { format … start … offset … ids … }` in a traffic
 * block: the file is read and parsed now (a malformed one is reported at its own `file:line:col`),
 * the id filter must select a vehicle, and the recording, moved by the offset, must lie on the map.
 * The compiled scenario names the file and its hash; the history provider (providers/history) reads it
 * again when an episode starts.
 */
import type { BlockNode, StringNode } from "../ast.js";
import type { CompileContext } from "../CompileContext.js";
import {
  HISTORY_PROVIDER_DEFAULTS,
  TRAJECTORY_FORMATS,
  type HistoryTraffic,
  type Mission,
} from "../../spec/CompiledScenario.js";
import { didYouMean } from "../suggest.js";
import { FileFormatError } from "../../spec/FileFormatError.js";
import { readTrajectoryText } from "../../spec/trajectory/readTrajectoryText.js";
import type { Lane } from "../../core/road/Lane.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import { historyVehicleStart } from "../../spec/trajectory/historyVehicleStart.js";
import { TrajectorySet } from "../../spec/trajectory/TrajectorySet.js";
import { SAMPLE_HEADING, SAMPLE_STRIDE, SAMPLE_X, SAMPLE_Y } from "../../spec/trajectory/TrajectoryTrack.js";
import { readScenarioFile } from "./loadMap.js";
import { plan } from "./positions.js";
import { PropTable } from "./props.js";
import { readPoint, readQuantity } from "./values.js";

/** A recorded position counts as on the map within this distance of a lane centreline (m). */
const ON_MAP_M = 5;
/** Share of the checked positions that must lie on the map before the offset is suspected. */
const ON_MAP_SHARE = 0.5;
/** Positions checked per track (spread over it). */
const CHECKS_PER_TRACK = 5;

/** The recording of one traffic set (at most one `history` block), or null; errors are reported. */
export function lowerHistory(
  ctx: CompileContext,
  blocks: readonly BlockNode[],
): { history: HistoryTraffic; set: TrajectorySet } | null {
  if (blocks.length === 0) return null;
  for (const extra of blocks.slice(1))
    ctx.error(
      extra.loc,
      `a traffic set replays one recording (the first is at line ${blocks[0].loc.start.line}); merge the files or use variations`,
    );
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
      ctx.error(
        f.value.loc,
        `unknown trajectory format "${name}"${didYouMean(name, TRAJECTORY_FORMATS)} (formats: ${TRAJECTORY_FORMATS.join(", ")})`,
      );
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
    if (e instanceof FileFormatError)
      ctx.error(pathNode.loc, `cannot load trajectory file "${pathNode.value}" (${format})`, [e.format()]);
    else
      ctx.error(pathNode.loc, `cannot load trajectory file "${pathNode.value}" (${format}): ${(e as Error).message}`);
    return null;
  }
  const chosen = idFilter === null ? set.vehicleIds() : set.vehicleIds().filter((id) => id.startsWith(idFilter));
  if (chosen.length === 0) {
    const some = set.vehicleIds().slice(0, 5).join(", ");
    ctx.error(
      ids?.value.loc ?? pathNode.loc,
      `${what}: ${idFilter === null ? "the recording has no vehicle" : `no recorded vehicle id starts with "${idFilter}"`} (${set.size} vehicles${some ? `, e.g. ${some}` : ""})`,
    );
    return null;
  }
  checkOnMap(ctx, pathNode, set, chosen, offsetM);
  const history = { path: pathNode.value, sha256: ctx.sha256(file.text), format, startS, offsetM, idFilter };
  return { history, set: idFilter === null ? set : new TrajectorySet(chosen.map((id) => set.track(id))) };
}

/**
 * The mission of an agent that takes the place of recorded vehicle `node.value` of the base
 * traffic's recording (`replace "<id>"`): it departs when the vehicle would first appear in the
 * replay, on the road lane under it, at its speed, and drives to the lane under the vehicle's last
 * recorded position by the shortest route. Undefined after reporting.
 */
export function replacementMission(
  ctx: CompileContext,
  node: StringNode,
  what: string,
): { mission: Mission; vehicleId: string } | undefined {
  const id = node.value;
  const rec = ctx.baseRecording;
  if (!rec) {
    ctx.error(
      node.loc,
      `${what} replaces recorded vehicle "${id}", but the scenario's traffic replays no recording (add \`history "<file>"\` to its traffic)`,
    );
    return undefined;
  }
  const { set, history: h } = rec;
  if (!set.vehicleIds().includes(id)) {
    ctx.error(
      node.loc,
      `no recorded vehicle "${id}" in "${h.path}"${h.idFilter === null ? "" : ` (ids "${h.idFilter}")`}${didYouMean(id, set.vehicleIds())}`,
    );
    return undefined;
  }
  const startS = h.startS ?? set.timeSpanS()?.startS ?? 0;
  const first = historyVehicleStart(set, id, startS, { dtS: ctx.out.dtS, offsetM: h.offsetM });
  if (!first) {
    ctx.error(
      node.loc,
      `recorded vehicle "${id}" never appears in the replay: its track ends at ${set.spanS(id).endS} s, the replay starts at ${startS} s`,
    );
    return undefined;
  }
  const net = ctx.network;
  if (!net) return undefined;
  const s = set.track(id).samples;
  const k = s.length - SAMPLE_STRIDE;
  const from = laneUnder(net, first.xM, first.yM, first.headingRad);
  const to = laneUnder(net, s[k + SAMPLE_X] + h.offsetM[0], s[k + SAMPLE_Y] + h.offsetM[1], s[k + SAMPLE_HEADING]);
  const where = (x: number, y: number) => `(${x.toFixed(1)} m, ${y.toFixed(1)} m)`;
  if (!from)
    ctx.error(
      node.loc,
      `recorded vehicle "${id}" first appears at ${where(first.xM, first.yM)}, not on a road lane (within ${ON_MAP_M} m, in its direction)`,
    );
  if (!to)
    ctx.error(
      node.loc,
      `recorded vehicle "${id}" ends at ${where(s[k + SAMPLE_X] + h.offsetM[0], s[k + SAMPLE_Y] + h.offsetM[1])}, not on a road lane (within ${ON_MAP_M} m, in its direction)`,
    );
  if (!from || !to) return undefined;
  const roadIds =
    from.lane.road === to.lane.road && to.s >= from.s
      ? [from.lane.road.id]
      : plan(ctx, from.lane.road.id, to.lane.road.id, []);
  if (!roadIds) {
    ctx.error(
      node.loc,
      `recorded vehicle "${id}": no route on the map from road "${from.lane.road.id}", where it first appears, to road "${to.lane.road.id}", where it ends`,
    );
    return undefined;
  }
  // An agent departing after the first tick moves for the step it appears in (it is placed before
  // that step's motion): it starts that step's distance back, so that the frame shows it where the
  // vehicle would have been.
  const back = first.tick !== undefined && first.tick > 0 ? Math.max(0, first.speedMps) * ctx.out.dtS : 0;
  const mission: Mission = {
    kind: "route",
    start: { roadId: from.lane.road.id, laneIndex: from.lane.index, offsetM: Math.max(0, from.s - back) },
    end: { roadId: to.lane.road.id, laneIndex: to.lane.index, offsetM: to.s },
    viaRoadIds: [],
    roadIds,
    departS: Math.round(first.timeS * 1e9) / 1e9, // tick · step, without the float noise of the product
    viaPoints: [],
    departSpeedMps: Math.max(0, first.speedMps),
  };
  return { mission, vehicleId: HISTORY_PROVIDER_DEFAULTS.idPrefix + id };
}

/** The road lane (no junction connector) under a pose: within {@link ON_MAP_M}, heading within 90° of the lane's. */
function laneUnder(net: RoadNetwork, x: number, y: number, headingRad: number): { lane: Lane; s: number } | undefined {
  const near = net.nearestLane(x, y, { includeInternal: false, maxDistM: ON_MAP_M });
  if (!near) return undefined;
  const s = Math.min(Math.max(near.s, 0), near.lane.centreline.length);
  if (Math.cos(near.lane.toWorld(s).headingRad - headingRad) < 0) return undefined;
  return { lane: near.lane, s };
}

/** Warns when most recorded positions (moved by the offset) are off the map's lanes: a wrong offset or map. */
function checkOnMap(
  ctx: CompileContext,
  at: StringNode,
  set: TrajectorySet,
  ids: readonly string[],
  offsetM: [number, number],
): void {
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
    const box = b
      ? ` (recorded x ${b.minXM.toFixed(0)}…${b.maxXM.toFixed(0)} m, y ${b.minYM.toFixed(0)}…${b.maxYM.toFixed(0)} m before the offset)`
      : "";
    ctx.warn(
      at.loc,
      `only ${on} of ${checked} recorded positions checked lie within ${ON_MAP_M} m of a lane of the map${box}: is the offset right?`,
    );
  }
}
