/**
 * Reading typed values out of AST nodes: quantities of a unit kind converted to SI, with range
 * checks, and distributions. Problems are reported at the value's location; the readers then
 * return undefined and the caller leaves the field out (the compile has failed anyway).
 */
import type { DistributionNode, PointNode, QuantityNode } from "../ast.js";
import { MAX_COORDINATE_M } from "../../spec/coordinateLimit.js";
import type { CompileContext } from "../CompileContext.js";
import type { Distribution } from "../../spec/CompiledScenario.js";
import { didYouMean } from "../suggest.js";
import { toSi, UNIT_HINTS, unitKind, type UnitKind } from "../units.js";

/** Range and form constraints on a quantity, in SI. */
export interface QuantityRules {
  min?: number;
  /** `min` itself is not allowed. */
  minExclusive?: boolean;
  max?: number;
  integer?: boolean;
  /** Unit to assume for a bare number (positions: metres). */
  bareUnit?: string;
}

const SI_SYMBOL: Readonly<Record<UnitKind, string>> = {
  length: " m",
  speed: " m/s",
  acceleration: " m/s2",
  time: " s",
  angle: " rad",
  rate: " veh/h",
  number: "",
  count: "",
};

/** Formats an SI value with its unit symbol, for messages. */
export function formatSi(value: number, kind: UnitKind): string {
  return `${Number(value.toFixed(6))}${SI_SYMBOL[kind]}`;
}

/**
 * The quantity in SI units, or undefined after reporting a wrong unit or a value out of range.
 * @param what how the message names the value (`headway`, `lane offset`)
 */
export function readQuantity(
  ctx: CompileContext,
  node: QuantityNode,
  kind: UnitKind,
  what: string,
  rules: QuantityRules = {},
): number | undefined {
  let value: number;
  if (node.unit === null) {
    if (kind === "number" || kind === "count") value = node.value;
    else if (rules.bareUnit !== undefined) value = toSi(node.value, rules.bareUnit);
    else {
      ctx.error(node.loc, `${what} needs a unit: ${UNIT_HINTS[kind]}`);
      return undefined;
    }
  } else {
    const given = unitKind(node.unit);
    if (kind === "count" || given !== kind) {
      ctx.error(
        node.loc,
        `${what} takes ${UNIT_HINTS[kind]}; "${node.unit}" is ${given === undefined ? "not a unit" : `a unit of ${given}`}`,
      );
      return undefined;
    }
    value = toSi(node.value, node.unit);
  }
  if (!Number.isFinite(value)) {
    ctx.error(node.loc, `${what} must be a finite number`);
    return undefined;
  }
  if ((kind === "count" || rules.integer) && !Number.isInteger(value)) {
    ctx.error(node.loc, `${what} must be a whole number, not ${node.text}`);
    return undefined;
  }
  if (rules.min !== undefined && (value < rules.min || (rules.minExclusive && value === rules.min))) {
    const bound = rules.minExclusive ? "greater than" : "at least";
    ctx.error(node.loc, `${what} must be ${bound} ${formatSi(rules.min, kind)}, not ${node.text}`);
    return undefined;
  }
  if (rules.max !== undefined && value > rules.max) {
    ctx.error(node.loc, `${what} must be at most ${formatSi(rules.max, kind)}, not ${node.text}`);
    return undefined;
  }
  return value;
}

const DISTRIBUTIONS: Readonly<Record<string, { arity: string; check: (n: number) => boolean }>> = {
  normal: { arity: "2 arguments (mean, standard deviation)", check: (n) => n === 2 },
  uniform: { arity: "2 arguments (low, high)", check: (n) => n === 2 },
  choice: { arity: "at least 1 argument", check: (n) => n >= 1 },
};

/**
 * A distribution (or a constant) of quantities of one kind, in SI. Values are range-checked; for a
 * normal distribution only the mean is (draws are clipped at run time).
 */
export function readDistribution(
  ctx: CompileContext,
  node: QuantityNode | DistributionNode,
  kind: UnitKind,
  what: string,
  rules: QuantityRules = {},
): Distribution | undefined {
  if (node.type === "quantity") {
    const value = readQuantity(ctx, node, kind, what, rules);
    return value === undefined ? undefined : { kind: "const", value };
  }
  const fn = node.fn.name;
  const spec = DISTRIBUTIONS[fn];
  if (!spec) {
    ctx.error(
      node.fn.loc,
      `unknown distribution "${fn}"${didYouMean(fn, Object.keys(DISTRIBUTIONS))} (known: normal, uniform, choice)`,
    );
    return undefined;
  }
  if (!spec.check(node.args.length)) {
    ctx.error(node.loc, `${fn}(...) takes ${spec.arity}, got ${node.args.length}`);
    return undefined;
  }
  switch (fn) {
    case "normal": {
      const mean = readQuantity(ctx, node.args[0], kind, `${what} mean`, rules);
      const sd = readQuantity(ctx, node.args[1], kind, `${what} standard deviation`, { min: 0 });
      return mean === undefined || sd === undefined ? undefined : { kind: "normal", mean, sd };
    }
    case "uniform": {
      const min = readQuantity(ctx, node.args[0], kind, `${what} low bound`, rules);
      const max = readQuantity(ctx, node.args[1], kind, `${what} high bound`, rules);
      if (min === undefined || max === undefined) return undefined;
      if (min > max) {
        ctx.error(node.loc, `uniform(low, high) needs low ≤ high, got ${node.args[0].text} > ${node.args[1].text}`);
        return undefined;
      }
      return { kind: "uniform", min, max };
    }
    default: {
      const values = node.args.map((a) => readQuantity(ctx, a, kind, what, rules));
      return values.every((v): v is number => v !== undefined) ? { kind: "choice", values } : undefined;
    }
  }
}

/** A point `(x, y)` in metres (bare numbers are metres); `positive`: both above 0. */
export function readPoint(
  ctx: CompileContext,
  p: PointNode,
  what: string,
  positive = false,
): [number, number] | undefined {
  const bound = { max: MAX_COORDINATE_M, bareUnit: "m" as const };
  const rules = positive ? { ...bound, min: 0, minExclusive: true } : { ...bound, min: -MAX_COORDINATE_M };
  const x = readQuantity(ctx, p.x, "length", `${what} x`, rules);
  const y = readQuantity(ctx, p.y, "length", `${what} y`, rules);
  return x === undefined || y === undefined ? undefined : [x, y];
}
