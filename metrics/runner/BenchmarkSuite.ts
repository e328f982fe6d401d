/**
 * A benchmark suite file (JSON): which policies run on which scenarios, with which seeds and how
 * many episodes per seed (docs/benchmark-runner.md). The schema is zod; {@link loadSuite} turns a
 * file into a checked suite with absolute scenario paths, or throws a {@link SuiteError} whose lines
 * name the file and the field (`paper.json: policies[1].locator: expected string, received number`).
 */
import { existsSync } from "node:fs";
import { InputFileError, readInputText } from "../../spec/readInputFile.js";
import { basename, dirname, join, resolve } from "node:path";
import { z } from "zod";
import { packageRoot } from "../../compose/packageRoot.js";
import { MetricParamsSchema, DEFAULT_METRIC_PARAMS, type MetricParams } from "../MetricParams.js";

const Id = z.string().regex(/^[A-Za-z0-9_.@:-]+$/, "use letters, digits and _ . @ : - only");
const Seed = z.number().int().nonnegative();

/** One scenario column of the suite. */
export const SuiteScenarioSchema = z.strictObject({
  /** Short id (CSV, JSON, chart keys). */
  id: Id,
  /** Column heading in reports. @default the id */
  label: z.string().min(1).optional(),
  /** The .scn file, relative to the suite file. */
  file: z.string().min(1),
  /** Traffic provider. @default "auto" (local IDM/MOBIL traffic when the scenario has any) */
  traffic: z.enum(["auto", "local", "sumo", "none"]).optional(),
});

/** One policy row of the suite. */
export const SuitePolicySchema = z.strictObject({
  /** Row heading in reports; unique in the suite. */
  name: z.string().min(1),
  /** Zoo locator (`keep-lane@v0`, `idm-mobil@v1`, `file:./model`). */
  locator: z.string().min(1),
  /** Options passed to the policy (e.g. `{ "preset": "cautious" }`). @default {} */
  options: z.record(z.string(), z.unknown()).optional(),
  /** Seeds the policy was trained on: episodes with these seeds count as seen (generalization). @default [] */
  trainedSeeds: z.array(Seed).optional(),
});

/** Published numbers shown beside the suite's rows (e.g. the SMARTS paper's). */
export const SuiteReferenceSchema = z.strictObject({
  /** Row heading, e.g. `PPO (SMARTS paper)`. */
  name: z.string().min(1),
  /** Where the numbers come from. */
  source: z.string().min(1),
  /** Scenario id → collision and completion rates. */
  cells: z.record(
    z.string(),
    z.strictObject({ collision: z.number().min(0).max(1), completion: z.number().min(0).max(1) }),
  ),
});

/** A suite file. */
export const SuiteFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /** Suite name (report title, default output folder). */
    name: Id,
    description: z.string().optional(),
    scenarios: z.array(SuiteScenarioSchema).min(1),
    policies: z.array(SuitePolicySchema).min(1),
    /** A list of seeds, or `{ from, count }` for `from … from + count − 1`. */
    seeds: z.union([z.array(Seed).min(1), z.strictObject({ from: Seed, count: z.number().int().positive() })]),
    /** Episodes per seed (repeats measure stochasticity). @default 1 */
    episodes: z.number().int().positive().optional(),
    /** Step limit per episode. @default the scenario's duration, else its agents' step limit, else 1000 */
    maxSteps: z.number().int().positive().optional(),
    /** Overrides of the metric thresholds (metrics/MetricParams.ts). */
    metricParams: MetricParamsSchema.partial().optional(),
    references: z.array(SuiteReferenceSchema).optional(),
  })
  .superRefine((s, ctx) => {
    const dup = (values: string[], where: string, what: string) => {
      values.forEach((v, i) => {
        if (values.indexOf(v) !== i)
          ctx.addIssue({ code: "custom", path: [where, i, what], message: `duplicate ${what} "${v}"` });
      });
    };
    dup(
      s.scenarios.map((x) => x.id),
      "scenarios",
      "id",
    );
    dup(
      s.policies.map((x) => x.name),
      "policies",
      "name",
    );
    const ids = new Set(s.scenarios.map((x) => x.id));
    (s.references ?? []).forEach((r, i) => {
      for (const k of Object.keys(r.cells))
        if (!ids.has(k))
          ctx.addIssue({ code: "custom", path: ["references", i, "cells", k], message: `no scenario with id "${k}"` });
    });
  });

/** A suite file as written. */
export type SuiteFile = z.infer<typeof SuiteFileSchema>;

/** A checked suite, ready to run. */
export interface BenchmarkSuite {
  name: string;
  description: string;
  /** The suite file (absolute), or '' for suites built in code. */
  path: string;
  /** `file` is absolute; `source` is the path as the suite wrote it. */
  scenarios: { id: string; label: string; file: string; source: string; traffic: "auto" | "local" | "sumo" | "none" }[];
  policies: { name: string; locator: string; options: Record<string, unknown>; trainedSeeds: number[] }[];
  seeds: number[];
  episodes: number;
  maxSteps: number | null;
  metricParams: MetricParams;
  references: z.infer<typeof SuiteReferenceSchema>[];
}

/** A suite file that does not parse or check; `message` has one line per problem. */
export class SuiteError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => `${file}: ${p}`).join("\n"));
    this.name = "SuiteError";
  }
}

/** `policies[1].locator` for a zod path. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(top level)";
}

/** Checks parsed suite data; `file` names it in errors and anchors relative scenario paths. */
export function checkSuite(data: unknown, file: string): BenchmarkSuite {
  const shown = basename(file);
  const r = SuiteFileSchema.safeParse(data);
  if (!r.success) {
    throw new SuiteError(
      shown,
      r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message.replace(/^Invalid input: /, "")}`),
    );
  }
  const s = r.data;
  const dir = dirname(resolve(file));
  const problems: string[] = [];
  const scenarios = s.scenarios.map((x, i) => {
    const path = resolve(dir, x.file);
    if (!existsSync(path)) problems.push(`scenarios[${i}].file: no such file "${x.file}" (looked for ${path})`);
    return { id: x.id, label: x.label ?? x.id, file: path, source: x.file, traffic: x.traffic ?? "auto" };
  });
  if (problems.length) throw new SuiteError(shown, problems);
  const seeds = Array.isArray(s.seeds)
    ? s.seeds
    : Array.from({ length: s.seeds.count }, (_, k) => (s.seeds as { from: number }).from + k);
  return {
    name: s.name,
    description: s.description ?? "",
    path: resolve(file),
    scenarios,
    policies: s.policies.map((p) => ({
      name: p.name,
      locator: p.locator,
      options: p.options ?? {},
      trainedSeeds: p.trainedSeeds ?? [],
    })),
    seeds,
    episodes: s.episodes ?? 1,
    maxSteps: s.maxSteps ?? null,
    metricParams: { ...DEFAULT_METRIC_PARAMS, ...(s.metricParams ?? {}) },
    references: s.references ?? [],
  };
}

/** Reads and checks a suite file. */
export function loadSuite(file: string): BenchmarkSuite {
  let text: string;
  try {
    text = readInputText(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SuiteError(basename(file), [
      code === "ENOENT"
        ? `no such file (${resolve(file)})`
        : `cannot read: ${e instanceof InputFileError ? e.reason : (e as Error).message}`,
    ]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SuiteError(basename(file), [`not valid JSON: ${(e as Error).message}`]);
  }
  return checkSuite(data, file);
}

/** Names of the built-in suites (metrics/suites/<name>.json). */
export function builtInSuites(): string[] {
  return ["paper"];
}

/**
 * The suite file for `arg`: the path itself, or the built-in suite of that name.
 * @throws SuiteError when it is neither
 */
export function suiteFile(arg: string): string {
  if (existsSync(arg)) return arg;
  const builtin = join(packageRoot(), "metrics", "suites", `${arg}.json`);
  if (/^[A-Za-z0-9_-]+$/.test(arg) && existsSync(builtin)) return builtin;
  throw new SuiteError(arg, [
    `no such suite file, and no built-in suite of that name (built-in: ${builtInSuites().join(", ")})`,
  ]);
}

/** What `roadgym benchmark` lets a run change of its suite. */
export interface SuiteOverrides {
  /** Episodes per seed instead of the suite's. */
  episodes?: number;
  /** Run only the suite's first `seeds` seeds. */
  seeds?: number;
}

/** `suite` with `overrides` applied (a new object). */
export function withOverrides(suite: BenchmarkSuite, overrides: SuiteOverrides): BenchmarkSuite {
  return {
    ...suite,
    episodes: overrides.episodes ?? suite.episodes,
    seeds: overrides.seeds === undefined ? suite.seeds : suite.seeds.slice(0, overrides.seeds),
  };
}
