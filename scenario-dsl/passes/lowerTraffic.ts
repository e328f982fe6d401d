/**
 * Pass 6: the base traffic — flows, single trips, SUMO route files and a recording. `lowerTrafficBlock` is also
 * what the variations pass uses for alternative traffic sets.
 */
import type { BlockNode, NameNode, PropNode, StringNode, WeightsNode } from "../ast.js";
import type { CompileContext } from "../CompileContext.js";
import {
  SCENARIO_DEFAULTS,
  type Flow,
  type HistoryTraffic,
  type Traffic,
  type Trip,
  type Weighted,
} from "../../spec/CompiledScenario.js";
import type { TrajectorySet } from "../../spec/trajectory/TrajectorySet.js";
import { didYouMean } from "../suggest.js";
import { resolveRoute } from "./positions.js";
import { blockName, PropTable, scenarioProps } from "./props.js";
import { lowerHistory } from "./historyTraffic.js";
import { loadSumoDemand } from "./sumoDemand.js";
import { readQuantity } from "./values.js";

export function lowerTraffic(ctx: CompileContext): void {
  const block = scenarioProps(ctx).blocks("traffic")[0];
  ctx.out.traffic = block
    ? lowerTrafficBlock(ctx, block, (set, history) => (ctx.baseRecording = { set, history }))
    : { name: null, flows: [], trips: [], sumoDemand: [], history: null };
}

/**
 * A `traffic { ... }` block in compiled form (fields that failed are left out; errors are reported).
 * `recorded` receives its recording, once read.
 */
export function lowerTrafficBlock(
  ctx: CompileContext,
  block: BlockNode,
  recorded?: (set: TrajectorySet, history: HistoryTraffic) => void,
): Traffic {
  const props = new PropTable(ctx, block.items, "traffic", ["flow", "trip", "routes", "history"]);
  const traffic: Traffic = {
    name: block.name ? blockName(block) : null,
    flows: [],
    trips: [],
    sumoDemand: [],
    history: null,
  };
  for (const b of props.blocks("flow")) {
    const flow = lowerFlow(ctx, b);
    if (flow) traffic.flows.push(flow);
  }
  for (const b of props.blocks("trip")) {
    const trip = lowerTrip(ctx, b);
    if (trip) traffic.trips.push(trip);
  }
  const routeFiles = props
    .all("routes")
    .filter((p): p is PropNode & { value: StringNode } => p.value.type === "string");
  traffic.sumoDemand = loadSumoDemand(ctx, routeFiles);
  const history = lowerHistory(ctx, props.blocks("history"));
  if (history) {
    traffic.history = history.history;
    recorded?.(history.set, history.history);
  }
  return traffic;
}

function lowerFlow(ctx: CompileContext, block: BlockNode): Flow | undefined {
  const what = block.name ? `flow "${blockName(block)}"` : "flow";
  const props = new PropTable(ctx, block.items, what);
  let ok = true;
  const fail = () => {
    ok = false;
    return undefined;
  };

  const routeProp = props.get("route");
  let route: Flow["route"] | undefined;
  if (!routeProp) {
    ctx.error(
      block.loc,
      `${what} needs a route: \`route <road:lane@offset> -> <road:lane@offset>\` or \`route random\``,
    );
    fail();
  } else if (routeProp.value.type === "randomRoute") route = { kind: "random" };
  else if (routeProp.value.type === "route") route = resolveRoute(ctx, routeProp.value) ?? fail();

  const rate = props.get("rate");
  const probability = props.get("probability");
  let spawn: Flow["spawn"] | undefined;
  if (rate && probability) {
    ctx.error(probability.loc, `${what} has both a rate and a probability; give one`);
    fail();
  } else if (rate?.value.type === "quantity") {
    const v = readQuantity(ctx, rate.value, "rate", "rate", { min: 0, minExclusive: true });
    spawn = v === undefined ? fail() : { kind: "rate", ratePerHour: v };
  } else if (probability?.value.type === "quantity") {
    const v = readQuantity(ctx, probability.value, "number", "probability (per second)", { min: 0, max: 1 });
    spawn = v === undefined ? fail() : { kind: "probability", probabilityPerS: v };
  } else {
    ctx.error(block.loc, `${what} needs a rate (\`rate 600 veh/h\`) or a probability per second (\`probability 0.1\`)`);
    fail();
  }

  const begin = timeProp(ctx, props.get("begin"), "begin", { min: 0 });
  const end = timeProp(ctx, props.get("end"), "end", { min: 0, minExclusive: true });
  if (begin === null || end === null) fail();
  const beginS = begin ?? SCENARIO_DEFAULTS.flow.beginS;
  const endS = end ?? SCENARIO_DEFAULTS.flow.endS;
  if (typeof endS === "number" && endS <= beginS) {
    ctx.error(props.get("end")!.value.loc, `${what} must end after it begins (begin ${beginS} s, end ${endS} s)`);
    fail();
  }

  let count: number | null = SCENARIO_DEFAULTS.flow.count;
  const countProp = props.get("count");
  if (countProp?.value.type === "quantity")
    count = readQuantity(ctx, countProp.value, "count", "count", { min: 1 }) ?? fail() ?? null;

  const vehicles = choice(
    ctx,
    props,
    "vehicle",
    "vehicles",
    ctx.symbols.vehicleTypes,
    "vehicle type",
    SCENARIO_DEFAULTS.vehicle,
  );
  const drivers = choice(ctx, props, "driver", "drivers", ctx.symbols.drivers, "driver", SCENARIO_DEFAULTS.driver.name);
  if (!vehicles || !drivers) fail();

  const departSpeedMps = departSpeed(ctx, props);
  if (departSpeedMps === undefined) fail();

  if (!ok || !route || !spawn || !vehicles || !drivers || departSpeedMps === undefined) return undefined;
  return {
    name: block.name ? blockName(block) : null,
    route,
    spawn,
    beginS,
    endS,
    count,
    vehicles,
    drivers,
    departSpeedMps,
  };
}

function lowerTrip(ctx: CompileContext, block: BlockNode): Trip | undefined {
  const name = blockName(block);
  const what = `trip "${name}"`;
  const props = new PropTable(ctx, block.items, what);
  const routeProp = props.get("route");
  let route: Trip["route"] | undefined;
  if (!routeProp) ctx.error(block.loc, `${what} needs a route: \`route <road:lane@offset> -> <road:lane@offset>\``);
  else if (routeProp.value.type === "route") route = resolveRoute(ctx, routeProp.value);
  const depart = timeProp(ctx, props.get("depart"), "depart", { min: 0 });
  const vehicle =
    reference(ctx, props.get("vehicle"), ctx.symbols.vehicleTypes, "vehicle type") ?? SCENARIO_DEFAULTS.vehicle;
  const driver = reference(ctx, props.get("driver"), ctx.symbols.drivers, "driver") ?? SCENARIO_DEFAULTS.driver.name;
  const departSpeedMps = departSpeed(ctx, props);
  if (!route || depart === null || vehicle === null || driver === null || departSpeedMps === undefined)
    return undefined;
  return { name, route, departS: depart ?? 0, vehicle, driver, departSpeedMps };
}

/** A time property in seconds; undefined when absent, null after reporting. */
function timeProp(
  ctx: CompileContext,
  p: PropNode | undefined,
  what: string,
  rules: { min: number; minExclusive?: boolean },
): number | null | undefined {
  if (p?.value.type !== "quantity") return undefined;
  return readQuantity(ctx, p.value, "time", what, rules) ?? null;
}

function departSpeed(ctx: CompileContext, props: PropTable): number | null | undefined {
  const p = props.get("depart_speed");
  if (p?.value.type !== "quantity") return SCENARIO_DEFAULTS.flow.departSpeedMps;
  return readQuantity(ctx, p.value, "speed", "depart_speed", { min: 0 });
}

/**
 * A declared name referenced by a property; undefined when the property is absent, null after
 * reporting an unknown name.
 */
export function reference(
  ctx: CompileContext,
  p: PropNode | undefined,
  table: ReadonlyMap<string, unknown>,
  what: string,
): string | null | undefined {
  if (p?.value.type !== "name") return undefined;
  return checkName(ctx, p.value, table, what) ? p.value.name : null;
}

function checkName(ctx: CompileContext, node: NameNode, table: ReadonlyMap<string, unknown>, what: string): boolean {
  if (table.has(node.name)) return true;
  ctx.error(node.loc, `unknown ${what} "${node.name}"${didYouMean(node.name, table.keys())}`);
  return false;
}

/** `vehicle x` or `vehicles { x: 1, y: 2 }` (likewise drivers) as normalised weights. */
function choice(
  ctx: CompileContext,
  props: PropTable,
  one: string,
  many: string,
  table: ReadonlyMap<string, unknown>,
  what: string,
  fallback: string,
): Weighted | undefined {
  const single = props.get(one);
  const mix = props.get(many);
  if (single && mix) {
    ctx.error(mix.loc, `give either \`${one}\` or \`${many}\`, not both`);
    return undefined;
  }
  if (mix?.value.type === "weights") return weights(ctx, mix.value, table, what);
  if (single) {
    const r = reference(ctx, single, table, what);
    return r ? [{ name: r, weight: 1 }] : undefined;
  }
  return [{ name: fallback, weight: 1 }];
}

/** Checks a weights map (known names, each once, weights > 0) and normalises it to sum 1. */
export function weights(
  ctx: CompileContext,
  node: WeightsNode,
  table: ReadonlyMap<string, unknown>,
  what: string,
): Weighted | undefined {
  if (node.entries.length === 0) {
    ctx.error(node.loc, `an empty ${what} mix; give at least one \`name: weight\``);
    return undefined;
  }
  const out: Weighted = [];
  const seen = new Set<string>();
  let ok = true;
  for (const e of node.entries) {
    if (!checkName(ctx, e.name, table, what)) ok = false;
    if (seen.has(e.name.name)) {
      ctx.error(e.name.loc, `${what} "${e.name.name}" appears twice in the mix`);
      ok = false;
    }
    seen.add(e.name.name);
    const w = readQuantity(ctx, e.weight, "number", `weight of ${what} "${e.name.name}"`, {
      min: 0,
      minExclusive: true,
    });
    if (w === undefined) ok = false;
    else out.push({ name: e.name.name, weight: w });
  }
  if (!ok) return undefined;
  const sum = out.reduce((s, e) => s + e.weight, 0);
  return out.map((e) => ({ name: e.name, weight: e.weight / sum }));
}
