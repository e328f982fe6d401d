/**
 * The agent zoo: a registry *value* (no module-level registry; DESIGN §3) from versioned locators
 * to policy factories. `resolve` validates a scenario's parameters against the entry's zod schema
 * (errors name the locator and the field) and makes an {@link AgentSpec}; `resolver()` adapts the
 * zoo to the simulation's {@link SocialPolicyResolver}, optionally running policies in worker
 * threads.
 */
import { isAbsolute, resolve as resolvePath } from "node:path";
import type { z } from "zod";
import type { SocialPolicyResolver } from "../core/agents/SocialPolicy.js";
import { toSocialPolicy, type AgentSpec } from "./AgentSpec.js";
import { entryLocator, parseLocator } from "./locator.js";
import { startWorkerPolicy } from "./worker/WorkerPolicy.js";
import type { ZooContext, ZooEntry } from "./ZooEntry.js";

/** Loads `file:` locators (e.g. trained tfjs policies). */
export interface ZooFileLoader {
  /** One line on what it loads. */
  readonly summary: string;
  /** Parameters a `file:` locator accepts. */
  readonly params: z.ZodObject;
  /** Makes the spec of the policy at `path` (absolute). */
  load(path: string, params: Record<string, unknown>, context: ZooContext): Promise<AgentSpec>;
}

/** Options of {@link Zoo.resolver}. */
export interface ZooResolverOptions {
  /**
   * Run policies in worker threads: `true` for every locator, or a predicate. A worker rebuilds the
   * zoo from `workerZoo` and makes the same entry there. @default false
   */
  workers?: boolean | ((locator: string) => boolean);
  /** How a worker rebuilds this zoo: a module URL and the name of its exported zoo factory. @default the built-in zoo */
  workerZoo?: { moduleUrl: string; exportName: string };
}

/** A registry of zoo entries. */
export class Zoo {
  private readonly byLocator = new Map<string, ZooEntry>();
  private fileLoader: ZooFileLoader | undefined;

  /** Adds `entry`; throws when its locator is taken. */
  register<S extends z.ZodObject>(entry: ZooEntry<S>): this {
    const loc = entryLocator(entry.name, entry.version);
    if (!/^[a-z0-9][a-z0-9_.-]*$/.test(entry.name))
      throw new Error(`zoo: bad entry name "${entry.name}" (lowercase letters, digits, "-", "_", ".")`);
    if (this.byLocator.has(loc)) throw new Error(`zoo: "${loc}" is registered already`);
    this.byLocator.set(loc, entry);
    return this;
  }

  /** Sets the loader of `file:` locators. */
  setFileLoader(loader: ZooFileLoader): this {
    this.fileLoader = loader;
    return this;
  }

  /** The `file:` loader, if any. */
  get files(): ZooFileLoader | undefined {
    return this.fileLoader;
  }

  /** Every entry, sorted by name then version. */
  entries(): ZooEntry[] {
    return [...this.byLocator.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : a.version - b.version,
    );
  }

  /** The entry of `locator` (`name@vN`); throws naming the known entries or versions. */
  entry(locator: string): ZooEntry {
    const loc = parseLocator(locator);
    if (loc.kind === "file") throw new Error(`zoo: "${locator}" is a file locator, not an entry`);
    const e = this.byLocator.get(entryLocator(loc.name, loc.version));
    if (e) return e;
    const versions = this.entries()
      .filter((x) => x.name === loc.name)
      .map((x) => `v${x.version}`);
    if (versions.length)
      throw new Error(`zoo: no version v${loc.version} of "${loc.name}"; it has ${versions.join(", ")}`);
    throw new Error(
      `zoo: no entry "${locator}"; entries are ${[...this.byLocator.keys()].sort().join(", ") || "(none)"}`,
    );
  }

  /** Validates `params` for `locator` and makes its agent spec. */
  async resolve(locator: string, params: Readonly<Record<string, unknown>>, context: ZooContext): Promise<AgentSpec> {
    const loc = parseLocator(locator);
    if (loc.kind === "file") {
      if (!this.fileLoader) throw new Error(`zoo: "${locator}": this zoo loads no file policies`);
      const p = validateParams(locator, this.fileLoader.params, params);
      const path = isAbsolute(loc.path) ? loc.path : resolvePath(context.baseDir, loc.path);
      return this.fileLoader.load(path, p, context);
    }
    const entry = this.entry(locator);
    return entry.make(validateParams(locator, entry.params, params), context);
  }

  /** This zoo as the simulation's social-policy resolver. */
  resolver(options: ZooResolverOptions = {}): SocialPolicyResolver {
    const inWorker = typeof options.workers === "function" ? options.workers : () => options.workers === true;
    return async (req) => {
      if (inWorker(req.ref.locator)) {
        return startWorkerPolicy(req, options.workerZoo);
      }
      const { ref, ...context } = req;
      return toSocialPolicy(await this.resolve(ref.locator, ref.params, context));
    };
  }
}

/**
 * `params` checked against `schema` (strict: unknown keys are errors) with defaults filled in;
 * throws `zoo "<locator>": parameter "<field>": <why>` for the first problem.
 */
export function validateParams(
  locator: string,
  schema: z.ZodObject,
  params: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const r = schema.strict().safeParse(params);
  if (r.success) return r.data as Record<string, unknown>;
  throw new Error(paramProblems(locator, schema, params, r.error.issues)[0].message);
}

/** Every problem of `params` for `locator` (strict: unknown keys too), each naming the parameter. */
export function checkParams(
  locator: string,
  schema: z.ZodObject,
  params: Readonly<Record<string, unknown>>,
): { param?: string; message: string }[] {
  const r = schema.strict().safeParse(params);
  return r.success ? [] : paramProblems(locator, schema, params, r.error.issues);
}

function paramProblems(
  locator: string,
  schema: z.ZodObject,
  params: Readonly<Record<string, unknown>>,
  issues: readonly z.core.$ZodIssue[],
): { param?: string; message: string }[] {
  const known = Object.keys(schema.shape);
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((k) => ({
        param: k,
        message: `zoo "${locator}": unknown parameter "${k}"; parameters are ${known.join(", ") || "(none)"}`,
      }));
    const field = issue.path.join(".");
    const got = issue.path.length ? (params as Record<string, unknown>)[String(issue.path[0])] : params;
    return [
      {
        ...(issue.path.length > 0 && { param: String(issue.path[0]) }),
        message: `zoo "${locator}": parameter "${field}": ${issue.message} (got ${JSON.stringify(got)})`,
      },
    ];
  });
}
