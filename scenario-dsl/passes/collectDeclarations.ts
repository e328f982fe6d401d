/**
 * Pass 1: declarations. Collects the names of vehicle types, drivers, agents, social agents, trips
 * and flows, reporting duplicates (including clashes with built-ins, and agent/social/trip names,
 * which share one vehicle-id namespace), and requires exactly one `map`.
 */
import type { BlockNode, NameNode } from "../ast.js";
import { BUILT_IN_VEHICLE_TYPES, SCENARIO_DEFAULTS } from "../../spec/CompiledScenario.js";
import type { CompileContext } from "../CompileContext.js";
import { PropTable, SCENARIO_REPEATABLE } from "./props.js";

export function collectDeclarations(ctx: CompileContext): void {
  const { symbols } = ctx;
  for (const t of BUILT_IN_VEHICLE_TYPES) symbols.vehicleTypes.set(t.name, null);
  symbols.drivers.set(SCENARIO_DEFAULTS.driver.name, null);

  const top = new PropTable(ctx, ctx.ast.items, "the scenario", SCENARIO_REPEATABLE);
  if (!top.get("map"))
    ctx.error(
      ctx.ast.name.loc,
      `scenario "${ctx.ast.name.value}" has no map; add \`map sumo "file.net.xml"\` or \`map <generator> { ... }\``,
    );

  const declare = (table: Map<string, NameNode | null>, name: NameNode, what: string, builtIn: string) => {
    if (table.has(name.name)) {
      const first = table.get(name.name);
      ctx.error(
        name.loc,
        first
          ? `duplicate ${what} "${name.name}" (first declared at line ${first.loc.start.line})`
          : `${what} "${name.name}" is ${builtIn}; choose another name`,
      );
      return;
    }
    table.set(name.name, name);
  };
  for (const b of top.blocks("vehicle_type"))
    declare(symbols.vehicleTypes, b.name as NameNode, "vehicle type", "built in (use `base` to derive from it)");
  for (const b of top.blocks("driver")) declare(symbols.drivers, b.name as NameNode, "driver", "built in");

  // Agents, social agents and trips name vehicles: one namespace.
  const vehicles = new Map<string, NameNode>();
  const declareVehicle = (table: Map<string, NameNode>, name: NameNode, what: string) => {
    const first = vehicles.get(name.name);
    if (first) {
      ctx.error(
        name.loc,
        `duplicate name "${name.name}": ${what} names clash with an agent, social agent or trip (first declared at line ${first.loc.start.line})`,
      );
      return;
    }
    vehicles.set(name.name, name);
    table.set(name.name, name);
  };
  for (const b of top.blocks("agent")) declareVehicle(symbols.agents, b.name as NameNode, "agent");
  for (const b of top.blocks("social")) declareVehicle(symbols.socials, b.name as NameNode, "social agent");

  const trafficSets: BlockNode[] = [...top.blocks("traffic")];
  for (const v of top.blocks("variations"))
    for (const item of v.items) if (item.type === "block" && item.kind === "traffic") trafficSets.push(item);
  trafficSets.forEach((traffic, i) => {
    const flowNames = new Map<string, NameNode>();
    for (const item of traffic.items) {
      if (item.type !== "block" || item.name === null || item.name.type !== "name") continue;
      if (item.kind === "trip") declareVehicle(symbols.trips, item.name, "trip");
      if (item.kind === "flow") {
        const first = flowNames.get(item.name.name);
        if (first)
          ctx.error(
            item.name.loc,
            `duplicate flow "${item.name.name}" (first declared at line ${first.loc.start.line})`,
          );
        else flowNames.set(item.name.name, item.name);
      }
    }
    if (i === 0 && top.blocks("traffic").length > 0) for (const [k, v] of flowNames) symbols.flows.set(k, v);
  });
}
