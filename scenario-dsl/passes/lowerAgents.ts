/**
 * Pass 7: learning agents — mission, vehicle, and the agent interface (action space, observation
 * parts, done criteria, step limit). `lowerInterface` also serves bubbles whose actor is a learning
 * agent; `lowerMission` also serves social agents.
 */
import type { BlockNode, ItemNode, NameNode, PropNode } from "../ast.js";
import type { CompileContext } from "../CompileContext.js";
import {
  ACTION_SPACES,
  SCENARIO_DEFAULTS,
  type Agent,
  type AgentInterface,
  type DoneCriteria,
  type Mission,
  type Observation,
} from "../../spec/CompiledScenario.js";
import { didYouMean } from "../suggest.js";
import type { UnitKind } from "../units.js";
import { replacementMission } from "./historyTraffic.js";
import { reference } from "./lowerTraffic.js";
import { resolvePosition, resolveRoute } from "./positions.js";
import { PropTable, scenarioProps } from "./props.js";
import { readQuantity } from "./values.js";

export function lowerAgents(ctx: CompileContext): void {
  const blocks = scenarioProps(ctx).blocks("agent");
  const agents: Agent[] = [];
  const seen = new Set<string>();
  for (const block of blocks) {
    const name = (block.name as NameNode).name;
    const what = `agent "${name}"`;
    const props = new PropTable(ctx, block.items, what, ["via_point"]);
    const replace = props.get("replace");
    let mission: Mission | undefined;
    let replaces: string | null = null;
    if (replace?.value.type === "string") {
      // The replaced vehicle's trip is the mission: where, when and how fast it starts, where it goes.
      for (const key of ["mission", "depart", "via_point"]) {
        const p = props.get(key);
        if (p)
          ctx.error(p.loc, `${what} replaces a recorded vehicle, whose trip is its mission: no ${key} with replace`);
      }
      const r = replacementMission(ctx, replace.value, what);
      mission = r?.mission;
      replaces = r?.vehicleId ?? null;
    } else mission = lowerMission(ctx, block, props, what);
    const vehicle = reference(ctx, props.get("vehicle"), ctx.symbols.vehicleTypes, "vehicle type");
    const iface = lowerInterface(ctx, props, what);
    if (mission && vehicle !== null && iface && !seen.has(name)) {
      agents.push({ name, vehicle: vehicle ?? SCENARIO_DEFAULTS.vehicle, mission, interface: iface, replaces });
    }
    seen.add(name);
  }
  ctx.out.agents = agents;
}

/** `mission`, `via_point`s and `depart` of an agent or social agent; undefined after reporting. */
export function lowerMission(
  ctx: CompileContext,
  block: BlockNode,
  props: PropTable,
  what: string,
): Mission | undefined {
  const p = props.get("mission");
  if (!p) {
    ctx.error(
      block.loc,
      `${what} needs a mission: \`mission <road:lane@offset> -> <road:lane@offset>\` or \`mission endless <road:lane@offset>\``,
    );
    return undefined;
  }
  let ok = true;
  const viaPoints: Mission["viaPoints"] = [];
  for (const vp of props.all("via_point")) {
    if (vp.value.type !== "viaPoint") continue;
    const position = resolvePosition(ctx, vp.value.position, "point");
    const speedMps = readQuantity(ctx, vp.value.speed, "speed", "via point speed", { min: 0 });
    if (!position || speedMps === undefined) ok = false;
    else viaPoints.push({ position, speedMps });
  }
  let departS: number = SCENARIO_DEFAULTS.missionDepartS;
  const depart = props.get("depart");
  if (depart?.value.type === "quantity") {
    const v = readQuantity(ctx, depart.value, "time", "depart", { min: 0 });
    if (v === undefined) ok = false;
    else departS = v;
  }
  if (p.value.type === "endlessMission") {
    const start = resolvePosition(ctx, p.value.start, "start");
    return start && ok ? { kind: "endless", start, departS, viaPoints, departSpeedMps: 0 } : undefined;
  }
  if (p.value.type !== "route") return undefined;
  const route = resolveRoute(ctx, p.value);
  return route && ok ? { ...route, departS, viaPoints, departSpeedMps: 0 } : undefined;
}

/** Observation parameters: DSL name → compiled field and unit kind, per part. */
const OBSERVE_PARTS: Readonly<
  Record<string, { field: keyof Observation; params: Readonly<Record<string, [string, UnitKind]>> }>
> = {
  ego: { field: "ego", params: {} },
  neighbours: { field: "neighbours", params: { radius: ["radiusM", "length"], max: ["max", "count"] } },
  waypoints: { field: "waypoints", params: { lookahead: ["lookahead", "count"], spacing: ["spacingM", "length"] } },
  road_waypoints: { field: "roadWaypoints", params: { horizon: ["horizon", "count"] } },
  signals: { field: "signals", params: { lookahead: ["lookaheadM", "length"] } },
  junction: { field: "junction", params: { lookahead: ["lookaheadM", "length"], foes: ["maxFoes", "count"] } },
  events: { field: "events", params: {} },
  drivable_area: {
    field: "drivableArea",
    params: { width: ["width", "count"], height: ["height", "count"], resolution: ["resolutionM", "length"] },
  },
  occupancy: {
    field: "occupancy",
    params: { width: ["width", "count"], height: ["height", "count"], resolution: ["resolutionM", "length"] },
  },
  rgb: {
    field: "rgb",
    params: { width: ["width", "count"], height: ["height", "count"], resolution: ["resolutionM", "length"] },
  },
  lidar: { field: "lidar", params: { rays: ["rays", "count"], range: ["rangeM", "length"] } },
  vector: { field: "vector", params: {} },
};

const DONE_FIELDS: Readonly<Record<string, keyof DoneCriteria>> = {
  collision: "collision",
  off_road: "offRoad",
  off_route: "offRoute",
  on_shoulder: "onShoulder",
  wrong_way: "wrongWay",
  not_moving: "notMoving",
  goal: "goal",
  max_steps: "maxSteps",
};

/** The agent interface from `action`, `max_steps`, `observe { }` and `done { }`; undefined after reporting. */
export function lowerInterface(ctx: CompileContext, props: PropTable, what: string): AgentInterface | undefined {
  let ok = true;
  let action = SCENARIO_DEFAULTS.action;
  const a = props.get("action");
  if (a?.value.type === "name") {
    const name = a.value.name;
    if ((ACTION_SPACES as readonly string[]).includes(name)) action = name as AgentInterface["action"];
    else {
      ctx.error(
        a.value.loc,
        `unknown action space "${name}"${didYouMean(name, ACTION_SPACES)} (action spaces: ${ACTION_SPACES.join(", ")})`,
      );
      ok = false;
    }
  }
  let maxSteps: number | null = SCENARIO_DEFAULTS.maxSteps;
  const ms = props.get("max_steps");
  if (ms?.value.type === "quantity") {
    const v = readQuantity(ctx, ms.value, "count", "max_steps", { min: 1 });
    if (v === undefined) ok = false;
    else maxSteps = v;
  }
  const observation = structuredClone(SCENARIO_DEFAULTS.observation) as Observation;
  const observe = props.blocks("observe")[0];
  if (observe && !lowerObserve(ctx, observe.items, observation, what)) ok = false;
  const done: DoneCriteria = { ...SCENARIO_DEFAULTS.done };
  const doneBlock = props.blocks("done")[0];
  if (doneBlock) {
    const dp = new PropTable(ctx, doneBlock.items, `${what}'s done criteria`);
    for (const [key, field] of Object.entries(DONE_FIELDS)) {
      const p = dp.get(key);
      if (p?.value.type === "bool") done[field] = p.value.value;
    }
  }
  return ok ? { action, maxSteps, observation, done } : undefined;
}

function lowerObserve(
  ctx: CompileContext,
  items: readonly ItemNode[],
  observation: Observation,
  what: string,
): boolean {
  let ok = true;
  // `neighbors` is accepted for `neighbours`; both count as one part for duplicates.
  const normalised = items.map((i) => (i.type === "prop" && i.key === "neighbors" ? { ...i, key: "neighbours" } : i));
  const props = new PropTable(ctx, normalised, `${what}'s observation`);
  for (const [key, part] of Object.entries(OBSERVE_PARTS)) {
    const p: PropNode | undefined = props.get(key);
    if (p?.value.type !== "observePart") continue;
    const target = observation[part.field] as Record<string, number | boolean>;
    target.enabled = p.value.enabled === null ? true : p.value.enabled.value;
    const seen = new Set<string>();
    for (const param of p.value.params) {
      const pname = param.name.name;
      const spec = part.params[pname];
      if (!spec) {
        const names = Object.keys(part.params);
        ctx.error(
          param.name.loc,
          `${key} has no parameter "${pname}"${didYouMean(pname, names)}${names.length ? ` (parameters: ${names.join(", ")})` : ""}`,
        );
        ok = false;
        continue;
      }
      if (seen.has(pname)) {
        ctx.error(param.loc, `${pname} given twice for ${key}`);
        ok = false;
        continue;
      }
      seen.add(pname);
      if (param.value.type !== "quantity") {
        ctx.error(param.value.loc, `${key} ${pname} takes a number`);
        ok = false;
        continue;
      }
      const v = readQuantity(ctx, param.value, spec[1], `${key} ${pname}`, { min: 0, minExclusive: true });
      if (v === undefined) ok = false;
      else target[spec[0]] = v;
    }
  }
  return ok;
}
