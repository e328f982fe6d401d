/**
 * The zoo as data for listings (`roadgym zoo list`): per entry its locator, summary, action space,
 * observation needs and parameters (type, bounds, default, meaning), read from the zod schemas.
 */
import { z } from "zod";
import { entryLocator } from "./locator.js";
import type { Zoo } from "./Zoo.js";

/** One parameter of an entry. */
export interface ParamDescription {
  name: string;
  /** `number`, `boolean`, `string`, `a | b | c`, with `| null` when null is allowed. */
  type: string;
  /** `[min, max]` bounds where the schema has them (null: unbounded on that side). */
  range: [number | null, number | null] | null;
  /** The default; undefined when the parameter is required or comes from elsewhere (a preset). */
  default?: unknown;
  required: boolean;
  description: string;
}

/** One entry (or the `file:` loader). */
export interface EntryDescription {
  locator: string;
  summary: string;
  actionSpace: string;
  observes: string[];
  params: ParamDescription[];
}

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

/** The parameters of a strict zod object schema. */
export function describeParams(schema: z.ZodObject): ParamDescription[] {
  const js = z.toJSONSchema(schema, { io: "input" }) as JsonSchema;
  const required = new Set(js.required ?? []);
  return Object.entries(js.properties ?? {}).map(([name, p]) => {
    const parts = p.anyOf ?? [p];
    const types = parts.map((q) =>
      q.enum
        ? q.enum.map((e) => JSON.stringify(e)).join(" | ")
        : Array.isArray(q.type)
          ? q.type.join(" | ")
          : (q.type ?? "any"),
    );
    const num = parts.find((q) => q.type === "number" || q.type === "integer");
    const lo = num ? (num.minimum ?? num.exclusiveMinimum ?? null) : null;
    const hi = num ? (num.maximum ?? num.exclusiveMaximum ?? null) : null;
    const d: ParamDescription = {
      name,
      type: types.join(" | "),
      range: num && (lo !== null || hi !== null) ? [lo, hi] : null,
      required: required.has(name) && p.default === undefined,
      description: p.description ?? "",
    };
    if (p.default !== undefined) d.default = p.default;
    return d;
  });
}

/** Every entry of `zoo`, then its `file:` loader. */
export function describeZoo(zoo: Zoo): EntryDescription[] {
  const out: EntryDescription[] = zoo.entries().map((e) => ({
    locator: entryLocator(e.name, e.version),
    summary: e.summary,
    actionSpace: e.actionSpace,
    observes: [...e.observes],
    params: describeParams(e.params),
  }));
  const files = zoo.files;
  if (files)
    out.push({
      locator: "file:<dir>",
      summary: files.summary,
      actionSpace: "from policy.json (action.space)",
      observes: ["vector (policy.json observation.config)"],
      params: describeParams(files.params),
    });
  return out;
}
