/** Pass 8: social agents — a zoo policy (checked locator, parameters in SI) with a mission and a vehicle. */
import { dirname, resolve } from "node:path";
import type { NameNode, ParamsNode, ZooRefNode } from "../ast.js";
import type { CompileContext } from "../CompileContext.js";
import { SCENARIO_DEFAULTS, type PolicyRef, type SocialAgent } from "../../spec/CompiledScenario.js";
import { toSi } from "../units.js";
import { lowerMission } from "./lowerAgents.js";
import { reference } from "./lowerTraffic.js";
import { PropTable, scenarioProps } from "./props.js";

/** `name@vN` (a zoo entry and its version) or `file:<path>` (a policy on disk). */
const LOCATOR = /^(?:[a-z0-9][a-z0-9_.-]*@v[0-9]+|file:\S.*)$/;

export function lowerSocialAgents(ctx: CompileContext): void {
  const blocks = scenarioProps(ctx).blocks("social");
  const out: SocialAgent[] = [];
  const seen = new Set<string>();
  for (const block of blocks) {
    const name = (block.name as NameNode).name;
    const what = `social agent "${name}"`;
    const props = new PropTable(ctx, block.items, what, ["via_point"]);
    const zoo = props.get("zoo");
    let policy: PolicyRef | undefined;
    if (!zoo) ctx.error(block.loc, `${what} needs a policy: \`zoo "keep-lane@v0"\``);
    else if (zoo.value.type === "zooRef") policy = lowerZooRef(ctx, zoo.value);
    const mission = lowerMission(ctx, block, props, what);
    const vehicle = reference(ctx, props.get("vehicle"), ctx.symbols.vehicleTypes, "vehicle type");
    if (policy && mission && vehicle !== null && !seen.has(name))
      out.push({ name, policy, vehicle: vehicle ?? SCENARIO_DEFAULTS.vehicle, mission });
    seen.add(name);
  }
  ctx.out.socialAgents = out;
}

/** A zoo reference with its locator checked and parameters converted; undefined after reporting. */
export function lowerZooRef(ctx: CompileContext, node: ZooRefNode): PolicyRef | undefined {
  const locator = node.locator.value;
  let ok = true;
  if (!LOCATOR.test(locator)) {
    ctx.error(
      node.locator.loc,
      `bad zoo locator "${locator}": write "<name>@v<version>" (e.g. "keep-lane@v0") or "file:<path>"`,
    );
    ok = false;
  }
  const params = lowerParams(ctx, node.params);
  if (!ok || !params) return undefined;
  const ref = { locator, params };
  const problems = ctx.policyCheck?.(ref, dirname(resolve(ctx.file))) ?? [];
  for (const p of problems) {
    const entry =
      p.param === undefined
        ? undefined
        : node.params?.entries.find((e) => e.type === "param" && e.name.name === p.param);
    ctx.error(entry?.loc ?? node.locator.loc, p.message);
  }
  return problems.length === 0 ? ref : undefined;
}

function lowerParams(ctx: CompileContext, node: ParamsNode | null): PolicyRef["params"] | undefined {
  const params: PolicyRef["params"] = {};
  if (!node) return params;
  const lines = new Map<string, number>();
  let ok = true;
  for (const e of node.entries) {
    if (e.type !== "param") continue;
    const key = e.name.name;
    if (lines.has(key)) {
      ctx.error(e.loc, `${key} given twice (first at line ${lines.get(key)})`);
      ok = false;
      continue;
    }
    lines.set(key, e.loc.start.line);
    const v = e.value;
    params[key] =
      v.type === "quantity"
        ? v.unit === null
          ? v.value
          : toSi(v.value, v.unit)
        : v.type === "bool"
          ? v.value
          : v.type === "string"
            ? v.value
            : v.name;
  }
  return ok ? params : undefined;
}
