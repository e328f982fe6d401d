/**
 * SUMO route and trip files named by `routes "file.rou.xml"`: read, parsed (scenario-dsl/demand) and
 * checked against the map — every edge must be a normal road, consecutive edges connected, trips
 * routable, route references resolvable within the traffic set. The demand is embedded in the
 * compiled scenario so that it is self-contained.
 */
import type { PropNode, StringNode } from "../ast.js";
import type { CompileContext } from "../CompileContext.js";
import type { Traffic } from "../../spec/CompiledScenario.js";
import type { SumoDemand, SumoRouting } from "../../spec/SumoDemand.js";
import { FileFormatError } from "../../spec/FileFormatError.js";
import { plan } from "./positions.js";
import { readScenarioFile } from "./loadMap.js";

/** At most this many problems are reported per route file (the rest would repeat them). */
const MAX_PROBLEMS_PER_FILE = 10;

/** Loads and checks the route files of one traffic set. */
export function loadSumoDemand(
  ctx: CompileContext,
  props: readonly (PropNode & { value: StringNode })[],
): Traffic["sumoDemand"] {
  const loaded: { prop: PropNode & { value: StringNode }; demand: SumoDemand; sha: string }[] = [];
  for (const prop of props) {
    const file = readScenarioFile(ctx, prop.value, "route file");
    if (!file) continue;
    try {
      const demand = ctx.parseSumoRoutes(file.text, file.path);
      loaded.push({
        prop,
        demand: { ...demand, source: { kind: "sumo", path: prop.value.value } },
        sha: ctx.sha256(file.text),
      });
    } catch (e) {
      if (e instanceof FileFormatError)
        ctx.error(prop.loc, `cannot load route file "${prop.value.value}"`, [e.format()]);
      else ctx.error(prop.loc, `cannot load route file "${prop.value.value}": ${(e as Error).message}`);
    }
  }
  const routeIds = new Set<string>();
  for (const { demand } of loaded) {
    for (const r of demand.routes) routeIds.add(r.id);
    for (const r of demand.routeDistributions) routeIds.add(r.id);
  }
  for (const { prop, demand } of loaded) checkDemand(ctx, prop, demand, routeIds);
  return loaded.map(({ prop, demand, sha }) => ({ path: prop.value.value, sha256: sha, demand }));
}

function checkDemand(
  ctx: CompileContext,
  prop: PropNode & { value: StringNode },
  demand: SumoDemand,
  routeIds: ReadonlySet<string>,
): void {
  const problems = new Set<string>();
  const net = ctx.network;
  const road = (id: string, where: string): boolean => {
    if (!net) return true;
    const r = net.road(id);
    if (r && r.kind === "normal") return true;
    problems.add(`${where}: edge "${id}" is not a road of the map`);
    return false;
  };
  const edges = (list: readonly string[], where: string) => {
    if (!list.every((e) => road(e, where)) || !net) return;
    for (let i = 0; i + 1 < list.length; i++) {
      const a = net.road(list[i])!;
      const b = net.road(list[i + 1])!;
      if (!a.successors.includes(b)) problems.add(`${where}: edge "${b.id}" does not follow "${a.id}" on the map`);
    }
  };
  const routing = (r: SumoRouting, where: string) => {
    if (r.kind === "route") {
      if (!routeIds.has(r.routeId)) problems.add(`${where}: unknown route "${r.routeId}"`);
    } else if (r.kind === "edges") edges(r.edges, where);
    else if ([r.from, ...r.via, r.to].every((e) => road(e, where)) && net && !plan(ctx, r.from, r.to, r.via)) {
      problems.add(`${where}: no route from "${r.from}" to "${r.to}" on the map`);
    }
  };
  for (const r of demand.routes) edges(r.edges, `route "${r.id}"`);
  for (const v of demand.vehicles) routing(v.routing, `vehicle "${v.id}"`);
  for (const f of demand.flows) routing(f.routing, `flow "${f.id}"`);
  const list = [...problems];
  for (const p of list.slice(0, MAX_PROBLEMS_PER_FILE))
    ctx.error(prop.value.loc, `route file "${prop.value.value}": ${p}`);
  if (list.length > MAX_PROBLEMS_PER_FILE)
    ctx.error(
      prop.value.loc,
      `route file "${prop.value.value}": ${list.length - MAX_PROBLEMS_PER_FILE} more problems like these`,
    );
}
