/**
 * Pass 10: variations — alternative traffic sets (`traffic <name> { ... }`) and parameter sweeps
 * (`sweep driver <name> <param> v1, v2, ...`, `sweep flow <name> <param> ...`). The variations are
 * the product of the traffic sets (or the base traffic when there are none) and every sweep's values.
 */
import type { NameNode, SweepNode } from "../ast.js";
import type { CompileContext } from "../CompileContext.js";
import type { Override, Traffic, Variation } from "../../spec/CompiledScenario.js";
import { didYouMean } from "../suggest.js";
import type { UnitKind } from "../units.js";
import { DRIVER_PARAMS } from "./lowerDrivers.js";
import { lowerTrafficBlock } from "./lowerTraffic.js";
import { blockName, PropTable, scenarioProps } from "./props.js";
import { readDistribution, readQuantity, type QuantityRules } from "./values.js";

/** More variations than this is a mistake (a sweep product exploding), reported as an error. */
export const MAX_VARIATIONS = 10_000;

const FLOW_PARAMS: Readonly<
  Record<string, { field: Extract<Override, { target: "flow" }>["field"]; kind: UnitKind; rules: QuantityRules }>
> = {
  rate: { field: "ratePerHour", kind: "rate", rules: { min: 0, minExclusive: true } },
  probability: { field: "probabilityPerS", kind: "number", rules: { min: 0, max: 1 } },
  begin: { field: "beginS", kind: "time", rules: { min: 0 } },
  end: { field: "endS", kind: "time", rules: { min: 0, minExclusive: true } },
  count: { field: "count", kind: "count", rules: { min: 1 } },
};

export function lowerVariations(ctx: CompileContext): void {
  ctx.out.variations = [];
  const block = scenarioProps(ctx).blocks("variations")[0];
  if (!block) return;
  const props = new PropTable(ctx, block.items, "variations", ["traffic", "sweep"]);

  const sets: { name: string; traffic: Traffic | null }[] = [];
  const names = new Map<string, number>();
  props.blocks("traffic").forEach((b, i) => {
    const name = b.name ? blockName(b) : `traffic${i + 1}`;
    if (names.has(name))
      ctx.error(
        (b.name as NameNode | null)?.loc ?? b.loc,
        `duplicate traffic variation "${name}" (first at line ${names.get(name)})`,
      );
    names.set(name, b.loc.start.line);
    sets.push({ name, traffic: lowerTrafficBlock(ctx, b) });
  });
  if (sets.length === 0) sets.push({ name: "base", traffic: null });

  const sweeps: { label: string; overrides: Override[] }[][] = [];
  for (const p of props.all("sweep")) {
    if (p.value.type !== "sweep") continue;
    const options = lowerSweep(ctx, p.value);
    if (options) sweeps.push(options);
  }

  let total = sets.length;
  for (const s of sweeps) total *= s.length;
  if (total > MAX_VARIATIONS) {
    ctx.error(
      block.loc,
      `${total} variations (the product of the traffic sets and every sweep); at most ${MAX_VARIATIONS}`,
    );
    return;
  }
  let product: Variation[] = sets.map((s) => ({ name: s.name, traffic: s.traffic, overrides: [] }));
  for (const options of sweeps) {
    const next: Variation[] = [];
    for (const v of product)
      for (const o of options)
        next.push({ name: `${v.name}, ${o.label}`, traffic: v.traffic, overrides: [...v.overrides, ...o.overrides] });
    product = next;
  }
  ctx.out.variations = product;
}

function lowerSweep(ctx: CompileContext, s: SweepNode): { label: string; overrides: Override[] }[] | undefined {
  const name = s.name.name;
  const pname = s.param.name;
  const label = (i: number) =>
    `${s.target} ${name} ${pname}=${s.values[i].type === "quantity" ? s.values[i].text : `#${i + 1}`}`;
  if (s.target === "driver") {
    if (!ctx.symbols.drivers.has(name)) {
      ctx.error(s.name.loc, `unknown driver "${name}"${didYouMean(name, ctx.symbols.drivers.keys())}`);
      return undefined;
    }
    const param = DRIVER_PARAMS[pname];
    if (!param) {
      ctx.error(s.param.loc, `drivers have no parameter "${pname}"${didYouMean(pname, Object.keys(DRIVER_PARAMS))}`);
      return undefined;
    }
    const values = s.values.map((v) => readDistribution(ctx, v, param.kind, pname.replace(/_/g, " "), param.rules));
    if (!values.every((v) => v !== undefined)) return undefined;
    return values.map((value, i) => ({
      label: label(i),
      overrides: [{ target: "driver", name, field: param.field, value: value! }],
    }));
  }
  if (!ctx.symbols.flows.has(name)) {
    ctx.error(s.name.loc, `unknown flow "${name}" of the base traffic${didYouMean(name, ctx.symbols.flows.keys())}`);
    return undefined;
  }
  const param = FLOW_PARAMS[pname];
  if (!param) {
    ctx.error(
      s.param.loc,
      `flows have no sweepable parameter "${pname}"${didYouMean(pname, Object.keys(FLOW_PARAMS))} (sweepable: ${Object.keys(FLOW_PARAMS).join(", ")})`,
    );
    return undefined;
  }
  const flow = ctx.out.traffic?.flows.find((f) => f.name === name);
  if (flow && (pname === "rate" || pname === "probability") && flow.spawn.kind !== pname) {
    ctx.error(s.param.loc, `flow "${name}" uses a ${flow.spawn.kind}, so its ${pname} cannot be swept`);
    return undefined;
  }
  const values: number[] = [];
  for (const v of s.values) {
    if (v.type !== "quantity") {
      ctx.error(v.loc, `a flow's ${pname} takes plain values, not a distribution`);
      return undefined;
    }
    const n = readQuantity(ctx, v, param.kind, pname, param.rules);
    if (n === undefined) return undefined;
    values.push(n);
  }
  return values.map((value, i) => ({
    label: label(i),
    overrides: [{ target: "flow", name, field: param.field, value }],
  }));
}
