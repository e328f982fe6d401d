/**
 * Resolving positions and routes against the map: the road must be a normal road of the network,
 * the lane must exist, the offset must lie on the lane (past its end: a warning, clamped to the end,
 * as SMARTS and SUMO do), and a route's endpoints must be connected (planned with `planRoute`,
 * cached per endpoints). Without a map (it failed to load), only what needs no map is checked.
 *
 * A road imported in parts (an OpenDRIVE road whose lanes change along it: `5`, `5.1`, `5.2`) is
 * named by its first part: an offset past that part's end, and `end`, go on along the lane into the
 * following parts, so `5:0@300` and `5:0@end` mean what they say on the OpenDRIVE road 5.
 */
import type { PositionNode, RouteNode } from "../ast.js";
import type { CompileContext } from "../CompileContext.js";
import { SCENARIO_DEFAULTS, type FixedRoute, type LanePosition } from "../../spec/CompiledScenario.js";
import type { Lane } from "../../core/road/Lane.js";
import type { Road } from "../../core/road/Road.js";
import { planRoute } from "../../core/road/planRoute.js";
import { didYouMean } from "../suggest.js";
import { readQuantity } from "./values.js";

/** Where a position sits in a route: the offset default depends on it. */
export type PositionRole = "start" | "end" | "point";

/** The normal road named by `node`, or undefined after reporting (also undefined without a map). */
export function resolveRoad(ctx: CompileContext, node: { name: string; loc: PositionNode["loc"] }): Road | undefined {
  const net = ctx.network;
  if (!net) return undefined;
  const road = net.road(node.name);
  if (!road) {
    ctx.error(node.loc, `unknown road "${node.name}"${didYouMean(node.name, normalRoadIds(ctx))}`);
    return undefined;
  }
  if (road.kind !== "normal") {
    ctx.error(node.loc, `"${node.name}" is a junction-internal road; use the roads that meet at the junction`);
    return undefined;
  }
  return road;
}

function normalRoadIds(ctx: CompileContext): string[] {
  return ctx.network ? ctx.network.normalRoads().map((r) => r.id) : [];
}

/** The position in compiled form, or undefined after reporting. */
export function resolvePosition(ctx: CompileContext, node: PositionNode, role: PositionRole): LanePosition | undefined {
  const road = resolveRoad(ctx, node.road);
  let ok = ctx.network === undefined || road !== undefined;

  let laneIndex: LanePosition["laneIndex"] = SCENARIO_DEFAULTS.position.laneIndex;
  if (node.lane?.type === "random") laneIndex = "random";
  else if (node.lane) {
    const idx = readQuantity(ctx, node.lane, "count", "lane index", { min: 0 });
    if (idx === undefined) ok = false;
    else if (road && idx >= road.lanes.length) {
      const n = road.lanes.length;
      ctx.error(
        node.lane.loc,
        `road "${road.id}" has ${n} lane${n === 1 ? "" : "s"} (0..${n - 1}); there is no lane ${idx}`,
      );
      ok = false;
    } else laneIndex = idx;
  }

  let offsetM: LanePosition["offsetM"] =
    role === "end" ? SCENARIO_DEFAULTS.position.endOffset : SCENARIO_DEFAULTS.position.startOffsetM;
  let roadId = node.road.name;
  const off = node.offset;
  if (off?.type === "random") offsetM = "random";
  else if (off?.type === "end") offsetM = "end";
  else if (off) {
    const v = readQuantity(ctx, off, "length", "lane offset", { min: 0, bareUnit: "m" });
    if (v === undefined) ok = false;
    else offsetM = v;
  }
  if (ok && road && typeof laneIndex === "number" && offsetM !== "random") {
    const along = alongParts(road.lanes[laneIndex], offsetM);
    if ("error" in along) {
      ctx.error((off ?? node).loc, along.error);
      ok = false;
    } else {
      roadId = along.lane.road.id;
      laneIndex = along.lane.index;
      offsetM = along.offsetM;
      if (along.pastEndM !== undefined && off?.type === "quantity") {
        ctx.warn(
          off.loc,
          `offset ${off.text} is past the end of lane ${along.lane.id} (${Number(along.lane.lengthM.toFixed(2))} m long); it is clamped to the lane's end`,
        );
      }
    }
  } else if (ok && road && typeof offsetM === "number") {
    const shortest = Math.min(...road.lanes.map((l) => l.lengthM));
    if (offsetM > shortest && off?.type === "quantity") {
      ctx.warn(
        off.loc,
        `offset ${off.text} is past the end of road ${road.id}'s shortest lane (${Number(shortest.toFixed(2))} m); it is clamped to the lane's end`,
      );
      offsetM = shortest;
    }
  }
  return ok ? { roadId, laneIndex, offsetM } : undefined;
}

/**
 * Where `offsetM` (metres from the lane's start, or `end`) falls along `lane` and, for a road
 * imported in parts, the lanes it continues into in the following parts; past the last lane's end
 * the offset is clamped (`pastEndM` says by how much). An error where the lane ends at a part
 * boundary before the offset (a lane that is dropped there).
 */
function alongParts(
  lane: Lane,
  offsetM: number | "end",
): { lane: Lane; offsetM: number | "end"; pastEndM?: number } | { error: string } {
  let cur = lane;
  let rest = offsetM;
  for (;;) {
    if (rest !== "end" && rest <= cur.lengthM) return { lane: cur, offsetM: rest };
    const part = cur.road.spec.part;
    const next = part
      ? cur.road.successors.find((r) => r.spec.part?.of === part.of && r.spec.part.index === part.index + 1)
      : undefined;
    if (!next) {
      if (rest === "end") return { lane: cur, offsetM: "end" };
      return { lane: cur, offsetM: cur.lengthM, pastEndM: rest - cur.lengthM };
    }
    const onward = cur.successors.find((l) => l.road === next);
    if (!onward) {
      if (rest === "end") return { lane: cur, offsetM: "end" };
      return {
        error:
          `lane ${cur.index} of road "${part!.of}" ends after ${Number(cur.lengthM.toFixed(2))} m (at road "${cur.road.id}"'s end), ` +
          `before offset ${Number((typeof offsetM === "number" ? offsetM : 0).toFixed(2))} m; ` +
          `road "${next.id}" goes on with lanes 0..${next.lanes.length - 1}`,
      };
    }
    if (rest !== "end") rest -= cur.lengthM;
    cur = onward;
  }
}

/**
 * A fixed route `start -> via... -> end`: endpoints resolved, via roads checked (they take no lane
 * or offset), and the road sequence planned. Undefined after reporting.
 */
export function resolveRoute(ctx: CompileContext, node: RouteNode): FixedRoute | undefined {
  const stops = node.stops;
  const startNode = stops[0];
  const endNode = stops[stops.length - 1];
  const start = resolvePosition(ctx, startNode, "start");
  const end = resolvePosition(ctx, endNode, "end");
  let ok = start !== undefined && end !== undefined;
  const viaRoadIds: string[] = [];
  for (const via of stops.slice(1, -1)) {
    if (via.lane || via.offset) {
      ctx.error(via.loc, `a via road takes no lane or offset: write just "${via.road.name}"`);
      ok = false;
    }
    if (ctx.network && !resolveRoad(ctx, via.road)) ok = false;
    viaRoadIds.push(via.road.name);
  }
  if (!ok || !start || !end) return undefined;
  if (!ctx.network)
    return { kind: "route", start, end, viaRoadIds, roadIds: [start.roadId, ...viaRoadIds, end.roadId] };

  const roadIds = plan(ctx, start.roadId, end.roadId, viaRoadIds);
  if (!roadIds) {
    const via = viaRoadIds.length ? ` via ${viaRoadIds.map((v) => `"${v}"`).join(", ")}` : "";
    ctx.error(
      node.loc,
      `no route from road "${start.roadId}" to road "${end.roadId}"${via}: the map does not connect them`,
    );
    return undefined;
  }
  if (
    roadIds.length === 1 &&
    typeof start.offsetM === "number" &&
    typeof end.offsetM === "number" &&
    start.laneIndex === end.laneIndex &&
    end.offsetM < start.offsetM
  ) {
    ctx.error(
      node.loc,
      `the route ends (${end.offsetM} m) before it starts (${start.offsetM} m) on road "${start.roadId}"`,
    );
    return undefined;
  }
  return { kind: "route", start, end, viaRoadIds, roadIds };
}

/** Planned road ids, memoised per endpoints (large scenarios repeat them). */
export function plan(ctx: CompileContext, from: string, to: string, via: readonly string[]): string[] | undefined {
  const key = [from, ...via, to].join("\u0000");
  let hit = ctx.routeCache.get(key);
  if (hit === undefined) {
    const route = planRoute(ctx.network!, from, to, via);
    hit = route ? route.roads.map((r) => r.id) : null;
    ctx.routeCache.set(key, hit);
  }
  return hit ?? undefined;
}
