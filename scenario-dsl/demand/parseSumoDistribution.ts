import type { SumoDistribution } from "../../spec/SumoDemand.js";

/** Parameter names of each SUMO distribution, in the order SUMO writes them. */
const PARAMS: Readonly<Record<SumoDistribution["kind"], readonly string[]>> = {
  norm: ["mean", "dev"],
  normc: ["mean", "dev", "min", "max"],
  uniform: ["min", "max"],
  lognormal: ["mean", "dev"],
  gamma: ["alpha", "beta"],
  expo: ["lambda"],
};

/**
 * Reads SUMO's distribution syntax, `name(a,b,…)` — `normc(1,0.1,0.2,2)`, `uniform(0.8,1.2)`, … —
 * without regular expressions. Returns a problem description instead of throwing, so that the caller
 * can report it at the attribute's location.
 */
export function parseSumoDistribution(text: string): SumoDistribution | { error: string } {
  const open = text.indexOf("(");
  if (open < 0 || !text.endsWith(")")) return { error: `"${text}" is not "name(a,b,…)"` };
  const name = text.slice(0, open).trim();
  if (!Object.hasOwn(PARAMS, name)) {
    return { error: `unknown distribution "${name}" (known: ${Object.keys(PARAMS).join(", ")})` };
  }
  const kind = name as SumoDistribution["kind"];
  const names = PARAMS[kind];
  const args = text
    .slice(open + 1, -1)
    .split(",")
    .map((a) => (a.trim().length === 0 ? Number.NaN : Number(a)));
  if (args.length !== names.length || !args.every(Number.isFinite)) {
    return { error: `${kind}(${names.join(",")}) takes ${names.length} numbers, got "${text}"` };
  }
  const dist: Record<string, unknown> = { kind };
  names.forEach((n, i) => (dist[n] = args[i]));
  const d = dist as SumoDistribution;
  if ((d.kind === "norm" || d.kind === "normc" || d.kind === "lognormal") && d.dev < 0) {
    return { error: `${text}: dev must not be negative` };
  }
  if ((d.kind === "normc" || d.kind === "uniform") && d.min > d.max) return { error: `${text}: min exceeds max` };
  if (d.kind === "gamma" && (d.alpha <= 0 || d.beta <= 0)) return { error: `${text}: alpha and beta must be positive` };
  if (d.kind === "expo" && d.lambda <= 0) return { error: `${text}: lambda must be positive` };
  return d;
}
