/**
 * The default policy resolver of the benchmark runner: roadgym's built-in agent zoo
 * (agent-zoo/defaultZoo.ts) through {@link zooPolicyResolver}. Benchmark workers load this module
 * unless told otherwise.
 */
import { createDefaultZoo } from "../../agent-zoo/defaultZoo.js";
import type { PolicyResolver } from "./PolicyResolver.js";
import { zooPolicyResolver } from "./zooPolicyResolver.js";

/** The resolver for the built-in zoo. */
export function createPolicyResolver(): PolicyResolver {
  return zooPolicyResolver(createDefaultZoo());
}
